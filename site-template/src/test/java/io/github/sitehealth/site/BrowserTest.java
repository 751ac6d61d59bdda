package io.github.sitehealth.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.sitehealth.core.diagnose.Runbooks;
import io.github.sitehealth.core.history.HistoryStore;
import io.github.sitehealth.core.result.Attempt;
import io.github.sitehealth.core.result.CheckResult;
import io.github.sitehealth.core.result.CheckStatus;
import io.github.sitehealth.core.result.Finding;
import io.github.sitehealth.core.result.Hop;
import io.github.sitehealth.core.result.RunResult;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The generated status page in a real browser: Debian's headless Chromium driven by Selenium,
 * the page opened from disk as a person would open the site's {@code index.html}.
 *
 * <p>Nothing is downloaded: the browser and the driver are the Debian packages' binaries, named
 * explicitly, so Selenium Manager never runs. Without them the test is skipped, except on CI
 * ({@code CI=true}), where it fails. Screenshots for a person to look at go to
 * {@code target/screenshots/}.
 */
class BrowserTest {

  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  static final Path SITE = Path.of("target", "browser-site");
  static final Path INPUT = Path.of("target", "browser-site-input");
  static final Path SCREENSHOTS = Path.of("target", "screenshots");

  static final Duration WAIT = Duration.ofSeconds(5);
  static final Instant NOW = Instant.parse("2025-03-20T10:15:00Z");
  /** Days of daily runs before the latest one, one of them missed. */
  static final int HISTORY_DAYS = 20;

  /** The checks on the page, in order, and the runbook each DOWN check should link to. */
  static final String HOME = "Home page";
  static final String CERT = "Certificate expiry";
  static final String API = "Checkout API";
  static final String DNS = "www CNAME";
  static final String STORE = "Storefront addresses";

  /** A row per check; a check's addresses and samples have a row of their own under it. */
  static final By CHECK_ROWS =
      By.cssSelector("table.checks > tbody > tr:not(.check-partial):not(.group-head)");
  static final String API_RUNBOOK = Runbooks.link("HTTP_502", Hop.ORIGIN);
  static final String DNS_RUNBOOK = Runbooks.link("DNS_MISMATCH", Hop.DNS);

  static ChromeDriverService service;
  static ChromeDriver driver;
  static Path profile;
  static Path index;

