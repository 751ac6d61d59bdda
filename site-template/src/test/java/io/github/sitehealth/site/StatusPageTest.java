package io.github.sitehealth.site;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sitehealth.core.history.HistoryEntry;
import io.github.sitehealth.core.result.Attempt;
import io.github.sitehealth.core.result.CheckResult;
import io.github.sitehealth.core.result.CheckStatus;
import io.github.sitehealth.core.result.Hop;
import io.github.sitehealth.core.result.RunResult;
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

  @Test
  void aDnsOrTcpTargetIsLabelledWithItsKindAndAUrlIsNot() {
    CheckResult ssh = new CheckResult("ssh", "tcp", "bastion.example.com:22", CheckStatus.UP,
        "connected in 3 ms, banner \"SSH-2.0-OpenSSH_9.2\"", Optional.empty(),
        List.of(new Attempt(1, Fixtures.T0, 3, Optional.empty(), "connected in 3 ms", true)),
        Fixtures.T0, 4);
    CheckResult www = new CheckResult("www", "dns", "www.example.com. CNAME", CheckStatus.UP,
        "d111111abcdef8.cloudfront.net.", Optional.empty(),
        List.of(new Attempt(1, Fixtures.T0, 2, Optional.empty(), "answer", true)), Fixtures.T0, 2);

    Document doc = render(Fixtures.run(Fixtures.T0, Fixtures.up("home"), www, ssh));

    assertThat(doc.select("table.checks .check-target")).extracting(Element::text)
        .containsExactly("https://www.example.com/", "DNS www.example.com. CNAME",
            "TCP bastion.example.com:22");
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
    assertThat(doc.select("ul.uptime .uptime-head .num").eachText()).containsExactly(
        "100.00% up over 1 day (3 runs)", "66.66% up over 1 day (3 runs)", "100.00% up over 1 day (2 runs)");
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
  void uptimeBarsShowTheHistoryThatExists() {
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
    List<Element> bars = doc.select("ul.uptime > li").get(0).select("li.bar");
    assertThat(bars).extracting(e -> e.className())
        .containsExactly("bar bar-up", "bar bar-down", "bar bar-none", "bar bar-degraded", "bar bar-up");
    assertThat(bars.get(1).attr("title")).isEqualTo("2025-03-17: down, 1 of 2 runs down");
    assertThat(bars.get(1).selectFirst(".visually-hidden").text()).isEqualTo("2025-03-17: down, 1 of 2 runs down");
    assertThat(bars.get(2).attr("title")).isEqualTo("2025-03-18: no data");
    assertThat(doc.select("ul.uptime .uptime-head").text()).contains("83.33% up over 5 days (6 runs)");
    assertThat(doc.select("ul.uptime .bars-axis span").eachText()).containsExactly("2025-03-16", "2025-03-20");
  }

  @Test
  void withOnlyTheLatestRunTheHintSaysSo() {
    Document doc = render(Fixtures.run(Fixtures.T0, Fixtures.up("home")));
    assertThat(doc.select("ul.uptime li.bar")).hasSize(1);
    assertThat(doc.select("p.hint").first().text()).contains("Only the latest run");
  }

  @Test
  void historyOlderThan90DaysIsLeftOut() {
    RunResult run = Fixtures.run(Fixtures.T0, Fixtures.up("home"));
    List<HistoryEntry> history = List.of(entry(Fixtures.T0.minus(Duration.ofDays(200)), CheckStatus.DOWN),
        entry(Fixtures.T0.minus(Duration.ofDays(89)), CheckStatus.UP), HistoryEntry.of(run));
    Document doc = render(run, history, List.of());
    assertThat(doc.select("ul.uptime li.bar")).hasSize(90).noneMatch(e -> e.hasClass("bar-down"));
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

  private static HistoryEntry entry(Instant at, CheckStatus status) {
    return new HistoryEntry(at, 10, List.of(new HistoryEntry.CheckSample("home", status, 100, Optional.empty(), Optional.empty())));
  }
}
