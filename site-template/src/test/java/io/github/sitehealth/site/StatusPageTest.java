package io.github.sitehealth.site;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sitehealth.core.history.HistoryEntry;
import io.github.sitehealth.core.result.Attempt;
import io.github.sitehealth.core.result.CheckResult;
import io.github.sitehealth.core.result.CheckStatus;
import io.github.sitehealth.core.result.Hop;
import io.github.sitehealth.core.result.RunResult;
import io.github.sitehealth.core.result.Sampling;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

class StatusPageTest {

  private final StatusPage page = new StatusPage(RunbookLibrary.defaults());

  private Document render(RunResult run, List<HistoryEntry> history, List<Incident> incidents) {
    return Jsoup.parse(page.render(run, history, incidents, "Example status", Fixtures.CLOCK.instant()));
  }

  private Document render(RunResult run) {
    return render(run, List.of(HistoryEntry.of(run)), List.of());
  }

  @Test
  void allUpIsOperational() {
    Document doc = render(Fixtures.run(Fixtures.T0, Fixtures.up("home"), Fixtures.up("api")));
    Element banner = doc.selectFirst("section.banner");
    assertThat(banner.hasClass("banner-up")).isTrue();
    assertThat(banner.text()).contains("All systems operational", "All 2 checks are up.");
    assertThat(doc.title()).isEqualTo("Example status");
  }

  /** A passing TCP check as TcpCheck reports it: its connect time is its latency. */
  private static CheckResult ssh() {
    String seen = "connected, banner \"SSH-2.0-OpenSSH_9.2\"";
    return new CheckResult("ssh", "tcp", "bastion.example.com:22", CheckStatus.UP, seen,
        Optional.empty(), List.of(new Attempt(1, Fixtures.T0, 3, Optional.empty(), seen, true)),
        Fixtures.T0, 4);
  }

  @Test
  void aDnsOrTcpTargetIsLabelledWithItsKindAndAUrlIsNot() {
    CheckResult ssh = ssh();
    CheckResult www = new CheckResult("www", "dns", "www.example.com. CNAME", CheckStatus.UP,
        "d111111abcdef8.cloudfront.net.", Optional.empty(),
        List.of(new Attempt(1, Fixtures.T0, 2, Optional.empty(), "answer", true)), Fixtures.T0, 2);

    Document doc = render(Fixtures.run(Fixtures.T0, Fixtures.up("home"), www, ssh));

    assertThat(doc.select("table.checks .check-target")).extracting(Element::text)
        .containsExactly("https://www.example.com/", "DNS www.example.com. CNAME",
            "TCP bastion.example.com:22");
  }

  /**
   * Each attempt's time is said once. A sampled check's one attempt sums its samples up, with
   * their median time in its words, so " in 12 ms" after them would say it twice.
   */
  @Test
  void theAttemptsSayEachTimeOnce() {
    CheckResult api = new CheckResult("api", "http", "https://api.example.com/", CheckStatus.UP,
        "0 of 20 samples fail; last: 200 OK", Optional.empty(),
        List.of(new Attempt(1, Fixtures.T0, 12, Optional.empty(),
            "20 samples, 0 failed, median 12 ms", true)),
        Fixtures.T0, 5_000, List.of(), Optional.of(new Sampling(20, 0, 5_000, 0, List.of())));

    Document doc = render(Fixtures.run(Fixtures.T0, ssh(), api));

    assertThat(doc.select("ol[aria-label=Attempts] > li")).extracting(Element::text)
        .containsExactly("connected, banner \"SSH-2.0-OpenSSH_9.2\" in 3 ms (passed)",
            "20 samples, 0 failed, median 12 ms (passed)");
  }

