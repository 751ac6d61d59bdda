package io.github.sitehealth.site;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sitehealth.core.dns.DnsCheck;
import io.github.sitehealth.core.dns.DnsHostResolver;
import io.github.sitehealth.core.history.HistoryEntry;
import io.github.sitehealth.core.result.Attempt;
import io.github.sitehealth.core.result.CheckResult;
import io.github.sitehealth.core.result.CheckStatus;
import io.github.sitehealth.core.result.Finding;
import io.github.sitehealth.core.result.Hop;
import io.github.sitehealth.core.result.RunResult;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runbook commands with a failing check's own values, and the placeholders they are written with. */
class PlaceholdersTest {

  @TempDir Path team;

  private final RunbookLibrary library = RunbookLibrary.defaults();

  /** A 502 blamed on the origin, with the origin's evidence line as the diagnosis writes it. */
  static CheckResult shop(String url, CheckStatus status) {
    Finding finding = new Finding("HTTP_502", Hop.ORIGIN, "The origin fails too.", "runbooks/x.html",
        List.of("GET " + url + " -> 502 Bad Gateway in 12 ms", "server: nginx",
            "origin GET https://origin.shop.test:8443/health -> 502 Bad Gateway in 3 ms"));
    return new CheckResult("shop", "http", url, status, "502 Bad Gateway", Optional.of(finding),
        List.of(new Attempt(1, Fixtures.T0, 12, Optional.of(502), "502 Bad Gateway", false)),
        Fixtures.T0, 14);
  }

  private Document render(CheckResult... checks) {
    RunResult run = Fixtures.run(Fixtures.T0, checks);
    return Jsoup.parse(new StatusPage(library).render(run, List.of(HistoryEntry.of(run)), List.of(),
        "Status", Fixtures.T0));
  }

  @Test
  void aChecksValuesComeFromItsUrlOriginAndAddresses() {
    assertThat(Placeholders.values(shop("https://www.shop.test/cart?x=1", CheckStatus.DOWN)))
        .containsExactlyInAnyOrderEntriesOf(Map.of(
            "name", "shop", "url", "https://www.shop.test/cart?x=1", "host", "www.shop.test",
            "port", "443", "origin", "https://origin.shop.test:8443/health",
            "origin-host", "origin.shop.test", "origin-port", "8443",
            "host-port", "www.shop.test:443", "origin-host-port", "origin.shop.test:8443"));
    // The address that failed, not the first one
    assertThat(Placeholders.values(Fixtures.someAddressesFail("www"))).containsEntry("address", "127.0.0.3")
        .doesNotContainKey("origin");
    CheckResult ssh = new CheckResult("ssh", "tcp", "[2001:db8::1]:22", CheckStatus.DOWN, "refused",
        Optional.empty(), List.of(), Fixtures.T0, 1);
    assertThat(Placeholders.values(ssh)).containsEntry("host", "2001:db8::1").containsEntry("port", "22")
        .containsEntry("host-port", "[2001:db8::1]:22").doesNotContainKey("url");
    CheckResult dns = new CheckResult("www", "dns", "www.example.org. CNAME", CheckStatus.DOWN, "NXDOMAIN",
        Optional.empty(), List.of(), Fixtures.T0, 1);
    assertThat(Placeholders.values(dns)).containsEntry("host", "www.example.org")
        .containsEntry("type", "CNAME").doesNotContainKey("port");
  }

  /** The evidence lines as DnsCheck writes them. */
  private static CheckResult dangling(String resolverLine) {
    Finding finding = new Finding("DNS_DANGLING_CNAME", Hop.DNS, "The CNAME points at nothing.",
        "runbooks/dns.html#dangling-cname",
        List.of(DnsCheck.EVIDENCE_RESOLVER + resolverLine,
            "query www.shop.test. A -> NOERROR",
            DnsCheck.EVIDENCE_CHAIN + "www.shop.test. 300 CNAME shop.cdn.test.",
            DnsCheck.EVIDENCE_CHAIN + "shop.cdn.test. 300 CNAME gone-123.provider.test."));
    return new CheckResult("www-dns", "dns", "www.shop.test. A", CheckStatus.DOWN, "NXDOMAIN",
        Optional.of(finding), List.of(), Fixtures.T0, 3);
  }