  @BeforeAll
  static void startBrowser() throws IOException {
    requireBrowser(List.of(CHROMIUM, CHROMEDRIVER), System.getenv("CI"));
    index = generateSite();

    // Selenium Manager would look for (and download) a browser and a driver when either is not
    // named; both are named, here and in the service, so it never runs.
    System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER.toString());
    profile = Files.createTempDirectory("site-health-chromium-");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--user-data-dir=" + profile,
        "--window-size=1280,900", "--disable-extensions", "--disable-default-apps",
        "--no-default-browser-check", "--disable-client-side-phishing-detection",
        "--disable-domain-reliability", "--disable-breakpad", "--metrics-recording-only",
        "--password-store=basic", "--disable-search-engine-choice-screen",
        // Even with the switches above Chromium looked up accounts.google.com,
        // start.duckduckgo.com (Debian's default search engine), update.googleapis.com and
        // clients2.google.com at start-up. Every name but localhost now resolves to nothing, so
        // the browser cannot reach anything off this machine; the pages need nothing from it.
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost");
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);

    service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort()
        .build();
    driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(10));
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(5));
    driver.manage().timeouts().implicitlyWait(Duration.ZERO);
    desktop();
  }

  @AfterAll
  static void stopBrowser() throws IOException {
    try {
      if (driver != null) {
        driver.quit();
      }
    } finally {
      if (service != null) {
        service.stop();
      }
      if (profile != null) {
        deleteTree(profile);
      }
    }
  }

  @Test
  void everyCheckIsVisibleWithItsStatusInWords() {
    open(index);
    List<WebElement> rows = driver.findElements(CHECK_ROWS);
    assertThat(rows).hasSize(5);
    Map<String, String> expected =
        Map.of(HOME, "Up", CERT, "Degraded", API, "Down", DNS, "Down", STORE, "Down");
    List<String> names = new ArrayList<>();
    for (WebElement row : rows) {
      WebElement name = row.findElement(By.cssSelector(".check-name"));
      assertThat(name.isDisplayed()).as("name of row %s is visible", name.getText()).isTrue();
      names.add(name.getText());
      WebElement status = row.findElement(By.cssSelector(".status"));
      assertThat(status.isDisplayed()).isTrue();
      // The word is there as text, not only as the pill's colour (or its aria-hidden symbol).
      String word = (String) driver.executeScript(
          "const c = arguments[0].cloneNode(true);"
              + "c.querySelectorAll('[aria-hidden=true]').forEach(e => e.remove());"
              + "return c.textContent.trim();", status);
      assertThat(word).as("status of %s in words", name.getText()).isEqualTo(expected.get(name.getText()));
      assertThat(status.getText()).contains(word);
    }
    assertThat(names).containsExactly(HOME, CERT, API, DNS, STORE);
    assertThat(driver.findElement(By.cssSelector("section.banner")).getText())
        .contains("Outage", "3 of 5 checks are down, 1 degraded.");
    assertThat(driver.findElement(By.cssSelector("ul.uptime")).getText()).contains(HOME, API, DNS);
    assertNoConsoleErrors("index.html");
  }

  @Test
  void eachDownRowsRunbookLinkLandsOnItsSection() {
    for (Map.Entry<String, String> down : Map.of(API, API_RUNBOOK, DNS, DNS_RUNBOOK).entrySet()) {
      open(index);
      WebElement link = row(down.getKey()).findElement(By.cssSelector("td[data-label=Runbook] a"));
      assertThat(link.isDisplayed()).as("runbook link of %s is visible", down.getKey()).isTrue();
      assertThat(link.getDomProperty("href")).endsWith("/browser-site/" + down.getValue());
      String anchor = down.getValue().substring(down.getValue().indexOf('#') + 1);
      String page = down.getValue().substring(0, down.getValue().indexOf('#'));

      new WebDriverWait(driver, WAIT).until(ExpectedConditions.elementToBeClickable(link)).click();
      new WebDriverWait(driver, WAIT).until(ExpectedConditions.urlContains(page + "#" + anchor));
      waitForLoad();

      WebElement section = driver.findElement(By.id(anchor));
      assertThat(section.isDisplayed()).as("#%s on %s", anchor, page).isTrue();
      List<?> place = (List<?>) driver.executeScript(
          "return [arguments[0].getBoundingClientRect().top, window.innerHeight];", section);
      assertThat(((Number) place.get(0)).doubleValue()).as("#%s is scrolled into view", anchor)
          .isBetween(-1.0, ((Number) place.get(1)).doubleValue() - 1);
      assertThat(driver.findElement(By.cssSelector("a[href='../index.html']")).isDisplayed()).isTrue();
      assertNoConsoleErrors(page);
    }
  }

  @Test
  void screenshotsForAPersonAndNoSidewaysScrollingOnAPhone() throws IOException {
    Files.createDirectories(SCREENSHOTS);
    try {
      desktop();
      open(index);
      Path desktopShot = write(SCREENSHOTS.resolve("status-desktop.png"), fullPage());
      assertPng(desktopShot, 1280);
      assertNoConsoleErrors("index.html, desktop");

      phone();
      open(index);
      assertThat(((Number) driver.executeScript("return window.innerWidth;")).intValue()).isEqualTo(390);
      Path phoneShot = write(SCREENSHOTS.resolve("status-mobile.png"), driver.getScreenshotAs(OutputType.BYTES));
      assertPng(phoneShot, 390 * 2);
      write(SCREENSHOTS.resolve("status-mobile-full.png"), fullPage());
      assertThat(overflow()).as("horizontal overflow on a 390 px wide phone").isLessThanOrEqualTo(1);
      // On a phone, the DOWN rows' runbook links are still there to tap.
      for (String name : List.of(API, DNS)) {
        WebElement link = row(name).findElement(By.cssSelector("td[data-label=Runbook] a"));
        assertThat(link.isDisplayed()).as("runbook link of %s on a phone", name).isTrue();
      }
      assertNoConsoleErrors("index.html, phone");
    } finally {
      desktop();
    }
  }

  @Test
  void aChecksAddressesAndSamplesUnfoldReadablyOnADesktopAndAPhone() throws IOException {
    Files.createDirectories(SCREENSHOTS);
    try {
      for (boolean onPhone : List.of(false, true)) {
        if (onPhone) {
          phone();
        } else {
          desktop();
        }
        open(index);
        WebElement store = row(STORE).findElement(By.xpath("following-sibling::tr[1]"));
        assertThat(store.getDomAttribute("class")).isEqualTo("check-partial");
        WebElement summary = store.findElement(By.cssSelector("details > summary"));
        assertThat(summary.isDisplayed()).isTrue();
        assertThat(summary.getText()).contains("1 of 3 addresses UP", "9 of 20 samples failed");
        WebElement table = store.findElement(By.cssSelector("table.addresses"));
        assertThat(table.isDisplayed()).as("addresses folded away at first").isFalse();
        summary.click();
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.visibilityOf(table));

        List<WebElement> addresses = table.findElements(By.cssSelector("tbody > tr"));
        assertThat(addresses).hasSize(3);
        for (WebElement address : addresses) {
          WebElement pill = address.findElement(By.cssSelector(".status"));
          assertThat(pill.isDisplayed()).isTrue();
          assertThat(pill.getText()).containsPattern("(Up|Degraded|Down)$");
        }
        assertThat(addresses.get(2).getText()).contains("127.0.0.3", "connection refused", "CONNECT_REFUSED");
        assertThat(store.findElement(By.cssSelector("p.sampling")).getText())
            .startsWith("9 of 20 samples failed (45 %)");
        assertThat(store.findElements(By.cssSelector("ul.samples > li"))).hasSize(9)
            .allSatisfy(li -> assertThat(li.isDisplayed()).isTrue());
        write(SCREENSHOTS.resolve(onPhone ? "status-mobile-addresses.png" : "status-desktop-addresses.png"),
            fullPage());
        assertThat(overflow()).as("horizontal overflow with the addresses open, phone: %s", onPhone)
            .isLessThanOrEqualTo(1);
        assertNoConsoleErrors("index.html, addresses open");
      }
    } finally {
      desktop();
    }
  }

  @Test
  void searchFindsARunbookSectionByAWordInItAndItsLinkLandsThere() {
    Path search = SITE.resolve("runbooks").resolve(SearchPage.FILE_NAME);
    open(search);
    List<WebElement> all = driver.findElements(By.cssSelector("#sh-search-results > li"));
    assertThat(all).hasSizeGreaterThan(50).allSatisfy(li -> assertThat(li.isDisplayed()).isTrue());
    assertThat(driver.findElement(By.id("sh-search-hint")).isDisplayed()).as("the no-script hint").isFalse();

    WebElement field = driver.findElement(By.id("sh-search"));
    field.sendKeys("whois");
    new WebDriverWait(driver, WAIT).until(ExpectedConditions.textToBePresentInElementLocated(
        By.id("sh-search-status"), "\u201cwhois\u201d"));
    List<WebElement> shown = driver.findElements(By.cssSelector("#sh-search-results > li")).stream()
        .filter(WebElement::isDisplayed).toList();
    assertThat(shown).isNotEmpty().hasSizeLessThan(all.size());
    List<String> hrefs = shown.stream()
        .map(li -> li.findElement(By.tagName("a")).getDomAttribute("href")).toList();
    assertThat(hrefs).contains("dns.html#nxdomain");
    WebElement hit = shown.get(hrefs.indexOf("dns.html#nxdomain"));
    assertThat(hit.findElement(By.cssSelector(".snippet")).getText().toLowerCase()).contains("whois");
    assertNoConsoleErrors("search.html");

    hit.findElement(By.tagName("a")).click();
    new WebDriverWait(driver, WAIT).until(ExpectedConditions.urlContains("dns.html#nxdomain"));
    waitForLoad();
    assertThat(driver.findElement(By.id("nxdomain")).isDisplayed()).isTrue();
    assertNoConsoleErrors("dns.html");
  }

  @Test
  void aDownChecksOwnPageHasItsRunbookCommandsWithItsValues() {
    open(index);
    WebElement link = row(API).findElement(By.cssSelector("td[data-label=Runbook] a.for-this-check"));
    assertThat(link.isDisplayed()).isTrue();
    link.click();
    new WebDriverWait(driver, WAIT).until(ExpectedConditions.urlContains("/checks/"));
    waitForLoad();
    String commands = driver.findElements(By.cssSelector("main pre code")).stream()
        .map(WebElement::getText).reduce("", (a, b) -> a + "\n" + b);
    assertThat(commands).contains("https://api.example.com/health", "api.example.com:443")
        .doesNotContain("www.example.com");
    assertNoConsoleErrors("check page");
  }

  @Test
  void theDocsPagesHaveNoConsoleErrorsAndNoSidewaysScrollOnAPhone() throws IOException {
    Files.createDirectories(SCREENSHOTS);
    List<Path> pages = new ArrayList<>();
    pages.add(SITE.resolve("runbooks/502-bad-gateway.html"));
    pages.add(SITE.resolve("runbooks/partial-failures.html"));
    pages.add(SITE.resolve("runbooks").resolve(SearchPage.FILE_NAME));
    pages.add(SITE.resolve(CheckPage.link(down502(API, NOW))));
    try {
      for (boolean onPhone : List.of(false, true)) {
        if (onPhone) {
          phone();
        } else {
          desktop();
        }
        for (Path page : pages) {
          open(page);
          String name = page.getFileName().toString();
          assertThat(overflow()).as("horizontal overflow on %s, phone: %s", name, onPhone).isLessThanOrEqualTo(1);
          assertThat(driver.findElements(By.cssSelector("nav.docs-nav a"))).as(name)
              .hasSizeGreaterThan(RunbookLibrary.DEFAULT_FILES.size())
              .allSatisfy(a -> assertThat(a.isDisplayed()).isTrue());
          assertNoConsoleErrors(name + (onPhone ? ", phone" : ", desktop"));
        }
        open(pages.get(2));
        driver.findElement(By.id("sh-search")).sendKeys("keep-alive");
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.textToBePresentInElementLocated(
            By.id("sh-search-status"), "keep-alive"));
        assertThat(overflow()).as("overflow with results, phone: %s", onPhone).isLessThanOrEqualTo(1);
        write(SCREENSHOTS.resolve(onPhone ? "search-mobile.png" : "search-desktop.png"), fullPage());
        open(pages.get(0));
        write(SCREENSHOTS.resolve(onPhone ? "runbook-mobile.png" : "runbook-desktop.png"), fullPage());
        assertNoConsoleErrors("search and runbook screenshots");
      }
    } finally {
      desktop();
    }
  }

  /**
   * Each check's uptime figures, day slots and latency chart are drawn, at a fixed size: the
   * 90 slots are as wide with a week of history as with 90 days, the figures sit just above
   * their slots, and on a phone nothing is wider than the screen. In the dark colour scheme the
   * drawings take the dark palette. Screenshots: {@code desktop.png}, {@code phone.png},
   * {@code dark.png} and {@code uptime-desktop.png}.
   */
  @Test
  void theUptimeAndLatencyChartsRenderOnADesktopAPhoneAndInTheDark() throws IOException {
    Files.createDirectories(SCREENSHOTS);
    try {
      desktop();
      open(index);
      List<WebElement> cards = driver.findElements(By.cssSelector("ul.uptime > li.history"));
      assertThat(cards).hasSize(5);
      for (WebElement card : cards) {
        String name = card.findElement(By.cssSelector(".check-name")).getText();
        WebElement strip = card.findElement(By.cssSelector("svg.strip"));
        WebElement chart = card.findElement(By.cssSelector("svg.chart"));
        WebElement windows = card.findElement(By.cssSelector("dl.windows"));
        for (WebElement drawn : List.of(strip, chart, windows)) {
          assertThat(drawn.isDisplayed()).as("%s of %s is visible", drawn.getTagName(), name).isTrue();
          assertThat(drawn.getRect().getWidth()).as("width of %s of %s", drawn.getTagName(), name).isGreaterThan(100);
          assertThat(drawn.getRect().getHeight()).as("height of %s of %s", drawn.getTagName(), name).isGreaterThan(10);
        }
        // 90 slots of 4 px: three weeks of data are 20 slots on the right, not a stretched bar.
        assertThat(strip.getRect().getWidth()).as("strip of %s", name).isEqualTo(360);
        assertThat(card.findElements(By.cssSelector("svg.strip path.day-up, svg.strip path.day-degraded,"
            + " svg.strip path.day-down"))).allSatisfy(p -> assertThat(p.getRect().getX())
                .as("days with data of %s, on the right", name)
                .isGreaterThanOrEqualTo(strip.getRect().getX() + (89 - HISTORY_DAYS) * 4));
        // The figures are right above their slots, not across the page.
        assertThat(Math.abs(windows.getRect().getX() - strip.getRect().getX())).as("figures of %s", name).isLessThan(5);
        assertThat(strip.getRect().getY() - (windows.getRect().getY() + windows.getRect().getHeight()))
            .as("gap between figures and slots of %s", name).isBetween(0, 20);
        assertThat(windows.findElements(By.tagName("dd"))).hasSize(4)
            .allSatisfy(dd -> assertThat(dd.getText()).matches("\\d+\\.\\d\\d%"));
        assertThat(card.findElement(By.cssSelector("figure.latency figcaption")).getText())
            .startsWith("The last 20 runs, oldest first;");
        WebElement figures = card.findElement(By.cssSelector("figure.latency dl.figures"));
        assertThat(figures.getText()).contains("Median latency", "p95 latency");
        assertThat(chart.getRect().getY() - (figures.getRect().getY() + figures.getRect().getHeight()))
            .as("gap between the latency figures and the chart of %s", name).isBetween(0, 20);
        assertThat(chart.getDomAttribute("aria-label")).contains("median", "p95");
      }
      // The day missed 12 days ago is a "no data" slot among days with data: grey and short,
      // nothing like a DOWN day.
      WebElement none = cards.get(0).findElement(By.cssSelector("svg.strip path.day-none"));
      assertThat(none.getDomAttribute("d")).contains("M" + (89 - 12) * 4 + " 22h4");
      WebElement api = cards.get(2);
      WebElement down = api.findElement(By.cssSelector("svg.strip path.day-down"));
      assertThat(strokeWidth(none)).isLessThan(strokeWidth(down) / 4);
      assertThat(driver.executeScript("return getComputedStyle(arguments[0]).stroke;", none))
          .isNotEqualTo(driver.executeScript("return getComputedStyle(arguments[0]).stroke;", down));
      assertThat(api.findElement(By.cssSelector("svg.chart path.run-down")).isDisplayed()).isTrue();
      // A DOWN day's bar is taller than an UP day's: the states differ in shape, not only colour.
      assertThat(strokeWidth(api.findElement(By.cssSelector("svg.strip path.day-down"))))
          .isGreaterThan(strokeWidth(api.findElement(By.cssSelector("svg.strip path.day-up"))));
      write(SCREENSHOTS.resolve("desktop.png"), fullPage());
      write(SCREENSHOTS.resolve("uptime-desktop.png"),
          driver.findElement(By.cssSelector("section[aria-labelledby=sh-uptime]")).getScreenshotAs(OutputType.BYTES));
      assertThat(overflow()).as("horizontal overflow on a desktop").isLessThanOrEqualTo(1);
      assertNoConsoleErrors("index.html, desktop");

      phone();
      open(index);
      assertThat(overflow()).as("horizontal overflow on a 390 px wide phone").isLessThanOrEqualTo(1);
      for (WebElement drawn : driver.findElements(By.cssSelector("svg.strip, svg.chart"))) {
        assertThat(drawn.isDisplayed()).isTrue();
        assertThat(drawn.getRect().getWidth()).isBetween(300, 390);
      }
      write(SCREENSHOTS.resolve("phone.png"), fullPage());
      write(SCREENSHOTS.resolve("uptime-phone.png"),
          driver.findElement(By.cssSelector("section[aria-labelledby=sh-uptime]")).getScreenshotAs(OutputType.BYTES));
      assertNoConsoleErrors("index.html, phone");

      desktop();
      dark(true);
      open(index);
      assertThat(driver.executeScript("return getComputedStyle(document.body).backgroundColor;"))
          .isEqualTo("rgb(13, 17, 23)");
      assertThat(driver.executeScript("return getComputedStyle(arguments[0]).stroke;",
          driver.findElement(By.cssSelector("svg.strip path.day-up")))).isEqualTo("rgb(63, 185, 80)");
      write(SCREENSHOTS.resolve("dark.png"), fullPage());
      write(SCREENSHOTS.resolve("uptime-dark.png"),
          driver.findElement(By.cssSelector("section[aria-labelledby=sh-uptime]")).getScreenshotAs(OutputType.BYTES));
      assertNoConsoleErrors("index.html, dark");
    } finally {
      dark(false);
      desktop();
    }
  }

  /**
   * The longest group name allowed, one word of wide letters, wraps in its heading: it neither
   * widens the table past an 1100 px window nor pushes the Runbook column off screen.
   */
  @Test
  void aLongGroupNameWithoutSpacesWrapsAt1100Pixels() throws IOException {
    Path dir = Path.of("target", "browser-long-group");
    deleteTree(dir);
    Path results = Fixtures.writeResults(Files.createDirectories(dir.resolve("input")), new RunResult(NOW, 900,
        List.of(down502(API, NOW).withGroup(Optional.of("W".repeat(64))), up(DNS, NOW, 20))));
    Path site = dir.resolve("site");
    new SiteGenerator(Clock.fixed(NOW.plusSeconds(90), ZoneOffset.UTC))
        .generate(SiteRequest.of(results, site).withTitle("Long group"));
    try {
      driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
          Map.of("width", 1100, "height", 900, "deviceScaleFactor", 1, "mobile", false));
      open(site.resolve(SiteGenerator.INDEX));
      assertThat(overflow()).as("sideways scroll at 1100 px").isLessThanOrEqualTo(0);
      Number tableRight = (Number) driver.executeScript(
          "return document.querySelector('tbody.group').closest('table').getBoundingClientRect().right;");
      assertThat(tableRight.doubleValue()).as("the table's right edge").isLessThanOrEqualTo(1100);
      assertNoConsoleErrors("long group index.html");
    } finally {
      desktop();
    }
  }

  /**
   * The console and overflow checks above pass vacuously if the browser log stays empty or the
   * measure misses a page that is too wide: this page has both a CSP violation and overflow.
   */
  @Test
  void groupsFoldAndUnfoldWithoutAScriptOnADesktopAndAPhone() throws IOException {
    Path dir = Path.of("target", "browser-groups");
    deleteTree(dir);
    Path results = Fixtures.writeResults(Files.createDirectories(dir.resolve("input")), new RunResult(NOW, 900,
        List.of(up(HOME, NOW, 120).withGroup(Optional.of("Storefront")),
            down502(API, NOW).withGroup(Optional.of("Checkout")),
            up(CERT, NOW, 90).withGroup(Optional.of("Storefront")),
            up(DNS, NOW, 20))));
    Path site = dir.resolve("site");
    new SiteGenerator(Clock.fixed(NOW.plusSeconds(90), ZoneOffset.UTC))
        .generate(SiteRequest.of(results, site).withTitle("Grouped status"));
    try {
      for (boolean onPhone : List.of(false, true)) {
        if (onPhone) {
          phone();
        }
        open(site.resolve(SiteGenerator.INDEX));
        List<WebElement> heads = driver.findElements(By.cssSelector("tbody.group > tr.group-head summary"));
        assertThat(heads).extracting(WebElement::getText).satisfiesExactly(
            t -> assertThat(t).contains("Storefront", "Up", "2 checks: 2 up"),
            t -> assertThat(t).contains("Checkout", "Down", "1 check: 1 down"),
            t -> assertThat(t).contains(CheckGroups.UNGROUPED, "1 check: 1 up"));
        // the all-UP group starts folded, the failing one open
        assertThat(row(HOME).isDisplayed()).isFalse();
        assertThat(row(API).isDisplayed()).isTrue();
        heads.get(0).click();
        assertThat(row(HOME).isDisplayed()).as("unfolded").isTrue();
        assertThat(row(CERT).isDisplayed()).isTrue();
        heads.get(1).click();
        assertThat(row(API).isDisplayed()).as("folded").isFalse();
        assertThat(overflow()).as("sideways scroll, phone: %s", onPhone).isLessThanOrEqualTo(0);
        Files.createDirectories(SCREENSHOTS);
        Files.write(SCREENSHOTS.resolve(onPhone ? "groups-phone.png" : "groups-desktop.png"),
            driver.getScreenshotAs(OutputType.BYTES));
        assertNoConsoleErrors("grouped index.html");
      }
    } finally {
      desktop();
    }
  }

  @Test
  void aCspViolationAndAWidePageWouldBeCaught() throws IOException {
    Path probe = write(INPUT.resolve("probe.html"), ("<!DOCTYPE html><html lang=en><head><meta charset=utf-8>"
        + "<meta name=viewport content='width=device-width, initial-scale=1'>"
        + "<meta http-equiv=Content-Security-Policy content=\"" + PageTemplate.CONTENT_SECURITY_POLICY + "\">"
        + "<title>probe</title></head><body><div style='width: 800px'>wide</div>"
        + "<script>document.title = 'script ran';</script></body></html>").getBytes(StandardCharsets.UTF_8));
    try {
      phone();
      open(probe);
      assertThat(driver.getTitle()).isEqualTo("probe");
      assertThat(severe()).anySatisfy(e -> assertThat(e.getMessage()).contains("Content Security Policy"));
      assertThat(overflow()).isGreaterThan(1);
    } finally {
      desktop();
    }
  }

  // ---------------------------------------------------------------------------------------------

  /**
   * Skips the test when a binary is missing, but fails it on CI ({@code CI=true}), where a
   * missing browser would otherwise pass unnoticed as a skip.
   */
  static void requireBrowser(List<Path> binaries, String ci) {
    List<String> missing = binaries.stream().filter(p -> !Files.isExecutable(p)).map(Path::toString).toList();
    if (missing.isEmpty()) {
      return;
    }
    String message = "BrowserTest needs Debian's chromium and chromium-driver packages; missing: "
        + String.join(", ", missing) + " (apt-get install chromium chromium-driver)";
    if ("true".equals(ci)) {
      fail(message + ". On CI (CI=true) the browser test must run, so this is a failure, not a skip.");
    }
    Assumptions.abort(message);
  }

  /** results.json and a few days of history, then the site, as the site goal would write it. */
  static Path generateSite() throws IOException {
    deleteTree(SITE);
    deleteTree(INPUT);
    Files.createDirectories(INPUT);
    HistoryStore history = new HistoryStore(INPUT.resolve(HistoryStore.FILE_NAME));
    // Three weeks of daily runs with one day missed (12 days ago), latencies that vary, a
    // degraded day and a down day: enough for the day slots and the latency line to show shape.
    for (int daysAgo = HISTORY_DAYS; daysAgo >= 1; daysAgo--) {
      if (daysAgo == 12) {
        continue;
      }
      Instant at = NOW.minus(Duration.ofDays(daysAgo));
      long ms = 120 + (daysAgo * 53L) % 250;
      history.append(new RunResult(at, 700, List.of(
          up(HOME, at, ms),
          daysAgo == 3 ? degraded(CERT, at) : up(CERT, at, ms + 40),
          daysAgo == 2 ? down502(API, at) : up(API, at, ms * 2),
          up(DNS, at, 20 + daysAgo % 5),
          up(STORE, at, ms))));
    }
    RunResult run = new RunResult(NOW, 1840, List.of(
        up(HOME, NOW), degraded(CERT, NOW), down502(API, NOW), dnsMismatch(DNS, NOW),
        Fixtures.someAddressesFail(STORE)));
    history.append(run);
    Path results = Fixtures.writeResults(INPUT, run);

    Clock clock = Clock.fixed(NOW.plusSeconds(90), ZoneOffset.UTC);
    SiteResult site = new SiteGenerator(clock).generate(
        SiteRequest.of(results, SITE).withHistoryFile(history.file()).withTitle("Example shop status"));
    assertThat(site.warnings()).isEmpty();
    Path index = SITE.resolve(SiteGenerator.INDEX);
    assertThat(index).isRegularFile();
    return index;
  }

  static CheckResult up(String name, Instant at) {
    return up(name, at, 142);
  }

  static CheckResult up(String name, Instant at, long ms) {
    return new CheckResult(name, "http", "https://shop.example.com/", CheckStatus.UP, "200 OK",
        Optional.empty(), List.of(new Attempt(1, at, ms, Optional.of(200), "200 OK", true)), at, ms + 1);
  }

  static CheckResult degraded(String name, Instant at) {
    Finding finding = new Finding("TLS_EXPIRING", Hop.TLS,
        "The certificate for shop.example.com expires in 9 days; renew it.",
        Runbooks.link("TLS_EXPIRING", Hop.TLS),
        List.of("notAfter 2025-03-29T00:00:00Z", "issuer CN=Example CA"));
    return new CheckResult(name, "http", "https://shop.example.com/", CheckStatus.DEGRADED,
        "certificate expires in 9 days", Optional.of(finding),
        List.of(new Attempt(1, at, 96, Optional.of(200), "200 OK", true)), at, 97);
  }

  static CheckResult down502(String name, Instant at) {
    Finding finding = new Finding("HTTP_502", Hop.ORIGIN,
        "The origin server answered 502 Bad Gateway: its upstream application is down or refusing connections.",
        API_RUNBOOK,
        List.of("GET https://api.example.com/health -> 502 Bad Gateway", "server: nginx/1.22.1", "no Via header"));
    List<Attempt> attempts = List.of(
        new Attempt(1, at, 14, Optional.of(502), "502 Bad Gateway", false),
        new Attempt(2, at.plusMillis(500), 12, Optional.of(502), "502 Bad Gateway", false),
        new Attempt(3, at.plusMillis(1500), 13, Optional.of(502), "502 Bad Gateway", false));
    return new CheckResult(name, "http", "https://api.example.com/health", CheckStatus.DOWN,
        "502 Bad Gateway", Optional.of(finding), attempts, at, 1540);
  }

  static CheckResult dnsMismatch(String name, Instant at) {
    Finding finding = new Finding("DNS_MISMATCH", Hop.DNS,
        "www.example.com points to old-cdn.example.net, not the expected shop.cdn.example.net.",
        DNS_RUNBOOK,
        List.of("www.example.com. 300 IN CNAME old-cdn.example.net.", "expected CNAME shop.cdn.example.net."));
    return new CheckResult(name, "dns", "www.example.com CNAME", CheckStatus.DOWN,
        "CNAME old-cdn.example.net.", Optional.of(finding),
        List.of(new Attempt(1, at, 8, Optional.empty(), "CNAME old-cdn.example.net.", false)), at, 9);
  }

  // ---------------------------------------------------------------------------------------------

  /** Opens a file, after reading away what the console said before, and waits for the load. */
  static void open(Path file) {
    severe();
    driver.get(file.toAbsolutePath().toUri().toString());
    waitForLoad();
  }

  static void waitForLoad() {
    new WebDriverWait(driver, WAIT).until(
        d -> "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
  }

  static WebElement row(String checkName) {
    return driver.findElements(CHECK_ROWS).stream()
        // textContent, not getText: a row folded away in its group has no visible text
        .filter(tr -> checkName.equals(
            tr.findElement(By.cssSelector(".check-name")).getDomProperty("textContent")))
        .findFirst().orElseThrow(() -> new AssertionError("no row for " + checkName));
  }

  /** The console's errors since the last call (reading the log empties it). */
  static List<LogEntry> severe() {
    return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
  }

  static void assertNoConsoleErrors(String page) {
    assertThat(severe()).as("console errors (CSP violations included) on %s", page).isEmpty();
  }

  /**
   * How far the page is wider than the viewport, in CSS pixels. On an emulated phone a page that
   * is too wide is zoomed out, and {@code window.innerWidth} grows with it (390 becomes 809 for
   * an 800 px wide element), so the layout viewport's {@code clientWidth}, which stays 390, is
   * the measure that catches it; the smaller of the two is used.
   */
  static int overflow() {
    return ((Number) driver.executeScript("const root = document.documentElement;"
        + "return root.scrollWidth - Math.min(window.innerWidth, root.clientWidth);")).intValue();
  }

  static void desktop() {
    driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
        Map.of("width", 1280, "height", 900, "deviceScaleFactor", 1, "mobile", false));
  }

  static void phone() {
    driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
        Map.of("width", 390, "height", 844, "deviceScaleFactor", 2, "mobile", true));
  }

  static double strokeWidth(WebElement path) {
    String width = (String) driver.executeScript("return getComputedStyle(arguments[0]).strokeWidth;", path);
    return Double.parseDouble(width.replace("px", ""));
  }

  static void dark(boolean on) {
    driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features",
        List.of(Map.of("name", "prefers-color-scheme", "value", on ? "dark" : "light"))));
  }

  /** The whole page, not only the viewport. */
  static byte[] fullPage() {
    Map<String, Object> metrics = driver.executeCdpCommand("Page.getLayoutMetrics", Map.of());
    @SuppressWarnings("unchecked")
    Map<String, Number> size = (Map<String, Number>) metrics.get("cssContentSize");
    Number width = (Number) driver.executeScript("return window.innerWidth;");
    double height = Math.max(size.get("height").doubleValue(),
        ((Number) driver.executeScript("return window.innerHeight;")).doubleValue());
    Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of(
        "format", "png",
        "captureBeyondViewport", true,
        "clip", Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)));
    return Base64.getDecoder().decode((String) shot.get("data"));
  }

  static void assertPng(Path file, int width) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    assertThat(bytes).as(file.toString()).hasSizeGreaterThan(1000)
        .startsWith(0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n');
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
    assertThat(image).as(file.toString()).isNotNull();
    assertThat(image.getWidth()).as("%s width", file).isEqualTo(width);
    assertThat(image.getHeight()).as("%s height", file).isGreaterThan(800);
  }

  static Path write(Path file, byte[] bytes) throws IOException {
    Files.createDirectories(file.getParent());
    return Files.write(file, bytes);
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