  @Test
  void groupsAreFoldableComponentsUnderTheirWorstStatusUngroupedChecksLast() {
    CheckResult home = Fixtures.up("home").withGroup(Optional.of("Storefront <b>"));
    CheckResult api = Fixtures.failing("api", CheckStatus.DOWN, "HTTP_502", Hop.ORIGIN)
        .withGroup(Optional.of("API"));
    CheckResult cart = Fixtures.up("cart").withGroup(Optional.of("Storefront <b>"));
    CheckResult dns = Fixtures.up("dns");
    CheckResult auth = Fixtures.up("auth").withGroup(Optional.of("API"));

    Document doc = render(Fixtures.run(Fixtures.T0, home, api, dns, cart, auth));

    assertThat(doc.select("table.checks > tbody.group")).hasSize(3);
    assertThat(doc.select("tbody.group .group-name")).extracting(Element::text)
        .containsExactly("Storefront <b>", "API", CheckGroups.UNGROUPED);
    assertThat(doc.select("tbody.group b")).isEmpty();
    assertThat(doc.select("tbody.group")).extracting(g -> g.select("> tr > th .check-name").eachText())
        .containsExactly(List.of("home", "cart"), List.of("api", "auth"), List.of("dns"));
    Element apiGroup = doc.select("tbody.group").get(1);
    assertThat(apiGroup.hasClass("group-down")).isTrue();
    assertThat(apiGroup.selectFirst("details").hasAttr("open")).isTrue();
    assertThat(apiGroup.selectFirst("summary").text())
        .contains("API", "Down", "2 checks: 1 down, 1 up");
    assertThat(doc.select("tbody.group").get(0).selectFirst("details").hasAttr("open")).isFalse();
    assertThat(doc.select("tbody.group").get(0).selectFirst("summary .status").text()).contains("Up");
    // the history cards follow the same order as the rows
    assertThat(doc.select(".uptime .check-name")).extracting(Element::text)
        .containsExactly("home", "cart", "api", "auth", "dns");
  }

  @Test
  void withoutGroupsTheRowsStayInOneBodyInConfigurationOrder() {
    Document doc = render(Fixtures.run(Fixtures.T0, Fixtures.up("b"), Fixtures.up("a")));

    assertThat(doc.select("tbody.group")).isEmpty();
    assertThat(doc.select("table.checks > tbody")).hasSize(1);
    assertThat(doc.select("table.checks .check-name")).extracting(Element::text)
        .containsExactly("b", "a");
  }

  @Test
  void aDegradedCheckDegradesTheBanner() {
    Document doc = render(Fixtures.run(Fixtures.T0, Fixtures.up("home"),
        Fixtures.failing("cert", CheckStatus.DEGRADED, "TLS_EXPIRING", Hop.TLS)));
    assertThat(doc.selectFirst("section.banner").hasClass("banner-degraded")).isTrue();
    assertThat(doc.selectFirst("section.banner").text()).contains("Degraded performance", "1 of 2 checks is degraded");
  }

  @Test
  void aDownCheckIsAnOutage() {
    Document doc = render(Fixtures.run(Fixtures.T0, Fixtures.up("home"),
        Fixtures.failing("api", CheckStatus.DOWN, "HTTP_502", Hop.EDGE),
        Fixtures.failing("cert", CheckStatus.DEGRADED, "TLS_EXPIRING", Hop.TLS)));
    assertThat(doc.selectFirst("section.banner").hasClass("banner-down")).isTrue();
    assertThat(doc.selectFirst("section.banner").text()).contains("Outage", "1 of 3 checks is down, 1 degraded.");
  }

  @Test
  void eachStatusSaysSinceWhenItHolds() {
    RunResult upRun = Fixtures.run(Fixtures.T0, Fixtures.up("api"));
    RunResult firstDown = Fixtures.run(Fixtures.T0.plusSeconds(3600),
        Fixtures.failing("api", CheckStatus.DOWN, "HTTP_502", Hop.ORIGIN));
    RunResult latest = Fixtures.run(Fixtures.T0.plusSeconds(7200),
        Fixtures.failing("api", CheckStatus.DOWN, "HTTP_502", Hop.ORIGIN));

    Document doc = render(latest,
        List.of(HistoryEntry.of(upRun), HistoryEntry.of(firstDown), HistoryEntry.of(latest)), List.of());

    Element since = doc.selectFirst("table.checks td[data-label=Status] .since time");
    assertThat(since).isNotNull();
    assertThat(since.attr("datetime")).isEqualTo(Fixtures.T0.plusSeconds(3600).toString());
  }