  @Test
  void aDnsChecksValuesAreItsNameTypeResolverAndTheEndOfItsChain() {
    assertThat(Placeholders.values(dangling("127.0.0.1:5353"))).containsAllEntriesOf(Map.of(
        "host", "www.shop.test", "type", "A", "resolver", "127.0.0.1", "resolver-port", "5353",
        "target", "gone-123.provider.test"));
    // the build machine's resolvers: the first one, which is asked first
    assertThat(Placeholders.values(dangling("[::1]:53, 127.0.0.53:53 (system)")))
        .containsEntry("resolver", "::1").containsEntry("resolver-port", "53");
  }

  @Test
  void anHttpCheckWhoseHostDidNotResolveThroughItsResolverNamesIt() {
    Finding f = new Finding("DNS_NXDOMAIN", Hop.DNS, "The host does not resolve.",
        "runbooks/dns.html#nxdomain",
        List.of("GET http://nope.shop.test:28080/ -> nope.shop.test: nxdomain"
            + DnsHostResolver.AT_RESOLVER + "[::1]:25353 in 3 ms"));
    CheckResult nope = new CheckResult("nope", "http", "http://nope.shop.test:28080/",
        CheckStatus.DOWN, "nxdomain", Optional.of(f), List.of(), Fixtures.T0, 3);

    assertThat(Placeholders.values(nope)).containsEntry("resolver", "::1")
        .containsEntry("resolver-port", "25353").containsEntry("type", "A")
        .containsEntry("host", "nope.shop.test");
  }

  @Test
  void aDnsChecksPageAsksItsOwnResolverForItsOwnNameAndType() {
    Document doc = checkPage(library, dangling("127.0.0.1:5353"));

    String commands = String.join("\n", doc.select("main pre code").eachText());
    assertThat(commands)
        .contains("dig @127.0.0.1 -p 5353 +noall +answer www.shop.test A")
        .contains("dig @127.0.0.1 -p 5353 gone-123.provider.test")
        .doesNotContain("example", "{{");
  }

  private Document checkPage(RunbookLibrary lib, CheckResult check) {
    return Jsoup.parse(new CheckPage(new PageTemplate(), lib).render(check, Fixtures.T0));
  }

  @Test
  void aFailingChecksPageShowsItsRunbookSectionsCommandsWithItsOwnValues() {
    CheckResult shop = shop("https://www.shop.test/", CheckStatus.DOWN);
    Document doc = checkPage(library, shop);

    assertThat(doc.selectFirst("h1").text()).isEqualTo("For this check: shop");
    assertThat(doc.selectFirst("main a").attr("href")).isEqualTo("../runbooks/502-bad-gateway.html#origin-unreachable");
    String commands = String.join("\n", doc.select("main pre code").eachText());
    assertThat(commands)
        .contains("curl -sv -o /dev/null https://origin.shop.test:8443/health")
        .contains("--resolve www.shop.test:443:\"$ORIGIN_IP\" https://www.shop.test/")
        .doesNotContain("example.com", "{{");
    assertThat(doc.select("main var").eachText()).contains("https://www.shop.test/", "www.shop.test", "443");
    assertThat(doc.select("var.unknown")).isEmpty();
    SafeHtml.assertSafe(doc, "check page");
  }

