package dev.stint.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stint.core.credentials.Credentials;
import java.time.Duration;
import java.time.Instant;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** The small rules of the portal pages, without a server. */
class WebUnitsTest {

  @Test
  void csrfTokensAreTheHmacOfAFixedLabelUnderTheCookieValue() {
    // Known answers from Python: base64url(hmac.new(key, b"stint portal csrf v1", sha256)).
    assertThat(Csrf.token("sps_example-session-id"))
        .isEqualTo("8-q78wjQSurqa9QbUCNJR5zT55pU3sirinYXgany3AU");
    assertThat(Csrf.token("pre-cookie")).isEqualTo("_YEWFVYwmS64IeDAfSHxM4ek1pSWDZ4QrRk-shvai6k");
  }

  @Test
  void csrfTokensAreValidOnlyForTheirOwnCookie() {
    String token = Csrf.token("pre-cookie");

    assertThat(Csrf.valid("pre-cookie", token)).isTrue();
    assertThat(Csrf.valid("other-cookie", token)).isFalse();
    assertThat(Csrf.valid("pre-cookie", token.substring(1))).isFalse();
    assertThat(Csrf.valid("pre-cookie", null)).isFalse();
    assertThat(Csrf.valid("pre-cookie", "")).isFalse();
    assertThat(Csrf.valid(null, token)).isFalse();
    assertThat(Csrf.valid("", "anything")).isFalse();
    assertThat(Csrf.valid("pre-cookie", token + "x".repeat(128))).isFalse();
  }

  @Test
  void cookiesAreHttpOnlyAndLaxAndSecureOnlyOverTls() {
    assertThat(Cookies.header("stint_session", "v", 28800, false))
        .isEqualTo("stint_session=v; Path=/; Max-Age=28800; HttpOnly; SameSite=Lax");
    assertThat(Cookies.header("stint_pre", "", -5, true))
        .isEqualTo("stint_pre=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax; Secure");
  }

  @Test
  void preCookieValuesAre32RandomBytesInBase64Url() {
    String value = Cookies.newValue(RandomGenerator.of("L64X128MixRandom"));

    assertThat(value).hasSize(43).matches("[A-Za-z0-9_-]+");
    assertThat(Cookies.wellFormed(value)).isTrue();
    assertThat(Cookies.wellFormed(value + "A")).isFalse();
    assertThat(Cookies.wellFormed(value.substring(1) + "=")).isFalse();
    assertThat(Cookies.wellFormed(null)).isFalse();
  }

  @Test
  void afterSignInOnlyPathsOnThisSiteAreFollowed() {
    assertThat(Site.safeNext("/admin/users?x=1")).isEqualTo("/admin/users?x=1");
    assertThat(Site.safeNext("/device?user_code=BCDF-GHJK"))
        .isEqualTo("/device?user_code=BCDF-GHJK");
    for (String offsite :
        new String[] {
          null,
          "",
          "https://evil.example/",
          "//evil.example/",
          "/\\evil.example/",
          "/\\/evil.example/",
          "javascript:alert(1)",
          "/ok\r\nSet-Cookie: x=y",
          "/ok\tx",
          "admin/users"
        }) {
      assertThat(Site.safeNext(offsite)).as(String.valueOf(offsite)).isEqualTo("/");
    }
  }

  @Test
  void theConsentPageMayPostOnlyToTheOriginOfTheRegisteredRedirect() {
    assertThat(OidcPages.origin("http://127.0.0.1:54321/oauth/callback?x=1"))
        .isEqualTo("http://127.0.0.1:54321");
    assertThat(OidcPages.origin("http://localhost/cb")).isEqualTo("http://localhost");
    assertThat(OidcPages.origin("http://[::1]:8400/cb")).isEqualTo("http://[::1]:8400");
    assertThat(OidcPages.origin("HTTPS://Example.com/cb")).isEqualTo("https://Example.com");
    assertThat(OidcPages.origin("javascript:alert(1)")).isNull();
    assertThat(OidcPages.origin("myapp://callback")).isNull();
    assertThat(OidcPages.origin("http://bad host/")).isNull();
  }

  @Test
  void theDialogNamesTheProfileAfterAccountAndRoleAndSaysHowLongItLasts() {
    Instant now = Instant.parse("2030-01-02T03:04:05Z");
    var credentials =
        new Credentials("ASIAEXAMPLE", "secret/+=", "token", now.plus(Duration.ofMinutes(90)));

    var view = CredentialsView.of("123456789012", "Sandbox", "Developer", credentials, now);

    assertThat(view.profileName()).isEqualTo("123456789012_Developer");
    assertThat(view.profileBlock())
        .isEqualTo(
            "[123456789012_Developer]\naws_access_key_id = ASIAEXAMPLE\n"
                + "aws_secret_access_key = secret/+=\naws_session_token = token\n");
    assertThat(view.shells())
        .extracting(CredentialsView.Shell::key)
        .containsExactly("unix", "cmd", "powershell");
    assertThat(view.shells().get(1).commands())
        .isEqualTo(
            "set AWS_ACCESS_KEY_ID=ASIAEXAMPLE\nset AWS_SECRET_ACCESS_KEY=secret/+=\n"
                + "set AWS_SESSION_TOKEN=token\n"
                + "set AWS_CREDENTIAL_EXPIRATION=2030-01-02T04:34:05+00:00\n");
    assertThat(view.expiresShown()).isEqualTo("2030-01-02 04:34 UTC");
    assertThat(view.remainingShown()).isEqualTo("1 h 30 min");
    assertThat(CredentialsView.of("1", "a", "r", withExpiry(now, 3600), now).remainingShown())
        .isEqualTo("1 hour");
    assertThat(CredentialsView.of("1", "a", "r", withExpiry(now, 43200), now).remainingShown())
        .isEqualTo("12 hours");
    assertThat(CredentialsView.of("1", "a", "r", withExpiry(now, 60), now).remainingShown())
        .isEqualTo("1 minute");
    assertThat(view.toString())
        .isEqualTo(
            "CredentialsView[123456789012_Developer key=ASIAEXAMPLE expires=2030-01-02T04:34:05Z]");
  }

  private static Credentials withExpiry(Instant now, long seconds) {
    return new Credentials("ASIAEXAMPLE", "s", "t", now.plusSeconds(seconds));
  }

  @Test
  void theDialogIsOnlyForTemporaryCredentials() {
    assertThatThrownBy(
            () ->
                CredentialsView.of(
                    "1", "a", "r", Credentials.of("AKIAEXAMPLE", "secret"), Instant.EPOCH))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("portal credentials AKIAEXAMPLE are not temporary");
  }
}
