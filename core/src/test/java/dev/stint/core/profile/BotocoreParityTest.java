package dev.stint.core.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Feeds a corpus of awkward files to botocore itself ({@code Session.full_config}) and to our
 * reader, and compares the profile maps in full. When botocore refuses a file, ours must refuse it
 * too.
 */
class BotocoreParityTest {

  private static final String BOTOCORE =
      """
      import json, os, sys
      import botocore.session
      for case in sys.argv[1:]:
          s = botocore.session.Session()
          s.set_config_variable('config_file', os.path.join(case, 'config'))
          s.set_config_variable('credentials_file', os.path.join(case, 'credentials'))
          try:
              c = s.full_config
              out = json.dumps({'names': list(c['profiles']), 'profiles': c['profiles'],
                                'sso_sessions': c.get('sso_sessions', {}),
                                'services': c.get('services', {})}, sort_keys=True)
          except Exception as e:
              out = 'ERROR'
          print(os.path.basename(case) + '\\t' + out)
      """;

  private record Case(String name, String config, String credentials) {}

  private static List<Case> corpus() {
    List<Case> cases = new ArrayList<>();
    cases.add(
        new Case(
            "documented-layout",
            """
            [default]
            region = us-west-2
            output = json

            [profile user1]
            role_arn = arn:aws:iam::123456789012:role/role-name
            source_profile = default
            sso_session = my-sso

            [sso-session my-sso]
            sso_region = us-east-1
            sso_start_url = https://my-sso-portal.awsapps.com/start
            sso_registration_scopes = sso:account:access

            [services local]
            dynamodb =
              endpoint_url = http://localhost:8000
            s3 =
              endpoint_url = http://localhost:9000
              addressing_style = path
            """,
            """
            [default]
            aws_access_key_id = AKIAIOSFODNN7EXAMPLE
            aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
            """));
    cases.add(
        new Case(
            "sections-botocore-ignores-or-renames",
            """
            [plain]
            region = ignored-in-config
            [profile "a b"]
            k = quoted-double
            [profile 'c d']
            k = quoted-single
            [profile e f]
            k = three-words-ignored
            [profile]
            k = no-name-ignored
            [profilefoo bar]
            k = prefix-only-checked
            [profile "unclosed]
            k = bad-quote-ignored
            [profile g\\ h]
            k = escaped-space
            [ profile lead]
            k = leading-space-not-a-profile
            [Profile Upper]
            k = case-sensitive-not-a-profile
            [profile X]
            k = upper
            [profile x]
            k = lower
            [default] ; trailing text after the bracket
            k = header-with-trailer
            [profile a]b]
            k = last-bracket-closes
            """,
            ""));
    cases.add(
        new Case(
            "default-and-profile-default-later-wins",
            "[profile default]\nregion = first\nonly_first = 1\n[other]\n[default]\nregion = second\n",
            ""));
    cases.add(
        new Case(
            "default-then-profile-default",
            "[default]\nregion = first\n[profile default]\nregion = second\n",
            ""));
    cases.add(
        new Case(
            "credentials-override-config-and-add-profiles",
            "[profile dev]\nregion = us-east-1\naws_access_key_id = FROMCONFIG\ns3 =\n  x = 1\n",
            "[dev]\naws_access_key_id = FROMCREDS\ns3 = flat\n[profile dev]\nk = literal-name\n"
                + "[only-creds]\naws_access_key_id = A\n"));
    cases.add(
        new Case(
            "comments-and-what-is-not-a-comment",
            """
            # full-line hash
            ; full-line semicolon
            [default]
              # indented comment
            region = us-east-1 ; not a comment
            output = json # not a comment either
            ;key = commented out
            url=http://example.com/#frag;x
            """,
            ""));
    cases.add(
        new Case(
            "separators-spacing-and-key-case",
            "[default]\nRegion=us-east-1\nOUTPUT   :   json\nk:v=w\nk2 = a:b=c\n\tTabbed = t\n",
            ""));
    cases.add(
        new Case(
            "continuations-blank-lines-and-comments-inside-values",
            "[default]\nmulti = first\n  second\n\n  third\n# comment\n  fourth\n\n\nnext = 1\n",
            ""));
    cases.add(
        new Case(
            "nested-sub-sections",
            "[default]\ns3 =\n    max_concurrent_requests = 20\n    Max_Queue_Size=10000\n"
                + "  a: b = c\n  dup = 1\n  dup = 2\n  empty =\n\napi_versions =\n  ec2 = 2015-03-01\n"
                + "region = us-west-2\n",
            ""));
    cases.add(
        new Case(
            "empty-values-and-odd-values",
            "[default]\nempty =\nempty2=\nhas_equals = a=b=c\ntrailing = spaced   \t\n"
                + "tab = a\tb\nnbsp = \u00a0x\u00a0\n",
            ""));
    cases.add(
        new Case(
            "crlf-lone-cr-and-no-trailing-newline",
            "[default]\r\nregion = us-east-1\r\ns3 =\r\n  x = 1\r\n[profile cr]\rk = v\r[profile end]\nk = v",
            "[default]\r\naws_access_key_id = A\r\n"));
    cases.add(
        new Case(
            "default-section-is-inherited-by-every-section",
            "[DEFAULT]\nregion = everywhere\ns3 =\n  x = 1\n[default]\nk = 1\n[profile p]\n"
                + "region = own\n[DEFAULT]\nlate = 2\n[sso-session s]\nsso_region = r\n",
            "[DEFAULT]\naws_session_token = T\n[c]\naws_access_key_id = A\n"));
    cases.add(
        new Case(
            "indentation-decides-continuation",
            "  [default]\n  a = 1\n    b = 2\n  c = 3\nd = 4\n  e = 5\n",
            ""));
    cases.add(
        new Case(
            "nested-splits-on-python-line-breaks",
            "[default]\ns3 =\n  a = 1\u000cb = 2\n  c = 3\u2028d = 4\n",
            ""));
    cases.add(new Case("section-without-keys", "[default]\n[profile empty]\n", "[empty]\n"));
    cases.add(new Case("empty-files", "", ""));
    cases.add(new Case("only-comments", "# nothing\n\n; here\n", "\n"));
    // botocore refuses each of these; so must we.
    cases.add(new Case("error-duplicate-section", "[default]\na = 1\n[default]\nb = 2\n", ""));
    cases.add(new Case("error-duplicate-key-any-case", "[default]\nRegion = a\nregion = b\n", ""));
    cases.add(new Case("error-key-before-section", "region = a\n[default]\n", ""));
    cases.add(new Case("error-line-without-delimiter", "[default]\njust words\n", ""));
    cases.add(new Case("error-empty-key", "[default]\n= value\n", ""));
    cases.add(new Case("error-empty-brackets", "[]\n", ""));
    cases.add(new Case("error-nested-line-without-equals", "[default]\ns3 =\n  a: b\n", ""));
    cases.add(new Case("error-in-credentials-only", "", "[a]\nno delimiter\n"));
    cases.add(new Case("error-duplicate-default-key", "[DEFAULT]\na = 1\n[DEFAULT]\na = 2\n", ""));
    return cases;
  }

