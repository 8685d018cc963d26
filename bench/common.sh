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
