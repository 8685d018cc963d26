package dev.stint.server.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through Debian's chromedriver, with a fresh profile in a
 * temporary directory, nothing downloaded and no network but loopback. Screenshots go to {@code
 * target/screenshots/}. One per test; not thread-safe.
 */
final class Browser implements AutoCloseable {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Path SCREENSHOTS = Path.of("target", "screenshots");

  // Selenium warns through java.util.logging that it has no DevTools bindings for this exact
  // Chromium version, which the tests do not use; held here so the setting is not collected.
  private static final java.util.logging.Logger SELENIUM_LOG =
      java.util.logging.Logger.getLogger("org.openqa.selenium");

  static {
    SELENIUM_LOG.setLevel(Level.SEVERE);
  }

  private final ChromeDriver driver;
  private final String origin;

  private Browser(ChromeDriver driver, String origin) {
    this.driver = driver;
    this.origin = origin;
  }

  /**
   * Starts a browser whose relative URLs go to {@code origin} (e.g. {@code http://127.0.0.1:1}).
   */
  static Browser start(String origin, Path profile) {
    for (Path tool : List.of(CHROMIUM, CHROMEDRIVER)) {
      if (!Files.isExecutable(tool)) {
        throw new IllegalStateException(
            tool + " is missing: .ci/run installs it (apt-get install chromium chromium-driver)");
      }
    }
    var options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1280,900",
        "--user-data-dir=" + profile.toAbsolutePath());
    var logging = new LoggingPreferences();
    logging.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logging);
    var service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
    var driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    return new Browser(driver, origin);
  }

  ChromeDriver driver() {
    return driver;
  }

  /** Opens a path of the origin, e.g. {@code /portal/signin}. */
  void open(String path) {
    driver.get(origin + path);
  }

  String path() {
    String url = driver.getCurrentUrl();
    return url.startsWith(origin) ? url.substring(origin.length()) : url;
  }

  WebElement find(String css) {
    return driver.findElement(By.cssSelector(css));
  }

  List<WebElement> all(String css) {
    return driver.findElements(By.cssSelector(css));
  }

  /**
   * Types into the field labelled by a {@code <label for>}: found by its label, as a person would.
   */
  void fill(String label, String text) {
    WebElement labelElement =
        driver.findElement(By.xpath("//label[normalize-space(text())='" + label + "']"));
    WebElement field = driver.findElement(By.id(labelElement.getAttribute("for")));
    field.clear();
    field.sendKeys(text);
  }

  /** Clicks the button or link with exactly this visible text. */
  void click(String text) {
    driver
        .findElement(
            By.xpath(
                "//button[normalize-space(.)='"
                    + text
                    + "'] | //a[normalize-space(.)='"
                    + text
                    + "'] | //input[@type='submit' and @value='"
                    + text
                    + "']"))
        .click();
  }

  /** Waits until the document has loaded the page at {@code path} (the browser is asynchronous). */
  void waitForPath(String path) {
    new WebDriverWait(driver, Duration.ofSeconds(15))
        .until(d -> path().equals(path) || path().startsWith(path + "?"));
  }

  /** Waits until the browser shows a page whose path starts with {@code prefix}. */
  void waitForPathStartingWith(String prefix) {
    new WebDriverWait(driver, Duration.ofSeconds(15)).until(d -> path().startsWith(prefix));
  }

  /**
   * Waits until the element at {@code css} (on whatever page is showing by then) has the text
   * {@code text}: after a click, the old page may still be there for a moment.
   */
  void waitText(String css, String text) {
    new WebDriverWait(driver, Duration.ofSeconds(15))
        .ignoring(StaleElementReferenceException.class)
        .ignoring(NoSuchElementException.class)
        .until(d -> d.findElement(By.cssSelector(css)).getText().equals(text));
  }

  /** Follows a link of the administration menu and waits for its page. */
  void admin(String path) {
    find(".subnav a[href='" + path + "']").click();
    waitForPath(path);
  }

  /** Waits until an element's text is {@code text}. */
  void waitText(WebElement element, String text) {
    new WebDriverWait(driver, Duration.ofSeconds(15)).until(d -> element.getText().equals(text));
  }

  void waitVisible(String css) {
    new WebDriverWait(driver, Duration.ofSeconds(15))
        .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
  }

  /** Saves a PNG of the viewport as {@code target/screenshots/NAME.png} and returns its path. */
  Path screenshot(String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
      Path file = SCREENSHOTS.resolve(name + ".png");
      Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** As {@link #screenshot}, of the whole page: the window grows to the page's height first. */
  Path pageScreenshot(String name) {
    Dimension before = driver.manage().window().getSize();
    Object height = driver.executeScript("return document.documentElement.scrollHeight");
    int h = Math.min(4000, Math.max(before.getHeight(), ((Number) height).intValue() + 140));
    driver.manage().window().setSize(new Dimension(before.getWidth(), h));
    try {
      return screenshot(name);
    } finally {
      driver.manage().window().setSize(before);
    }
  }

  /** Lets the page write to and read from the clipboard, as a person allowing it would. */
  void allowClipboard() {
    driver.executeCdpCommand(
        "Browser.grantPermissions",
        Map.of("permissions", List.of("clipboardReadWrite", "clipboardSanitizedWrite")));
  }

  /** What the page's clipboard holds now. */
  String clipboard() {
    return (String)
        driver.executeAsyncScript(
            "const done = arguments[arguments.length - 1];"
                + " navigator.clipboard.readText().then(done, e => done('error: ' + e));");
  }

  /** Chooses an option of the select labelled {@code label} by its visible text. */
  void choose(String label, String option) {
    WebElement labelElement =
        driver.findElement(By.xpath("//label[normalize-space(text())='" + label + "']"));
    new Select(driver.findElement(By.id(labelElement.getAttribute("for"))))
        .selectByVisibleText(option);
  }

  /** The browser console's warnings and errors so far (CSP violations show up there). */
  List<String> consoleProblems() {
    return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue())
        .map(LogEntry::getMessage)
        .toList();
  }

  @Override
  public void close() {
    driver.quit();
  }
}