  @Test
  void eachCheckGetsItsOwnSinceAndBarsFromAHistoryInAnyOrder() {
    Instant t0 = Fixtures.T0.minusSeconds(7200);
    Instant t1 = Fixtures.T0.minusSeconds(3600);
    RunResult first = Fixtures.run(t0, Fixtures.up("a"),
        Fixtures.failing("b", CheckStatus.DOWN, "HTTP_502", Hop.ORIGIN), Fixtures.up("c"));
    RunResult second = Fixtures.run(t1, Fixtures.up("a"), Fixtures.up("b"));
    RunResult latest = Fixtures.run(Fixtures.T0, Fixtures.up("a"), Fixtures.up("b"), Fixtures.up("c"));

    Document doc = render(latest,
        List.of(HistoryEntry.of(latest), HistoryEntry.of(first), HistoryEntry.of(second)), List.of());

    List<Element> rows = doc.select("table.checks tbody tr");
    assertThat(rows).hasSize(3);
    assertThat(rows.get(0).select(".since time").attr("datetime")).isEqualTo(t0.toString());
    assertThat(rows.get(1).select(".since time").attr("datetime")).isEqualTo(t1.toString());
    // "c" was missing from the run before the latest: its streak is the latest run alone.
    assertThat(rows.get(2).select(".since")).isEmpty();
    assertThat(doc.select("ul.uptime dl.windows")).extracting(dl -> dl.select("dd").get(0).text())
        .containsExactly("100.00%", "66.66%", "100.00%");
  }

  @Test
  void withoutEarlierRunsNoSinceIsClaimed() {
    Document doc = render(Fixtures.run(Fixtures.T0, Fixtures.up("home")));

    assertThat(doc.select(".since")).isEmpty();
  }

  @Test
  void noChecksIsUnknownNotOperational() {
    Document doc = render(Fixtures.run(Fixtures.T0), List.of(), List.of());
    assertThat(doc.selectFirst("section.banner").hasClass("banner-unknown")).isTrue();
    assertThat(doc.select("tbody td").text()).contains("no checks");
  }

  @Test
  void aRowShowsStatusInWordsAndColourWithLatencyFindingHopTimeAndRunbook() {
    Document doc = render(Fixtures.run(Fixtures.T0, Fixtures.up("home"),
        Fixtures.failing("api", CheckStatus.DOWN, "HTTP_502", Hop.EDGE)));
    List<Element> rows = doc.select("table.checks tbody tr");
    assertThat(rows).hasSize(2);

    Element up = rows.get(0);
    assertThat(up.selectFirst("th .check-name").text()).isEqualTo("home");
    assertThat(up.selectFirst(".status").text()).isEqualTo("\u2713 Up");
    assertThat(up.selectFirst(".status").hasClass("status-up")).isTrue();
    assertThat(up.selectFirst("td[data-label=Latency]").text()).isEqualTo("120 ms");
    assertThat(up.selectFirst("td[data-label=Runbook] a")).isNull();

    Element down = rows.get(1);
    assertThat(down.selectFirst(".status").text()).isEqualTo("\u2715 Down");
    assertThat(down.selectFirst(".status").hasClass("status-down")).isTrue();
    assertThat(down.selectFirst("td[data-label=Finding] code").text()).isEqualTo("HTTP_502");
    assertThat(down.selectFirst("td[data-label=Finding] .finding-summary").text()).isEqualTo("summary of HTTP_502");
    assertThat(down.selectFirst("td[data-label=Hop]").text()).isEqualTo("edge");
    // The run's time is said once, above the table, not repeated on every row.
    assertThat(down.selectFirst("td[data-label='Last checked']")).isNull();
    Element link = down.selectFirst("td[data-label=Runbook] a");
    assertThat(link.attr("href")).isEqualTo("runbooks/502-bad-gateway.html#edge-to-origin");
    assertThat(link.text()).isEqualTo("502 Bad Gateway: The edge cannot reach a healthy origin");
    assertThat(down.select("details li code").eachText()).containsExactly("GET https://www.example.com/ -> HTTP_502", "server: nginx");
  }

