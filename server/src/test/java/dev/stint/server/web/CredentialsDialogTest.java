package dev.stint.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stint.core.credentials.Credentials;
import dev.stint.core.export.CredentialFormat;
import io.javalin.Javalin;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;

/**
 * The credentials dialog in a real browser, on a page served by the portal's own templates and
 * assets: modal, tabbed per shell with the keyboard, each option's text exactly what {@link
 * CredentialFormat} renders, user-controlled names shown as text, and no CSP complaint.
 */
class CredentialsDialogTest {
  static final Instant NOW = Instant.parse("2030-01-02T03:04:05Z");
  static final Credentials CREDENTIALS =
      new Credentials(
          "ASIAEXAMPLEEXAMPLE12",
          "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
          "FwoGZXIvYXdzEXAMPLE+token/with=signs",
          NOW.plus(Duration.ofHours(8)));
  static final String EVIL = "<script>alert(1)</script>";

  @TempDir Path profile;
  private Javalin app;
  private Browser browser;

  @BeforeEach
  void start() {
    var pages = new Pages();
    var assets = new StaticAssets();
    var view = CredentialsView.of("123456789012", EVIL, "Admin", CREDENTIALS, NOW);
    var home =
        new HomePage(
            List.of(
                new HomePage.Account(
                    "123456789012",
                    EVIL,
                    "ops@example.com",
                    List.of(new HomePage.Role("Admin", EVIL)))),
            view,
            null);
    var closed = new HomePage(home.accounts(), null, "123456789012");
    var frame =
        new Frame("AWS accounts", EVIL, List.of(AdminArea.USERS), "token", "accounts", null, null);
    app =
        Javalin.create(
            cfg -> {
              cfg.startup.showJavalinBanner = false;
              cfg.jetty.host = "127.0.0.1";
              cfg.jetty.port = 0;
              assets.register(cfg.routes);
              cfg.routes.get(
                  "/",
                  ctx ->
                      pages.render(
                          ctx,
                          200,
                          "home",
                          frame,
                          ctx.queryParam("account") == null ? home : closed));
            });
    app.start();
    browser = Browser.start("http://127.0.0.1:" + app.port(), profile);
  }

  @AfterEach
  void stop() {
    if (browser != null) {
      browser.close();
    }
    app.stop();
  }

  @Test
  void opensModalWithOneTabPerShellEachShowingWhatTheExportFormatsPrint() {
    browser.open("/");
    browser.waitVisible("dialog#credentials");

    assertThat(
            browser
                .driver()
                .executeScript("return document.querySelector('dialog').matches(':modal')"))
        .isEqualTo(true);
    assertThat(browser.all("[role=tab]"))
        .extracting(e -> e.getText())
        .containsExactly("macOS and Linux", "Windows (cmd)", "PowerShell");
    assertThat(browser.driver().switchTo().activeElement().getAttribute("id"))
        .isEqualTo("tab-unix");
    assertThat(browser.find("#panel-unix").isDisplayed()).isTrue();
    assertThat(browser.find("#panel-cmd").isDisplayed()).isFalse();
    assertThat(browser.find("#unix-env").getText() + "\n")
        .isEqualTo(CredentialFormat.ENV.render(CREDENTIALS, CredentialFormat.Options.defaults()));
    assertThat(browser.find("#unix-profile").getText() + "\n")
        .isEqualTo(
            "[123456789012_Admin]\n"
                + "aws_access_key_id = ASIAEXAMPLEEXAMPLE12\n"
                + "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n"
                + "aws_session_token = FwoGZXIvYXdzEXAMPLE+token/with=signs\n");
    assertThat(browser.find("#unix-key").getText()).isEqualTo("ASIAEXAMPLEEXAMPLE12");
    assertThat(browser.find("#unix-secret").getText())
        .isEqualTo("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
    assertThat(browser.find("#unix-token").getText())
        .isEqualTo("FwoGZXIvYXdzEXAMPLE+token/with=signs");
    assertThat(browser.find("#creds-expires").getText()).isEqualTo("2030-01-02 11:04 UTC");
    assertThat(browser.find("#creds-expiry").getText()).contains("(in 8 hours)");

    browser.driver().switchTo().activeElement().sendKeys(Keys.ARROW_RIGHT);
    assertThat(browser.driver().switchTo().activeElement().getAttribute("id")).isEqualTo("tab-cmd");
    assertThat(browser.find("#panel-unix").isDisplayed()).isFalse();
    assertThat(browser.find("#cmd-env").getText() + "\n")
        .isEqualTo(
            CredentialFormat.WINDOWS_CMD.render(CREDENTIALS, CredentialFormat.Options.defaults()));
    browser.find("#tab-powershell").click();
    assertThat(browser.find("#powershell-env").getText() + "\n")
        .isEqualTo(
            CredentialFormat.POWERSHELL.render(CREDENTIALS, CredentialFormat.Options.defaults()));
    browser.screenshot("dialog-test");

    browser.driver().switchTo().activeElement().sendKeys(Keys.ESCAPE);
    browser.waitForPath("/?account=123456789012");
    assertThat(browser.all("dialog")).isEmpty();
    assertThat(browser.find("#account-123456789012").getAttribute("open")).isEqualTo("true");
  }

  @Test
  void userControlledTextIsShownAsTextAndNoScriptRuns() {
    browser.open("/");
    browser.waitVisible("dialog#credentials");

    assertThat(browser.find("#credentials .account-meta").getText())
        .isEqualTo("Account 123456789012 (" + EVIL + ")");
    assertThat(browser.find(".who strong").getText()).isEqualTo(EVIL);
    assertThat(browser.driver().findElements(By.tagName("script"))).hasSize(1);
    assertThat(browser.consoleProblems()).isEmpty();
  }
}