  @Test
  void everyCorpusFileReadsAsBotocoreReadsIt(@TempDir Path dir) throws Exception {
    List<Case> cases = corpus();
    List<String> caseDirs = new ArrayList<>();
    for (Case c : cases) {
      Path caseDir = Files.createDirectory(dir.resolve(c.name()));
      Files.writeString(caseDir.resolve("config"), c.config(), StandardCharsets.UTF_8);
      if (!c.name().equals("empty-files")) {
        Files.writeString(caseDir.resolve("credentials"), c.credentials(), StandardCharsets.UTF_8);
      }
      caseDirs.add(caseDir.toString());
    }
    Map<String, String> expected = new LinkedHashMap<>();
    for (String line : Python.python(BOTOCORE, dir, caseDirs).split("\n")) {
      if (!line.isEmpty()) {
        String[] fields = line.split("\t", 2);
        expected.put(fields[0], fields[1]);
      }
    }
    Map<String, String> actual = new LinkedHashMap<>();
    for (Case c : cases) {
      Path caseDir = dir.resolve(c.name());
      actual.put(c.name(), ours(caseDir.resolve("config"), caseDir.resolve("credentials")));
    }
    assertThat(expected).hasSize(cases.size());
    assertThat(actual).containsExactlyEntriesOf(expected);
  }

  private static String ours(Path config, Path credentials) {
    Profiles profiles;
    try {
      profiles = ProfileFiles.load(config, credentials);
    } catch (ProfileFileException.Malformed e) {
      return "ERROR";
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("names", profiles.profileNames());
    Map<String, Object> byName = new LinkedHashMap<>();
    for (String name : profiles.profileNames()) {
      Profile p = profiles.profile(name).orElseThrow();
      byName.put(name, flatten(p.properties(), p.subSections()));
    }
    out.put("profiles", byName);
    Map<String, Object> sso = new LinkedHashMap<>();
    profiles
        .ssoSessionNames()
        .forEach(
            n -> {
              Profiles.Section s = profiles.ssoSession(n).orElseThrow();
              sso.put(n, flatten(s.properties(), s.subSections()));
            });
    out.put("sso_sessions", sso);
    Map<String, Object> services = new LinkedHashMap<>();
    profiles
        .servicesNames()
        .forEach(
            n -> {
              Profiles.Section s = profiles.services(n).orElseThrow();
              services.put(n, flatten(s.properties(), s.subSections()));
            });
    out.put("services", services);
    return Python.json(out);
  }

  private static Map<String, Object> flatten(
      Map<String, String> properties, Map<String, Map<String, String>> subSections) {
    Map<String, Object> all = new LinkedHashMap<>(properties);
    all.putAll(subSections);
    return all;
  }
}