  @Test
  void everyStatusPillHasASymbolAndAWord() {
    Document doc = render(Fixtures.run(Fixtures.T0, Fixtures.up("a"),
        Fixtures.failing("b", CheckStatus.DEGRADED, "LATENCY_BUDGET", Hop.ORIGIN),
        Fixtures.failing("c", CheckStatus.DOWN, "DNS_NXDOMAIN", Hop.DNS)));
    assertThat(doc.select("tbody .status")).extracting(Element::text)
        .containsExactly("\u2713 Up", "! Degraded", "\u2715 Down");
  }

  @Test
  void eachCheckHasItsUptimeOverFourWindowsBeside90DaySlots() {
    List<HistoryEntry> history = new ArrayList<>();
    Instant start = Fixtures.T0.minus(Duration.ofDays(4));
    // day -4: two runs up; day -3: one down, one up; day -2: nothing; day -1: degraded; today: up
    history.add(entry(start, CheckStatus.UP));
    history.add(entry(start.plusSeconds(3600), CheckStatus.UP));
    history.add(entry(start.plus(Duration.ofDays(1)), CheckStatus.DOWN));
    history.add(entry(start.plus(Duration.ofDays(1)).plusSeconds(60), CheckStatus.UP));
    history.add(entry(start.plus(Duration.ofDays(3)), CheckStatus.DEGRADED));
    RunResult run = Fixtures.run(Fixtures.T0, Fixtures.up("home"));
    history.add(HistoryEntry.of(run));

    Document doc = render(run, history, List.of());
    Element card = doc.selectFirst("ul.uptime > li.history");

    assertThat(card.selectFirst(".check-name").text()).isEqualTo("home");
    assertThat(card.select("dl.windows dt").eachText()).containsExactly("24 h", "7 d", "30 d", "90 d");
    // 24 h: the degraded run and today's (degraded counts as up); 7 d and beyond: 5 of 6
    assertThat(card.select("dl.windows dd").eachText())
        .containsExactly("100.00%", "83.33%", "83.33%", "83.33%");
    Element strip = card.selectFirst("svg.strip");
    assertThat(strip.attr("role")).isEqualTo("img");
    assertThat(strip.attr("aria-label")).isEqualTo("home, 90 days to 2025-03-20: 2 up, 1 degraded,"
        + " 1 down, 86 no data; last down 2025-03-17.");
    // Fixed slots: 90 of them, each day at its own place whatever the data.
    assertThat(segments(strip, "day-up")).containsExactly(85, 89);
    assertThat(segments(strip, "day-down")).containsExactly(86);
    assertThat(segments(strip, "day-degraded")).containsExactly(88);
    assertThat(segments(strip, "day-none")).hasSize(86).contains(87).doesNotContain(85, 86, 88, 89);
    // days of one kind in a row are one stroke
    assertThat(strip.selectFirst("path.day-none").attr("d")).isEqualTo("M0 22h340M348 22h4");
  }

  @Test
  void withOnlyTheLatestRunTheHintSaysSoAndTheDaysAreStill90Slots() {
    Document doc = render(Fixtures.run(Fixtures.T0, Fixtures.up("home")));
    Element strip = doc.selectFirst("ul.uptime svg.strip");
    assertThat(segments(strip, "day-up")).containsExactly(89);
    assertThat(segments(strip, "day-none")).hasSize(89);
    assertThat(strip.attr("viewBox").isEmpty() ? strip.attr("viewbox") : strip.attr("viewBox"))
        .isEqualTo("0 0 360 28");
    assertThat(doc.select("p.hint").first().text()).contains("Only the latest run");
  }

