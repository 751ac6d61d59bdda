package io.github.sitehealth.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.sitehealth.core.history.HistoryStore;
import io.github.sitehealth.core.result.CheckResult;
import io.github.sitehealth.core.result.CheckStatus;
import io.github.sitehealth.core.result.Hop;
import io.github.sitehealth.core.result.RunResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.time.Duration;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SiteGeneratorTest {

  @TempDir Path dir;

  private final SiteGenerator generator = new SiteGenerator(Fixtures.CLOCK);

  @Test
  void missingResultsSayWhatToRun() {
    Path target = dir.resolve("target/site-health");
    assertThatThrownBy(() -> generator.generate(SiteRequest.of(target.resolve("results.json"), dir.resolve("out"))))
        .isInstanceOf(MissingResultsException.class)
        .hasMessage("no results.json in " + target.toAbsolutePath() + ": run site-health:verify first");
    assertThat(dir.resolve("out")).doesNotExist();
  }

  @Test
  void aDirectoryWithoutResultsIsMissingResultsToo() throws IOException {
    Path target = Files.createDirectories(dir.resolve("target/site-health"));
    assertThatThrownBy(() -> generator.generate(SiteRequest.of(target, target)))
        .isInstanceOf(MissingResultsException.class)
        .hasMessageContaining("no results.json in " + target.toAbsolutePath());
  }

  @Test
  void writesTheStatusPageRunbooksAndBadges() throws IOException {
    RunResult run = Fixtures.run(Fixtures.T0, Fixtures.up("home"),
        Fixtures.failing("api", CheckStatus.DOWN, "HTTP_503", Hop.ORIGIN));
    Path out = dir.resolve("site-health");
    Path results = Fixtures.writeResults(out, run);

    SiteResult result = generator.generate(SiteRequest.of(out, out));

    assertThat(result.files().get(0)).isEqualTo(out.resolve("index.html"));
    assertThat(result.files()).contains(
        out.resolve("runbooks/503-service-unavailable.html"), out.resolve("runbooks/dns.html"),
        out.resolve("badges/overall.svg"), out.resolve("badges/home.svg"), out.resolve("badges/api.svg"),
        out.resolve("status.json"), out.resolve("feed.xml"));
    assertThat(result.files()).contains(out.resolve("runbooks/search.html"));
    assertThat(result.files()).hasSize(3 + RunbookLibrary.DEFAULT_FILES.size() + 1 + 3).allMatch(Files::isRegularFile);
    assertThat(result.warnings()).isEmpty();
    assertThat(results).exists();

    Document index = Fixtures.parse(out.resolve("index.html"));
    assertThat(index.select("h1").text()).isEqualTo(SiteRequest.DEFAULT_TITLE);
    assertThat(index.select("td[data-label=Runbook] a").attr("href")).isEqualTo("runbooks/503-service-unavailable.html#origin");
    assertThat(Files.readString(out.resolve("badges/overall.svg"))).contains(">outage<");
    assertThat(Files.readString(out.resolve("badges/home.svg"))).contains(">up<");
    for (Path page : result.files()) {
      if (page.toString().endsWith(".html")) {
        SafeHtml.assertSafe(Fixtures.parse(page), page.getFileName().toString());
      }
    }
  }

  @Test
  void theAddressesAndSamplesInResultsJsonReachThePage() throws IOException {
    Path out = dir.resolve("site-health");
    Fixtures.writeResults(out, Fixtures.run(Fixtures.T0, Fixtures.someAddressesFail("www"),
        Fixtures.someRequestsFail("api", 3), Fixtures.up("home")));

    generator.generate(SiteRequest.of(out, out));

    Document index = Fixtures.parse(out.resolve("index.html"));
    assertThat(index.select("table.addresses tbody th code").eachText())
        .containsExactly("127.0.0.1", "127.0.0.2", "127.0.0.3");
    assertThat(index.select("p.sampling").eachText()).containsExactly(
        "9 of 20 samples failed (45 %), allowed 0 %, spread over a window of 10.0 s.",
        "3 of 30 samples failed (10 %), allowed 10 %, spread over a window of 30.0 s.");
    assertThat(index.select("ul.samples > li")).hasSize(9 + 3);
    SafeHtml.assertSafe(index, "index.html");
  }

  @Test
  void theRunInMemoryGivesThePagesReadingResultsJsonWould() throws IOException {
    RunResult run = Fixtures.run(Fixtures.T0, Fixtures.up("home"),
        Fixtures.failing("api", CheckStatus.DOWN, "HTTP_502", Hop.ORIGIN),
        Fixtures.someAddressesFail("www"), Fixtures.someRequestsFail("shop", 3));
    Path read = dir.resolve("read");
    Fixtures.writeResults(read, run);
    generator.generate(SiteRequest.of(read, read));
    Path given = dir.resolve("given");
    Fixtures.writeResults(given, run);
    Files.delete(given.resolve("results.json"));

    SiteResult result = generator.generate(SiteRequest.of(given, given).withRun(run));

    assertThat(result.files()).isNotEmpty();
    for (Path file : result.files()) {
      assertThat(file).hasSameTextualContentAs(read.resolve(given.relativize(file)));
    }
  }

  @Test
  void aBadgeWhoseCheckKeepsItsStatusIsLeftAsItIsAndOneThatChangesIsRewritten()
      throws IOException {
    Path out = dir.resolve("site-health");
    Fixtures.writeResults(out, Fixtures.run(Fixtures.T0, Fixtures.up("home"), Fixtures.up("api")));
    generator.generate(SiteRequest.of(out, out));
    FileTime before = FileTime.fromMillis(1_000_000_000_000L);
    Files.setLastModifiedTime(out.resolve("badges/home.svg"), before);
    Files.setLastModifiedTime(out.resolve("badges/api.svg"), before);

    Fixtures.writeResults(out, Fixtures.run(Fixtures.T0.plusSeconds(60), Fixtures.up("home"),
        Fixtures.failing("api", CheckStatus.DOWN, "HTTP_502", Hop.ORIGIN)));
    SiteResult result = generator.generate(SiteRequest.of(out, out));

    assertThat(result.files()).contains(out.resolve("badges/home.svg"), out.resolve("badges/api.svg"));
    assertThat(Files.getLastModifiedTime(out.resolve("badges/home.svg"))).isEqualTo(before);
    assertThat(Files.readString(out.resolve("badges/home.svg"))).contains(">up<");
    assertThat(Files.getLastModifiedTime(out.resolve("badges/api.svg"))).isNotEqualTo(before);
    assertThat(Files.readString(out.resolve("badges/api.svg"))).contains(">down<");
  }

  @Test
  void pagesAndBadgesOfChecksAndRunbooksThatAreGoneAreRemoved() throws IOException {
    Path out = dir.resolve("site-health");
    Path team = Files.createDirectories(dir.resolve("team"));
    Files.writeString(team.resolve("old-service.md"), "---\ntitle: Old\n---\n# Old\n");
    Fixtures.writeResults(out, Fixtures.run(Fixtures.T0, Fixtures.up("home"), Fixtures.up("legacy")));
    generator.generate(SiteRequest.of(out, out).withTeamRunbooks(team));
    assertThat(out.resolve("badges/legacy.svg")).exists();
    assertThat(out.resolve("runbooks/old-service.html")).exists();
    Path notOurs = Files.writeString(out.resolve("runbooks/notes.txt"), "kept");

    Files.delete(team.resolve("old-service.md"));
    Fixtures.writeResults(out, Fixtures.run(Fixtures.T0.plusSeconds(60), Fixtures.up("home")));
    generator.generate(SiteRequest.of(out, out).withTeamRunbooks(team));

    assertThat(out.resolve("badges/legacy.svg")).doesNotExist();
    assertThat(out.resolve("runbooks/old-service.html")).doesNotExist();
    assertThat(out.resolve("badges/home.svg")).exists();
    assertThat(out.resolve("runbooks/502-bad-gateway.html")).exists();
    assertThat(notOurs).hasContent("kept");
  }

  @Test
  void aFailingCheckGetsItsPageOfCommandsUntilItRecovers() throws IOException {
    Path out = dir.resolve("site-health");
    var shop = PlaceholdersTest.shop("https://www.shop.test/", CheckStatus.DOWN);
    Fixtures.writeResults(out, Fixtures.run(Fixtures.T0, Fixtures.up("home"), shop));
    SiteResult result = generator.generate(SiteRequest.of(out, out));

    Path page = out.resolve(CheckPage.link(shop));
    assertThat(result.files()).contains(page);
    assertThat(Fixtures.parse(page).select("main pre code").text()).contains("https://origin.shop.test:8443/health");
    SafeHtml.assertSafe(Fixtures.parse(page), page.toString());
    assertThat(Fixtures.parse(out.resolve("index.html")).select("a.for-this-check").attr("href"))
        .isEqualTo(CheckPage.link(shop));

    Fixtures.writeResults(out, Fixtures.run(Fixtures.T0.plusSeconds(60), Fixtures.up("home"), Fixtures.up("shop")));
    generator.generate(SiteRequest.of(out, out));
    assertThat(page).doesNotExist();
  }

  @Test
  void aLinkedDirectoryLeadingOutOfTheOutputDirectoryIsNotWrittenThrough() throws IOException {
    Path out = dir.resolve("site-health");
    Fixtures.writeResults(out, Fixtures.run(Fixtures.T0, Fixtures.up("home")));
    Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
    Files.createSymbolicLink(out.resolve("runbooks"), elsewhere);

    assertThatThrownBy(() -> generator.generate(SiteRequest.of(out, out)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("leads out of the output directory");
    try (var files = Files.list(elsewhere)) {
      assertThat(files.toList()).isEmpty();
    }
  }

  @Test
  void aGenerationThatFailsLeavesNoThreadWritingPages() throws IOException {
    Path out = dir.resolve("site-health");
    List<CheckResult> checks = new java.util.ArrayList<>();
    for (int i = 0; i < 300; i++) {
      checks.add(Fixtures.failing("c" + i, CheckStatus.DOWN, "HTTP_502", Hop.ORIGIN));
    }
    Fixtures.writeResults(out, Fixtures.run(Fixtures.T0, checks.toArray(CheckResult[]::new)));
    // index.html cannot replace a directory that holds a file: the status page fails while the
    // other thread writes a page of commands and a badge for each failing check
    Files.createDirectories(out.resolve("index.html").resolve("kept"));

    assertThatThrownBy(() -> generator.generate(SiteRequest.of(out, out)))
        .isInstanceOf(IOException.class);
    assertThat(Thread.getAllStackTraces().keySet()).noneMatch(
        t -> t.getName().equals("site-health-pages") && t.isAlive());
  }

  @Test
  void runbookPagesHaveATableOfContentsAndSelfLinks() throws IOException {
    Path out = dir.resolve("out");
    generator.generate(SiteRequest.of(Fixtures.writeResults(dir, Fixtures.run(Fixtures.T0, Fixtures.up("home"))), out));
    Document dns = Fixtures.parse(out.resolve("runbooks/dns.html"));
    assertThat(dns.title()).isEqualTo("DNS findings | Runbooks");
    assertThat(dns.select("nav.toc a").eachAttr("href")).contains("#nxdomain", "#dangling-cname", "#ns-inconsistent");
    assertThat(dns.select("#nxdomain > a.anchor").attr("href")).isEqualTo("#nxdomain");
    assertThat(dns.select(".codes code").eachText()).contains("DNS_NXDOMAIN", "DNS_NS_INCONSISTENT");
    assertThat(dns.select("a[href=../index.html]")).hasSize(1);
    assertThat(dns.selectFirst("meta[http-equiv=Content-Security-Policy]")).isNotNull();
  }

  @Test
  void readsHistoryTeamRunbooksAndIncidentsAndPassesWarningsOn() throws IOException {
    Path out = dir.resolve("out");
    Path history = dir.resolve("history.jsonl");
    HistoryStore store = new HistoryStore(history);
    store.append(Fixtures.run(Fixtures.T0.minus(Duration.ofDays(2)), Fixtures.withStatus(Fixtures.up("home"),
        Fixtures.T0.minus(Duration.ofDays(2)), CheckStatus.DOWN)));
    Files.writeString(history, Files.readString(history) + "{broken\n");
    RunResult run = Fixtures.run(Fixtures.T0, Fixtures.up("home"));
    store.append(run);

    Path team = Fixtures.write(dir.resolve("team/payments.md"), "---\ntitle: Payments\ncodes: [HTTP_502]\n---\n# Payments\n").getParent();
    Path incidents = Fixtures.write(dir.resolve("incidents/2025-03-19.md"), "---\ntitle: Slow API\nstarted: 2025-03-19\n---\n").getParent();

    SiteResult result = generator.generate(SiteRequest.of(Fixtures.writeResults(dir, run), out)
        .withHistoryFile(history).withTeamRunbooks(team).withIncidents(incidents).withTitle("Shop status"));

    assertThat(result.warnings()).singleElement().asString().contains("history.jsonl line 2");
    assertThat(result.files()).contains(out.resolve("runbooks/payments.html"));
    Document index = Fixtures.parse(out.resolve("index.html"));
    assertThat(index.select("h1").text()).isEqualTo("Shop status");
    // two days ago down, yesterday nothing, today up, in the last three of the 90 day slots
    assertThat(index.select("svg.strip path.day-down").attr("d")).isEqualTo("M348 14h4");
    assertThat(index.select("svg.strip path.day-up").attr("d")).isEqualTo("M356 14h4");
    assertThat(index.select("svg.strip path.day-none").attr("d")).isEqualTo("M0 22h348M352 22h4");
    assertThat(index.select("article.incident h3").text()).isEqualTo("Slow API");
    assertThat(index.select("ul.runbook-index").text()).contains("Payments (team)");
  }

  @Test
  void theLatestRunCountsOnceWhenTheHistoryAlreadyHasIt() throws IOException {
    RunResult run = Fixtures.run(Fixtures.T0, Fixtures.up("home"));
    Path history = dir.resolve("history.jsonl");
    new HistoryStore(history).append(run);
    Path out = dir.resolve("out");
    generator.generate(SiteRequest.of(Fixtures.writeResults(dir, run), out).withHistoryFile(history));
    assertThat(Fixtures.parse(out.resolve("index.html")).select("svg.chart").attr("aria-label"))
        .contains("latency of the latest run:");
  }

  @Test
  void anAbsentHistoryFileIsAnEmptyHistory() throws IOException {
    Path out = dir.resolve("out");
    SiteResult result = generator.generate(SiteRequest.of(
        Fixtures.writeResults(dir, Fixtures.run(Fixtures.T0, Fixtures.up("home"))), out)
        .withHistoryFile(dir.resolve("none.jsonl")));
    assertThat(result.warnings()).isEmpty();
    assertThat(dir.resolve("none.jsonl")).doesNotExist();
  }

  @Test
  void anInvalidResultsFileNamesTheProblem() throws IOException {
    Path results = Fixtures.write(dir.resolve("results.json"), "{\"schemaVersion\": 1}");
    assertThatThrownBy(() -> generator.generate(SiteRequest.of(results, dir)))
        .isInstanceOf(IOException.class)
        .isNotInstanceOf(MissingResultsException.class)
        .hasMessageContaining("results.json").hasMessageContaining("$.checks");
  }

  @Test
  void aBlankTitleFallsBackToTheDefault() {
    assertThat(SiteRequest.of(dir, dir).withTitle("  ").title()).isEqualTo(SiteRequest.DEFAULT_TITLE);
  }

  @Test
  void statusJsonAndTheAtomFeedSayWhatChangedForOtherTools() throws Exception {
    Path history = dir.resolve("history.jsonl");
    HistoryStore store = new HistoryStore(history);
    store.append(Fixtures.run(Fixtures.T0.minusSeconds(3600), Fixtures.up("home"), Fixtures.up("api")));
    RunResult run = Fixtures.run(Fixtures.T0, Fixtures.up("home"),
        Fixtures.failing("api", CheckStatus.DOWN, "HTTP_503", Hop.ORIGIN));
    store.append(run);
    Path incidents = Fixtures.write(dir.resolve("incidents/cdn.md"),
        "---\ntitle: \"CDN <script>alert(1)</script> & co\"\nstatus: investigating\nstarted: 2025-03-20\n---\n")
        .getParent();
    Path out = dir.resolve("site-health");

    generator.generate(SiteRequest.of(Fixtures.writeResults(out, run), out)
        .withHistoryFile(history).withIncidents(incidents));

    var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.resolve("status.json").toFile());
    assertThat(json.get("schemaVersion").asInt()).isEqualTo(1);
    assertThat(json.get("status").asText()).isEqualTo("outage");
    assertThat(json.get("counts").get("down").asInt()).isEqualTo(1);
    assertThat(json.get("checks").get(1).get("code").asText()).isEqualTo("HTTP_503");
    assertThat(json.get("checks").get(1).get("runbook").asText())
        .isEqualTo("runbooks/503-service-unavailable.html#origin");
    assertThat(json.get("checks").get(0).get("code").isNull()).isTrue();
    assertThat(json.get("incidents").get(0).get("ongoing").asBoolean()).isTrue();

    var feed = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(out.resolve("feed.xml").toFile());
    assertThat(feed.getDocumentElement().getNamespaceURI()).isNull();
    assertThat(feed.getDocumentElement().getAttribute("xmlns")).isEqualTo("http://www.w3.org/2005/Atom");
    var titles = feed.getElementsByTagName("entry");
    List<String> entries = new java.util.ArrayList<>();
    for (int i = 0; i < titles.getLength(); i++) {
      entries.add(((org.w3c.dom.Element) titles.item(i)).getElementsByTagName("title").item(0)
          .getTextContent());
    }
    // newest first: the status change at T0, then the incident that started at midnight
    assertThat(entries).containsExactly("api is DOWN (was UP)",
        "CDN <script>alert(1)</script> & co (investigating)");
    assertThat(Files.readString(out.resolve("feed.xml"))).doesNotContain("<script>");
  }
}