  @Test
  void aPlaceholderHandedToAnotherShellIsWarnedInTheRunbookAndOnThePage() throws IOException {
    assertThat(Placeholders.reparsing("bash -c 'curl -sI {{url}}'")).contains("bash");
    assertThat(Placeholders.reparsing("ssh web1 curl -sI {{url}}")).contains("ssh");
    assertThat(Placeholders.reparsing("watch -n 5 \"curl -sI {{url}}\"")).contains("watch");
    assertThat(Placeholders.reparsing("sudo su - www -c \"curl {{url}}\"")).contains("su");
    assertThat(Placeholders.reparsing("echo {{url}} | xargs curl -sI")).contains("xargs");
    assertThat(Placeholders.reparsing("curl -sI {{url}}   # then ssh in")).isEmpty();
    assertThat(Placeholders.reparsing("openssl s_client -connect {{host-port}}")).isEmpty();
    assertThat(Placeholders.reparsing("sha256sum file; dig {{host}}")).isEmpty();

    Fixtures.write(team.resolve("shop.md"), """
        ---
        codes: [HTTP_502]
        ---
        ## The shop is down {#origin-unreachable}
        ```bash
        ssh shop1 curl -sI {{url}}
        ```
        """);
    RunbookLibrary teamLibrary = RunbookLibrary.load(Optional.of(team));
    assertThat(teamLibrary.warnings()).anyMatch(w -> w.startsWith("team runbook shop.md line 6:"
        + " a placeholder goes to ssh, which hands its words to another shell"));
    Document doc = checkPage(teamLibrary, shop("https://www.shop.test/?a=1&b=2", CheckStatus.DOWN));
    assertThat(doc.select("main p.hint").eachText())
        .anyMatch(t -> t.startsWith("A command here hands its words to another shell"));
  }

  @Test
  void aMaskedSecretInTheCommandsIsSaidSo() {
    Document doc = checkPage(library, shop("https://www.shop.test/?token=****", CheckStatus.DOWN));

    assertThat(doc.select("main p.hint").eachText())
        .anyMatch(t -> t.startsWith("This check's secrets are masked as ****"));
    assertThat(checkPage(library, shop("https://www.shop.test/", CheckStatus.DOWN))
        .select("main p.hint").eachText()).noneMatch(t -> t.contains("masked"));
  }

  @Test
  void theOriginIsFoundInTheEvidenceOfAFailingAddressToo() {
    CheckResult shop = shop("https://www.shop.test/", CheckStatus.DOWN);
    Finding f = shop.finding().orElseThrow();
    Finding indented = new Finding(f.code(), f.hop(), f.summary(), f.runbook(),
        f.evidence().stream().map(line -> "  " + line).toList());
    CheckResult withAddresses = new CheckResult(shop.name(), shop.kind(), shop.target(),
        shop.status(), shop.observed(), Optional.of(indented), shop.attempts(), shop.startedAt(),
        shop.durationMs());

    assertThat(Placeholders.values(withAddresses))
        .containsEntry("origin", "https://origin.shop.test:8443/health");
  }

  @Test
  void aPlaceholderTheCheckHasNoValueForStaysVisibleAndThePageSaysSo() {
    Finding refused = new Finding("CONNECT_REFUSED", Hop.NETWORK, "Nothing accepts connections.",
        "runbooks/connection-failures.html#connection-refused", List.of("connect refused"));
    CheckResult ssh = new CheckResult("ssh", "tcp", "db.shop.test:5432", CheckStatus.DOWN,
        "refused", Optional.of(refused), List.of(), Fixtures.T0, 1);

    Document doc = checkPage(library, ssh);

    // A TCP check has no URL: {{url}} stays visible by its name, and the page says so.
    assertThat(doc.select("var.unknown").eachText()).containsOnly("{{url}}");
    assertThat(doc.select("main p.hint").last().text())
        .isEqualTo("Not known for this check, left as written: {{url}}.");
    assertThat(String.join("\n", doc.select("main pre code").eachText()))
        .contains("nc -vz db.shop.test 5432");
  }