  /** A reader who works 5 of 7 out as 71.43 % learns why the page says 71.42 %. */
  @Test
  void theHintSaysUptimeIsRoundedDown() {
    Document doc = render(Fixtures.run(Fixtures.T0, Fixtures.up("home")));

    assertThat(doc.select("p.hint").first().text()).contains("that were up or degraded, rounded"
        + " down to two decimals: 5 of 7 runs is 71.42%, and one failed run in 10,000 is 99.99%,"
        + " never 100.00%.");
  }

  @Test
  void historyOlderThan90DaysIsLeftOut() {
    RunResult run = Fixtures.run(Fixtures.T0, Fixtures.up("home"));
    List<HistoryEntry> history = List.of(entry(Fixtures.T0.minus(Duration.ofDays(200)), CheckStatus.DOWN),
        entry(Fixtures.T0.minus(Duration.ofDays(89)), CheckStatus.UP), HistoryEntry.of(run));
    Document doc = render(run, history, List.of());
    Element strip = doc.selectFirst("ul.uptime svg.strip");
    assertThat(strip.select("path.day-down")).isEmpty();
    assertThat(segments(strip, "day-up")).containsExactly(0, 89);
    assertThat(doc.select("ul.uptime dl.windows dd").eachText()).containsOnly("100.00%");
    assertThat(doc.select("svg.chart").attr("aria-label")).contains("the last 2 runs");
  }

  @Test
  void theLatencyChartDrawsEachRunMarksFailuresAndGivesMedianAndP95() {
    List<HistoryEntry> history = new ArrayList<>();
    long[] latencies = {100, 120, 3000, 110, 400};
    CheckStatus[] statuses = {CheckStatus.UP, CheckStatus.UP, CheckStatus.DOWN, CheckStatus.UP, CheckStatus.DEGRADED};
    for (int i = 0; i < 4; i++) {
      history.add(new HistoryEntry(Fixtures.T0.minus(Duration.ofHours(4 - i)), 10, List.of(
          new HistoryEntry.CheckSample("home", statuses[i], latencies[i], Optional.empty(), Optional.empty()))));
    }
    RunResult run = Fixtures.run(Fixtures.T0,
        Fixtures.withStatus(Fixtures.up("home"), Fixtures.T0, CheckStatus.DEGRADED));
    history.add(new HistoryEntry(Fixtures.T0, 10, List.of(
        new HistoryEntry.CheckSample("home", CheckStatus.DEGRADED, 400, Optional.empty(), Optional.empty()))));

    Document doc = render(run, history, List.of());
    Element figure = doc.selectFirst("ul.uptime figure.latency");
    Element chart = figure.selectFirst("svg.chart");

    assertThat(chart.attr("role")).isEqualTo("img");
    assertThat(chart.attr("aria-label")).isEqualTo("home, latency of the last 5 runs:"
        + " median 120 ms, p95 3000 ms; 1 run down, 1 degraded.");
    assertThat(figure.select("dl.figures dt").eachText())
        .containsExactly("Median latency", "p95 latency", "Runs not up");
    assertThat(figure.select("dl.figures dd").eachText()).containsExactly("120 ms", "3000 ms", "2 of 5");
    assertThat(figure.selectFirst("figcaption").text())
        .isEqualTo("The last 5 runs, oldest first; scale 0 to 5000 ms.");
    String[] points = chart.selectFirst("polyline").attr("points").split(" ");
    assertThat(points).hasSize(5);
    assertThat(points[0]).isEqualTo(HistoryCard.x(0, 5) + "," + HistoryCard.y(100, 5000));
    assertThat(points[2]).isEqualTo(HistoryCard.x(2, 5) + "," + HistoryCard.y(3000, 5000));
    assertThat(chart.selectFirst("path.run-down").attr("d")).isEqualTo("M" + HistoryCard.x(2, 5) + " 0V64");
    assertThat(chart.selectFirst("path.run-degraded").attr("d")).isEqualTo("M" + HistoryCard.x(4, 5) + " 0V64");
    assertThat(chart.selectFirst("path.median").attr("d")).isEqualTo("M0 " + HistoryCard.y(120, 5000) + "H360");
    assertThat(chart.selectFirst("path.p95").attr("d")).isEqualTo("M0 " + HistoryCard.y(3000, 5000) + "H360");
    // The row says "Latency" for the latest run as the console does; the chart says it alike.
    assertThat(doc.selectFirst("table.checks td[data-label=Latency]").text()).isEqualTo("120 ms");
  }

