# Helpers shared by the benchmark scripts (load.sh, pair.sh, start-pair.sh); sourced, not run.

# A TCP port free on 127.0.0.1 right now.
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# Waits until a server on 127.0.0.1:PORT answers /readyz with 200, asking every INTERVAL seconds
# (default 0.005) at most TRIES times (default 2000); fails when it never did.
await_ready() { # port [tries] [interval]
  for _ in $(seq 1 "${2:-2000}"); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$1/readyz")" = 200 ] && return 0
    sleep "${3:-0.005}"
  done
  return 1
}

# Reads the administrator's access key, secret and account from DATA_DIR/admin-credentials.ini
# into admin_key, admin_secret and admin_account.
read_admin() { # data-dir
  admin_key="$(sed -n 's/^aws_access_key_id = //p' "$1/admin-credentials.ini")"
  admin_secret="$(sed -n 's/^aws_secret_access_key = //p' "$1/admin-credentials.ini")"
  admin_account="$(sed -n 's/^# account = //p' "$1/admin-credentials.ini")"
}

# The AWS CLI v2 as the administrator read_admin read, against the server at ENDPOINT, with text
# output and no configuration of the user's; HOME is the calling script's $work.
aws_admin() { # endpoint aws-arguments...
  local endpoint=$1; shift
  AWS_ACCESS_KEY_ID="$admin_key" AWS_SECRET_ACCESS_KEY="$admin_secret" AWS_DEFAULT_REGION=us-east-1 \
    AWS_EC2_METADATA_DISABLED=true AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null \
    HOME="$work" /usr/bin/aws "$@" --endpoint-url "$endpoint" --output text
}

# Creates the role "bench", trusting that administrator, and prints its ARN.
create_bench_role() { # endpoint
  local trust="{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::$admin_account:user/admin\"},\"Action\":\"sts:AssumeRole\"}]}"
  aws_admin "$1" iam create-role --role-name bench --assume-role-policy-document "$trust" --query Role.Arn
}

# The form of an AssumeRole of ROLE_ARN with session name "bench".
assume_form() { # role-arn
  printf 'Action=AssumeRole&Version=2011-06-15&RoleSessionName=bench&RoleArn=%s\n' \
    "$(python3 -c 'import sys,urllib.parse;print(urllib.parse.quote(sys.argv[1],safe=""))' "$1")"
}