  @Test
  void theStatusPageLinksTheFailingChecksPagesOnly() {
    CheckResult shop = shop("https://www.shop.test/", CheckStatus.DOWN);
    CheckResult slow = shop("https://slow.shop.test/", CheckStatus.DEGRADED);
    slow = new CheckResult("slow", slow.kind(), slow.target(), slow.status(), slow.observed(), slow.finding(),
        slow.attempts(), slow.startedAt(), slow.durationMs());
    Document doc = render(Fixtures.up("home"), shop, slow);

    assertThat(doc.select("td[data-label=Runbook] a.for-this-check").eachAttr("href"))
        .containsExactly(CheckPage.link(shop), CheckPage.link(slow));
    assertThat(CheckPage.link(shop)).matches("checks/shop-[0-9a-f]{8}\\.html");
    assertThat(CheckPage.link(shop)).isNotEqualTo(CheckPage.link(withName(shop, "SHOP")));
    assertThat(CheckPage.applies(library, Fixtures.up("home"))).isFalse();
  }

  private static CheckResult withName(CheckResult c, String name) {
    return new CheckResult(name, c.kind(), c.target(), c.status(), c.observed(), c.finding(),
        c.attempts(), c.startedAt(), c.durationMs());
  }

  @Test
  void aUrlWithMarkupInItStaysText() {
    String url = "http://x.test/<script>alert(1)</script>";
    Document doc = checkPage(library, shop(url, CheckStatus.DOWN));

    assertThat(doc.select("script")).isEmpty();
    // one shell word in single quotes, as text
    assertThat(doc.select("main var").eachText()).contains("'" + url + "'");
    assertThat(doc.selectFirst("main").html()).contains("&lt;script&gt;alert(1)&lt;/script&gt;");
    SafeHtml.assertSafe(doc, "check page with markup in a URL");
  }

  @Test
  void aSectionWithoutPlaceholdersGetsNoPage() throws IOException {
    Fixtures.write(team.resolve("shop.md"), """
        ---
        codes: [HTTP_502]
        ---
        ## The shop is down {#origin-unreachable}
        ```
        ssh shop sudo systemctl restart shop
        ```
        """);
    RunbookLibrary teamLibrary = RunbookLibrary.load(Optional.of(team));
    assertThat(CheckPage.applies(teamLibrary, shop("https://www.shop.test/", CheckStatus.DOWN))).isFalse();
  }

  @Test
  void aTeamRunbookUsesThePlaceholdersAndAnUnknownOneIsWarnedWithFileLineAndTheClosest() throws IOException {
    Fixtures.write(team.resolve("shop.md"), """
        ---
        codes: [HTTP_502]
        ---
        ## The shop is down {#origin-unreachable}

        ```bash
        curl -sI {{url}}
        curl -sI {{orign}}
        echo '{{ .Go.Template }}' {{zzzzzzzz}}
        ```
        """);
    RunbookLibrary teamLibrary = RunbookLibrary.load(Optional.of(team));

    assertThat(teamLibrary.warnings()).hasSize(2);
    assertThat(teamLibrary.warnings().get(0)).startsWith("team runbook shop.md line 8: {{orign}} is no placeholder"
        + " (did you mean {{origin}}?); it is shown as written.");
    assertThat(teamLibrary.warnings().get(1)).startsWith("team runbook shop.md line 9: {{zzzzzzzz}} is no placeholder;")
        .contains("{{url}}", "{{origin-host}}");

    Document doc = checkPage(teamLibrary, shop("https://www.shop.test/", CheckStatus.DOWN));
    assertThat(doc.select("main pre code").text())
        .contains("curl -sI https://www.shop.test/", "curl -sI {{orign}}");
  }

  @Test
  void theClosestPlaceholderIsOnlyOfferedForATypo() {
    assertThat(Placeholders.closest("URL")).contains("url");
    assertThat(Placeholders.closest("adress")).contains("address");
    assertThat(Placeholders.closest("originhost")).contains("origin-host");
    assertThat(Placeholders.closest("ip")).isEmpty();
    assertThat(Placeholders.closest("environment")).isEmpty();
  }