  @Test
  void aSingleRunIsAPointAndACheckWithoutHistorySaysSo() {
    RunResult run = Fixtures.run(Fixtures.T0, Fixtures.up("home"));

    Document one = render(run);
    Element chart = one.selectFirst("svg.chart");
    assertThat(chart.select("polyline")).isEmpty();
    assertThat(chart.selectFirst("circle").attr("cx")).isEqualTo("180");
    assertThat(one.select("figure.latency dl.figures dd").eachText()).containsExactly("120 ms", "120 ms", "0 of 1");
    assertThat(one.selectFirst("figure.latency figcaption").text()).isEqualTo(
        "The latest run; scale 0 to 200 ms.");

    Document none = render(run, List.of(), List.of());
    assertThat(none.select("svg.chart")).isEmpty();
    assertThat(none.selectFirst("figure.latency figcaption").text()).isEqualTo("Latency: no runs recorded yet.");
    assertThat(none.select("ul.uptime dl.windows dd").eachText()).containsOnly("no data");
    assertThat(segments(none.selectFirst("svg.strip"), "day-none")).hasSize(90);
  }

  @Test
  void aCheckNameWithMarkupStaysTextInTheChartsAndTheirLabels() {
    String name = "<b>bold</b><script>alert(1)</script>\"'&amp;";
    RunResult run = Fixtures.run(Fixtures.T0, Fixtures.up(name));

    Document doc = render(run);

    assertThat(doc.select("b, script")).isEmpty();
    Element card = doc.selectFirst("ul.uptime > li.history");
    assertThat(card.selectFirst(".check-name").text()).isEqualTo(name);
    assertThat(card.selectFirst("svg.strip").attr("aria-label")).startsWith(name + ", 90 days to ");
    assertThat(card.selectFirst("svg.chart").attr("aria-label")).startsWith(name + ", latency of");
  }

  @Test
  void incidentsAreListedInTheOrderGivenAndOngoingOnesReachTheBanner() {
    Incident ongoing = new Incident("2025-03-20-dns.md", "DNS provider degraded", "monitoring",
        Optional.of(Fixtures.T0), Optional.empty(), List.of("www"), "<h2 id=\"timeline\">Timeline</h2><p><a href=\"#timeline\">t</a></p>");
    Incident resolved = new Incident("2025-03-18-api.md", "API errors", "resolved",
        Optional.of(Instant.parse("2025-03-18T09:00:00Z")), Optional.of(Instant.parse("2025-03-18T10:30:00Z")),
        List.of("api"), "<h2 id=\"timeline\">Timeline</h2>");
    Document doc = render(Fixtures.run(Fixtures.T0, Fixtures.up("home")), List.of(), List.of(ongoing, resolved));

    List<Element> articles = doc.select("article.incident");
    assertThat(articles).extracting(a -> a.selectFirst("h3").text()).containsExactly("DNS provider degraded", "API errors");
    assertThat(articles.get(0).selectFirst(".status").text()).isEqualTo("! Monitoring (ongoing)");
    assertThat(articles.get(1).selectFirst(".incident-meta").text())
        .contains("Resolved 2025-03-18 10:30 UTC, after 1 h 30 min", "Affects: api");
    // the incident's own h2 sits under its h3, with an id of its own
    assertThat(articles.get(0).select("h5").attr("id")).isEqualTo("incident-2025-03-20-dns-timeline");
    assertThat(articles.get(0).select("a[href]").attr("href")).isEqualTo("#incident-2025-03-20-dns-timeline");
    assertThat(articles.get(1).select("h5").attr("id")).isEqualTo("incident-2025-03-18-api-timeline");
    Element bannerLink = doc.selectFirst("section.banner a");
    assertThat(bannerLink.attr("href")).isEqualTo("#" + articles.get(0).id());
    assertThat(bannerLink.text()).isEqualTo("DNS provider degraded");
  }

