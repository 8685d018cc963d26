package dev.stint.core.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stint.core.credentials.Credentials;
import dev.stint.core.export.CredentialFormat.Options;
import dev.stint.core.export.UnrepresentableValueException.Reason;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class CredentialFormatTest {

  static final String KEY = "ASIAIOSFODNN7EXAMPLE";
  static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
  static final String TOKEN = "IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQD+tok=";
  static final Instant EXPIRY = Instant.parse("2030-01-02T03:04:05Z");

  static final Credentials TEMPORARY = new Credentials(KEY, SECRET, TOKEN, EXPIRY);
  static final Credentials LONG_TERM =
      Credentials.of("AKIAI44QH8DHBEXAMPLE", "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY");

  private static final Options NONE = Options.defaults();
  private static final Options REGION = new Options("eu-west-1", null);

  private static Credentials withSecret(String secret) {
    return new Credentials(KEY, secret, TOKEN, EXPIRY);
  }

  @Test
  void parseKnowsEveryCommandLineName() {
    assertThat(Arrays.stream(CredentialFormat.values()).map(CredentialFormat::cliName))
        .containsExactly(
            "env", "env-no-export", "powershell", "windows-cmd", "fish", "json", "process", "ini");
    for (CredentialFormat format : CredentialFormat.values()) {
      assertThat(CredentialFormat.parse(format.cliName())).isSameAs(format);
    }
  }

  @Test
  void parseRejectsAnUnknownNameListingTheValidOnes() {
    assertThatThrownBy(() -> CredentialFormat.parse("bash"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "unknown credential format 'bash'; valid formats: env, env-no-export, powershell,"
                + " windows-cmd, fish, json, process, ini");
    assertThatThrownBy(() -> CredentialFormat.parse("ENV"))
        .hasMessageStartingWith("unknown credential format 'ENV';");
  }

  @Test
  void optionsDefaultToNoRegionAndProfileDefault() {
    assertThat(Options.defaults()).isEqualTo(new Options(null, "default"));
    assertThat(new Options("", null)).isEqualTo(Options.defaults());
    assertThatThrownBy(() -> new Options(null, ""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("profile name is empty");
  }

  @Test
  void envExportsTheCliVariablesThenTheRegion() {
    assertThat(CredentialFormat.ENV.render(TEMPORARY, REGION))
        .isEqualTo(
            """
            export AWS_ACCESS_KEY_ID=ASIAIOSFODNN7EXAMPLE
            export AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
            export AWS_SESSION_TOKEN=IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQD+tok=
            export AWS_CREDENTIAL_EXPIRATION=2030-01-02T03:04:05+00:00
            export AWS_REGION=eu-west-1
            export AWS_DEFAULT_REGION=eu-west-1
            """);
  }

  @Test
  void longTermCredentialsHaveNoTokenOrExpiryLines() {
    assertThat(CredentialFormat.ENV_NO_EXPORT.render(LONG_TERM, NONE))
        .isEqualTo(
            """
            AWS_ACCESS_KEY_ID=AKIAI44QH8DHBEXAMPLE
            AWS_SECRET_ACCESS_KEY=je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY
            """);
  }

  @Test
  void envSingleQuotesAnyValueThatIsNotPlain() {
    assertThat(CredentialFormat.ENV.render(withSecret("it's $HOME `id` \\ \"x\""), NONE))
        .contains("export AWS_SECRET_ACCESS_KEY='it'\\''s $HOME `id` \\ \"x\"'\n");
    assertThat(CredentialFormat.ENV_NO_EXPORT.render(withSecret("a\nb"), NONE))
        .contains("AWS_SECRET_ACCESS_KEY='a\nb'\n");
    assertThat(CredentialFormat.ENV.render(withSecret("~root"), NONE))
        .contains("export AWS_SECRET_ACCESS_KEY='~root'\n");
  }

  @Test
  void powerShellDoubleQuotesPlainValuesAsTheCliDoes() {
    assertThat(CredentialFormat.POWERSHELL.render(TEMPORARY, REGION))
        .isEqualTo(
            """
            $Env:AWS_ACCESS_KEY_ID="ASIAIOSFODNN7EXAMPLE"
            $Env:AWS_SECRET_ACCESS_KEY="wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
            $Env:AWS_SESSION_TOKEN="IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQD+tok="
            $Env:AWS_CREDENTIAL_EXPIRATION="2030-01-02T03:04:05+00:00"
            $Env:AWS_REGION="eu-west-1"
            $Env:AWS_DEFAULT_REGION="eu-west-1"
            """);
  }

  @Test
  void powerShellSingleQuotesOtherValuesDoublingEverySingleQuoteCharacter() {
    String secret = "it's \u2018a\u2019 \u201ab\u201b $HOME `n \"q\" \u201cd\u201d";
    assertThat(CredentialFormat.POWERSHELL.render(withSecret(secret), NONE))
        .contains(
            "$Env:AWS_SECRET_ACCESS_KEY='it''s \u2018\u2018a\u2019\u2019 \u201a\u201ab\u201b\u201b"
                + " $HOME `n \"q\" \u201cd\u201d'\n");
  }

  @Test
  void powerShellRefusesControlCharacters() {
    assertThatThrownBy(() -> CredentialFormat.POWERSHELL.render(withSecret("a\nb"), NONE))
        .isInstanceOf(UnrepresentableValueException.class)
        .hasMessage(
            "cannot write AWS_SECRET_ACCESS_KEY in the powershell format: the value contains a"
                + " control character");
    assertThatThrownBy(() -> CredentialFormat.POWERSHELL.render(withSecret("a\0b"), NONE))
        .hasMessage(
            "cannot write AWS_SECRET_ACCESS_KEY in the powershell format: the value contains a NUL"
                + " character");
  }

  @Test
  void windowsCmdPrintsPlainValuesBareAsTheCliDoes() {
    assertThat(CredentialFormat.WINDOWS_CMD.render(TEMPORARY, REGION))
        .isEqualTo(
            """
            set AWS_ACCESS_KEY_ID=ASIAIOSFODNN7EXAMPLE
            set AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
            set AWS_SESSION_TOKEN=IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQD+tok=
            set AWS_CREDENTIAL_EXPIRATION=2030-01-02T03:04:05+00:00
            set AWS_REGION=eu-west-1
            set AWS_DEFAULT_REGION=eu-west-1
            """);
  }

  @Test
  void windowsCmdQuotesTheWholeAssignmentWhenAValueHasMetacharacters() {
    assertThat(CredentialFormat.WINDOWS_CMD.render(withSecret(" a&b|c<d>e^f(g)h'i`j;k,l "), NONE))
        .contains("set \"AWS_SECRET_ACCESS_KEY= a&b|c<d>e^f(g)h'i`j;k,l \"\n");
  }

  @Test
  void windowsCmdRefusalNamesTheVariableAndTheCharacterButNotTheValue() {
    assertThatThrownBy(() -> CredentialFormat.WINDOWS_CMD.render(withSecret("50%off"), NONE))
        .hasMessage(
            "cannot write AWS_SECRET_ACCESS_KEY in the windows-cmd format: the value contains '%',"
                + " which cmd.exe expands");
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource({
    "50%off, PERCENT_SIGN",
    "bang!, EXCLAMATION_MARK",
    "say \"x\", DOUBLE_QUOTE",
    "'line\nbreak', CONTROL_CHARACTER",
    "'tab\there', CONTROL_CHARACTER",
    "caf\u00e9, NON_ASCII"
  })
  void windowsCmdRefusesWhatItCannotQuote(String secret, Reason reason) {
    assertThatThrownBy(() -> CredentialFormat.WINDOWS_CMD.render(withSecret(secret), NONE))
        .isInstanceOfSatisfying(
            UnrepresentableValueException.class,
            e -> {
              assertThat(e.format()).isEqualTo(CredentialFormat.WINDOWS_CMD);
              assertThat(e.variable()).isEqualTo("AWS_SECRET_ACCESS_KEY");
              assertThat(e.reason()).isEqualTo(reason);
              assertThat(e.getMessage())
                  .isEqualTo(
                      "cannot write AWS_SECRET_ACCESS_KEY in the windows-cmd format: the value"
                          + " contains "
                          + reason.description())
                  .doesNotContain(secret);
            });
  }

  @Test
  void fishAlwaysSingleQuotesEscapingBackslashAndQuote() {
    assertThat(CredentialFormat.FISH.render(TEMPORARY, REGION))
        .isEqualTo(
            """
            set -gx AWS_ACCESS_KEY_ID 'ASIAIOSFODNN7EXAMPLE'
            set -gx AWS_SECRET_ACCESS_KEY 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'
            set -gx AWS_SESSION_TOKEN 'IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQD+tok='
            set -gx AWS_CREDENTIAL_EXPIRATION '2030-01-02T03:04:05+00:00'
            set -gx AWS_REGION 'eu-west-1'
            set -gx AWS_DEFAULT_REGION 'eu-west-1'
            """);
    assertThat(CredentialFormat.FISH.render(withSecret("it's a\\b $x"), NONE))
        .contains("set -gx AWS_SECRET_ACCESS_KEY 'it\\'s a\\\\b $x'\n");
  }

  @Test
  void everyShellRefusesNul() {
    for (CredentialFormat format :
        new CredentialFormat[] {
          CredentialFormat.ENV,
          CredentialFormat.ENV_NO_EXPORT,
          CredentialFormat.FISH,
          CredentialFormat.POWERSHELL,
          CredentialFormat.WINDOWS_CMD
        }) {
      assertThatThrownBy(() -> format.render(withSecret("a\0b"), NONE))
          .isInstanceOf(UnrepresentableValueException.class)
          .hasMessage(
              "cannot write AWS_SECRET_ACCESS_KEY in the "
                  + format.cliName()
                  + " format: the value contains a NUL character");
    }
  }

  @Test
  void processIsTheVersionOneObjectIndentedByTwo() {
    assertThat(CredentialFormat.PROCESS.render(TEMPORARY, REGION))
        .isEqualTo(
            """
            {
              "Version": 1,
              "AccessKeyId": "ASIAIOSFODNN7EXAMPLE",
              "SecretAccessKey": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
              "SessionToken": "IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQD+tok=",
              "Expiration": "2030-01-02T03:04:05+00:00"
            }
            """);
    assertThat(CredentialFormat.PROCESS.render(LONG_TERM, NONE))
        .isEqualTo(
            """
            {
              "Version": 1,
              "AccessKeyId": "AKIAI44QH8DHBEXAMPLE",
              "SecretAccessKey": "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY"
            }
            """);
  }

  @Test
  void jsonIsIndentedByFourWithRegionAndNoVersion() {
    assertThat(CredentialFormat.JSON.render(TEMPORARY, REGION))
        .isEqualTo(
            """
            {
                "AccessKeyId": "ASIAIOSFODNN7EXAMPLE",
                "SecretAccessKey": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                "SessionToken": "IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQD+tok=",
                "Expiration": "2030-01-02T03:04:05+00:00",
                "Region": "eu-west-1"
            }
            """);
    assertThat(CredentialFormat.JSON.render(withSecret("q\"\\\n\u00e9\0"), NONE))
        .contains("\"SecretAccessKey\": \"q\\\"\\\\\\n\\u00e9\\u0000\",");
  }

  @Test
  void iniIsOneCredentialsFileSectionWithoutRegionOrExpiry() {
    assertThat(CredentialFormat.INI.render(TEMPORARY, new Options("eu-west-1", "work")))
        .isEqualTo(
            """
            [work]
            aws_access_key_id = ASIAIOSFODNN7EXAMPLE
            aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
            aws_session_token = IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQD+tok=
            """);
    assertThat(CredentialFormat.INI.render(LONG_TERM, NONE))
        .isEqualTo(
            """
            [default]
            aws_access_key_id = AKIAI44QH8DHBEXAMPLE
            aws_secret_access_key = je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY
            """);
    assertThat(CredentialFormat.INI.render(withSecret("a#b;c = d"), NONE))
        .contains("aws_secret_access_key = a#b;c = d\n");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "'a\nb' | CONTROL_CHARACTER",
        "' lead' | SURROUNDING_WHITESPACE",
        "'trail ' | SURROUNDING_WHITESPACE",
        "'a #b' | COMMENT_MARKER",
        "'a ;b' | COMMENT_MARKER",
        "'#a' | COMMENT_MARKER",
        "';a' | COMMENT_MARKER",
        "'caf\u00e9' | NON_ASCII",
      })
  void iniRefusesValuesTheReadersWouldChange(String secret, Reason reason) {
    assertThatThrownBy(() -> CredentialFormat.INI.render(withSecret(secret), NONE))
        .isInstanceOfSatisfying(
            UnrepresentableValueException.class,
            e -> {
              assertThat(e.variable()).isEqualTo("aws_secret_access_key");
              assertThat(e.reason()).isEqualTo(reason);
              assertThat(e.getMessage())
                  .isEqualTo(
                      "cannot write aws_secret_access_key in the ini format: the value contains "
                          + reason.description());
            });
  }

  @Test
  void iniRefusesAProfileNameThatBreaksTheSectionHeader() {
    assertThatThrownBy(() -> CredentialFormat.INI.render(TEMPORARY, new Options(null, "a]b")))
        .isInstanceOf(UnrepresentableValueException.class)
        .hasMessage(
            "cannot write profile name in the ini format: the value contains '[' or ']', which an"
                + " INI section name cannot hold");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "2030-01-02T03:04:05Z, 2030-01-02T03:04:05+00:00",
    "2030-01-02T03:04:05.5Z, 2030-01-02T03:04:05.500000+00:00",
    "2030-01-02T03:04:05.123456789Z, 2030-01-02T03:04:05.123456+00:00",
    "2030-01-02T03:04:05.000000999Z, 2030-01-02T03:04:05+00:00",
    "0001-01-01T00:00:00Z, 0001-01-01T00:00:00+00:00",
    "9999-12-31T23:59:59.999999Z, 9999-12-31T23:59:59.999999+00:00",
  })
  void expiryIsWrittenAsPythonsIsoformat(Instant expiry, String expected) {
    assertThat(
            CredentialFormat.ENV_NO_EXPORT.render(new Credentials(KEY, SECRET, null, expiry), NONE))
        .endsWith("\nAWS_CREDENTIAL_EXPIRATION=" + expected + "\n");
  }

  @Test
  void expiryBeyondPythonsYearsIsRefused() {
    Credentials farFuture =
        new Credentials(KEY, SECRET, TOKEN, Instant.parse("+10000-01-01T00:00:00Z"));
    assertThatThrownBy(() -> CredentialFormat.PROCESS.render(farFuture, NONE))
        .isInstanceOf(UnrepresentableValueException.class)
        .hasMessage(
            "cannot write Expiration in the process format: the value contains a date outside the"
                + " years 1 to 9999");
  }

  @ParameterizedTest
  @EnumSource(CredentialFormat.class)
  void everyFormatCarriesTheSecretAndTokenAndEndsWithANewline(CredentialFormat format) {
    String text = format.render(TEMPORARY, NONE);
    assertThat(text).endsWith("\n").contains(SECRET).contains(TOKEN);
  }
}