  @Test
  void theDefaultRunbooksUseOnlyKnownPlaceholdersAndGenericPagesShowMarkedExamples() {
    assertThat(library.warnings()).isEmpty();
    for (Runbook r : library.runbooks()) {
      Document doc = Jsoup.parseBodyFragment(r.html());
      assertThat(doc.text()).as(r.fileName()).doesNotContain("{{");
    }
    Document bad = Jsoup.parseBodyFragment(library.page("502-bad-gateway.html").orElseThrow().html());
    Element url = bad.selectFirst("pre code var.placeholder");
    assertThat(url.text()).isEqualTo("https://www.example.com/");
    assertThat(url.attr("title")).startsWith("{{url}}: the check's URL");
    assertThat(bad.select("#origin-unreachable ~ pre").first().text())
        .contains("curl -sv -o /dev/null https://origin.example.com/",
            "--resolve www.example.com:443:\"$ORIGIN_IP\" https://www.example.com/");
    // every section a finding links to that tells what to run says it with the check's values
    assertThat(library.page("502-bad-gateway.html").orElseThrow().commands("origin-unreachable")).hasSize(1);
    assertThat(library.page("dns.html").orElseThrow().commands("nxdomain")).isNotEmpty();
    assertThat(library.page("tls.html").orElseThrow().commands("invalid-certificate")).isNotEmpty();
  }

  @Test
  void aSectionsCommandsIncludeItsSubsectionsButNotTheNextSection() {
    MarkdownRenderer.Rendered r = new MarkdownRenderer().render("""
        ```
        before {{url}}
        ```
        ## A {#a}
        ```
        a {{url}}
        ```
        ### A1 {#a1}
        ```
        a1 {{host}}
        ```
        ```
        no placeholder here
        ```
        ## B {#b}
        ```
        b {{port}}
        ```
        """, "t.md");
    Runbook runbook = new Runbook("t.md", Runbook.Source.TEAM, "T", "", List.of(), r.sections(), r.html(), r.commands());
    assertThat(runbook.commands("a")).extracting(Runbook.Command::text)
        .containsExactly("a {{url}}\n", "a1 {{host}}\n");
    assertThat(runbook.commands("a1")).extracting(Runbook.Command::text)
        .containsExactly("a1 {{host}}\n");
    assertThat(runbook.commands("b")).extracting(Runbook.Command::text)
        .containsExactly("b {{port}}\n");
    assertThat(runbook.commands("")).hasSize(4);
  }

  /**
   * The index links each failing check's page, so at 20,000 checks with one in ten DOWN it stays
   * under 3 MiB.
   */
  @Test
  void theIndexOfTwentyThousandChecksWithAThousandDownAndTheirLinksStaysUnder3MiB() throws IOException {
    List<CheckResult> checks = new ArrayList<>();
    for (int c = 0; c < 20_000; c++) {
      String name = String.format(Locale.ROOT, "check-%05d", c);
      checks.add(c % 20 == 0 ? shop("https://www" + c + ".shop.test/", CheckStatus.DOWN) : Fixtures.up(name));
    }
    RunResult run = new RunResult(Fixtures.T0, 650, checks);
    StatusPage.Listing index = StatusPage.listings(run).get(0);
    long[] chars = {0};
    Writer counting = new Writer() {
      @Override public void write(char[] buf, int off, int len) {
        chars[0] += len;
      }
      @Override public void flush() {}
      @Override public void close() {}
    };
    new StatusPage(library).write(counting, index, run, CheckHistory.of(List.of(HistoryEntry.of(run))),
        List.of(), "Scale", Fixtures.T0);
    assertThat(index.checks()).hasSize(1000);
    // ASCII only: a char is a byte
    assertThat(chars[0]).isLessThanOrEqualTo(3L * 1024 * 1024);
  }
}