  @Test
  void noIncidentsSaysSo() {
    Document doc = render(Fixtures.run(Fixtures.T0, Fixtures.up("home")));
    assertThat(doc.select("section[aria-labelledby=sh-incidents]").text()).contains("No incidents reported.");
  }

  @Test
  void theRunbookIndexListsEveryPage() {
    Document doc = render(Fixtures.run(Fixtures.T0, Fixtures.up("home")));
    assertThat(doc.select("ul.runbook-index > li > a").eachAttr("href"))
        .hasSize(RunbookLibrary.DEFAULT_FILES.size())
        .contains("runbooks/502-bad-gateway.html", "runbooks/dns.html");
    assertThat(doc.select("ul.runbook-index").text()).contains("DNS_DANGLING_CNAME");
  }

  @Test
  void thePageIsSelfContainedWithAPolicyDarkModeAndNarrowLayout() {
    Document doc = render(Fixtures.run(Fixtures.T0, Fixtures.up("home")));
    assertThat(doc.selectFirst("meta[http-equiv=Content-Security-Policy]").attr("content"))
        .isEqualTo(PageTemplate.CONTENT_SECURITY_POLICY)
        .contains("default-src 'none'").doesNotContain("script-src");
    assertThat(doc.select("script, link[rel=stylesheet], img, iframe")).isEmpty();
    String css = doc.selectFirst("style").data();
    assertThat(css).contains("@media (prefers-color-scheme: dark)", "@media (max-width: 48rem)");
    assertThat(doc.select("[data-slot]")).isEmpty();
    assertThat(doc.selectFirst("html").attr("lang")).isEqualTo("en");
    assertThat(doc.select("footer time").attr("datetime")).isEqualTo("2025-03-20T10:16:30Z");
  }

  @Test
  void aCheckOfSeveralAddressesShowsEachInATableInARowUnderItsOwn() {
    Document doc = render(Fixtures.run(Fixtures.T0, Fixtures.someAddressesFail("www"),
        Fixtures.up("home")));
    List<Element> rows = doc.select("table.checks > tbody > tr");

    assertThat(rows).hasSize(3);
    assertThat(rows.get(0).hasClass("has-partial")).isTrue();
    assertThat(rows.get(0).selectFirst(".check-name").text()).isEqualTo("www");
    Element partial = rows.get(1);
    assertThat(partial.hasClass("check-partial")).isTrue();
    assertThat(partial.select("> td").attr("colspan")).isEqualTo("6");
    assertThat(partial.selectFirst("details > summary").text()).isEqualTo(
        "Addresses and samples: 1 of 3 addresses UP; 9 of 20 samples failed (45 %), allowed 0 %");
    assertThat(rows.get(2).selectFirst(".check-name").text()).isEqualTo("home");
    Element table = partial.selectFirst("details table.addresses");
    assertThat(table.selectFirst("caption").text()).isEqualTo("Addresses");
    assertThat(table.select("thead th").eachText())
        .containsExactly("Address", "Status", "Observed", "Code, hop", "Failed samples");
    List<Element> addresses = table.select("tbody tr");
    assertThat(addresses).extracting(tr -> tr.selectFirst("th[scope=row] code").text())
        .containsExactly("127.0.0.1", "127.0.0.2", "127.0.0.3");
    assertThat(addresses).extracting(tr -> tr.selectFirst(".status").text())
        .containsExactly("\u2713 Up", "! Degraded", "\u2715 Down");
    assertThat(addresses.get(2).selectFirst(".status").hasClass("status-down")).isTrue();
    assertThat(addresses.get(2).select("td").eachText())
        .containsExactly("\u2715 Down", "connection refused", "CONNECT_REFUSED (network)", "8 of 8 (100 %)");
    assertThat(addresses.get(1).select("td").eachText())
        .containsExactly("! Degraded", "200 OK", "HTTP_502 (origin)", "1 of 6 (16.7 %)");
    // a passing address has no code: a dash for the eye, "none" for a screen reader
    Element noCode = addresses.get(0).select("td").get(2);
    assertThat(noCode.selectFirst("[aria-hidden=true]").text()).isEqualTo("\u2014");
    assertThat(noCode.selectFirst(".visually-hidden").text()).isEqualTo("none");
  }

  @Test
  void theSamplingSummaryListsEachFailedSampleWithItsTimeAddressAndAnswer() {
    Document doc = render(Fixtures.run(Fixtures.T0, Fixtures.someAddressesFail("www")));
    Element details = doc.selectFirst("table.checks > tbody > tr.check-partial details");

    assertThat(details.selectFirst("p.sampling").text())
        .isEqualTo("9 of 20 samples failed (45 %), allowed 0 %, spread over a window of 10.0 s.");
    List<Element> samples = details.select("ul.samples[aria-label='Failed samples'] > li");
    assertThat(samples).hasSize(9);
    assertThat(samples.get(0).text())
        .isEqualTo("10:15:01.000 UTC sample 3 to 127.0.0.3: CONNECT_REFUSED connection refused, 1 ms");
    assertThat(samples.get(0).selectFirst("time").attr("datetime")).isEqualTo("2025-03-20T10:15:01Z");
    assertThat(samples.get(3).text())
        .isEqualTo("10:15:04.500 UTC sample 10 to 127.0.0.2: HTTP_502 502 Bad Gateway, 12 ms");
  }

  @Test
  void aSampledCheckOfOneAddressHasNoAddressTableAndListsAtMost20Samples() {
    Document doc = render(Fixtures.run(Fixtures.T0, Fixtures.someRequestsFail("api", 27),
        Fixtures.someRequestsFail("few", 2)));
    List<Element> rows = doc.select("table.checks > tbody > tr.check-partial");

    Element api = rows.get(0);
    assertThat(api.select("table.addresses")).isEmpty();
    assertThat(api.selectFirst("summary").text())
        .isEqualTo("Samples: 27 of 30 samples failed (90 %), allowed 10 %");
    List<Element> samples = api.select("ul.samples > li");
    assertThat(samples).hasSize(21);
    assertThat(samples.get(19).text()).startsWith("10:15:20.000 UTC sample 20: HTTP_503");
    assertThat(samples.get(20).text()).isEqualTo("and 7 more");
    assertThat(rows.get(1).select("ul.samples > li")).hasSize(2);
  }

  @Test
  void aCheckOfOneAddressAndOneSampleShowsNeither() {
    Document doc = render(Fixtures.run(Fixtures.T0, Fixtures.up("home"),
        Fixtures.failing("api", CheckStatus.DOWN, "HTTP_502", Hop.EDGE)));

    assertThat(doc.select("table.checks > tbody > tr")).hasSize(2);
    assertThat(doc.select(".has-partial, .check-partial, table.addresses, p.sampling, ul.samples"))
        .isEmpty();
  }

  /** The days (0 the oldest, 89 the latest) drawn in one kind, from its path's "M x y h w" strokes. */
  private static List<Integer> segments(Element strip, String css) {
    Element path = strip.selectFirst("path." + css);
    if (path == null) {
      return List.of();
    }
    List<Integer> days = new ArrayList<>();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("M(\\d+) \\d+h(\\d+)").matcher(path.attr("d"));
    while (m.find()) {
      int from = Integer.parseInt(m.group(1)) / HistoryCard.SLOT;
      for (int d = 0; d < Integer.parseInt(m.group(2)) / HistoryCard.SLOT; d++) {
        days.add(from + d);
      }
    }
    return days;
  }

  private static HistoryEntry entry(Instant at, CheckStatus status) {
    return new HistoryEntry(at, 10, List.of(new HistoryEntry.CheckSample("home", status, 100, Optional.empty(), Optional.empty())));
  }
}
