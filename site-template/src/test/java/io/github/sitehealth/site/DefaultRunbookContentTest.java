package io.github.sitehealth.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/** The default library says what on-call engineers need, where findings send them. */
class DefaultRunbookContentTest {

  private final RunbookLibrary library = RunbookLibrary.defaults();

  private Document page(String name) {
    return Jsoup.parseBodyFragment(library.page(name).orElseThrow().html());
  }

  /** The text between a heading and the next heading of the same or a higher level. */
  private static String section(Document doc, String id) {
    Element heading = doc.getElementById(id);
    assertThat(heading).as("#" + id).isNotNull();
    StringBuilder text = new StringBuilder();
    for (Element e = heading.nextElementSibling(); e != null && !e.tagName().matches("h[1-2]"); e = e.nextElementSibling()) {
      text.append(e.text()).append('\n');
    }
    return text.toString();
  }

  @Test
  void badGatewayCoversCausesFirstStepsAndPrevention() {
    Document doc = page("502-bad-gateway.html");
    assertThat(section(doc, "causes")).contains(
        "origin is down or overloaded", "Network errors between the servers", "Faulty code or scripts",
        "Server misconfiguration", "CDN problems", "DNS problems");
    assertThat(section(doc, "first-steps")).contains(
        "Retry to rule out a transient error", "Clear caches", "Check the server's status",
        "Restart the web server, with care", "sudo service nginx restart", "sudo service apache2 restart");
    assertThat(section(doc, "prevention")).contains(
        "maintenance and log audits", "Capacity scaled to traffic", "Cache-Control: max-age=86400",
        "handles surges", "warns before an outage");
    assertThat(section(doc, "origin-unreachable")).contains("curl", "--resolve");
    assertThat(section(doc, "edge-to-origin")).contains("openssl s_client", "Host", "allowlist");
  }

  @Test
  void everyPageGivesCommandsToConfirm() {
    for (Runbook r : library.runbooks()) {
      Document doc = Jsoup.parseBodyFragment(r.html());
      String code = String.join("\n", doc.select("pre code").eachText());
      assertThat(code).as(r.fileName()).containsAnyOf("curl ", "dig ", "openssl ");
    }
  }

  @Test
  void eachDnsFindingHasDigCommands() {
    Document doc = page("dns.html");
    for (String id : List.of("nxdomain", "nodata", "servfail", "timeout", "mismatch", "dangling-cname", "ns-inconsistent")) {
      assertThat(section(doc, id)).as(id).contains("dig ");
    }
    assertThat(section(doc, "dangling-cname")).contains("takeover");
    assertThat(section(doc, "servfail")).contains("DNSSEC", "+cd");
    assertThat(section(doc, "ns-inconsistent")).contains("SOA");
  }

  @Test
  void gatewayPagesTellEdgeFromOrigin() {
    for (String link : List.of("502-bad-gateway.html#origin-unreachable",
        "503-service-unavailable.html#origin", "504-gateway-timeout.html#origin")) {
      String page = link.substring(0, link.indexOf('#'));
      Document doc = page(page);
      assertThat(section(doc, link.substring(link.indexOf('#') + 1))).as(page).contains("directly");
      assertThat(section(doc, "edge-to-origin")).as(page).contains("directly");
    }
  }

  @Test
  void tlsCoversInspectionAndRenewal() {
    Document doc = page("tls.html");
    assertThat(section(doc, "invalid-certificate")).contains("openssl s_client", "subjectAltName", "chain");
    assertThat(section(doc, "expiring-certificate")).contains("-checkend", "certbot renew --dry-run");
  }

  @Test
  void probeBlockedAndNotCacheableHaveSections() {
    assertThat(section(page("http-errors.html"), "probe-blocked")).contains("WAF", "<origin>", "curl");
    assertThat(section(page("expectations.html"), "not-cacheable")).contains("s-maxage", "no-store", "private", "no-cache", "Vary: *", "Set-Cookie", "Authorization");
    assertThat(library.codes()).containsEntry("PROBE_BLOCKED", "http-errors.html")
        .containsEntry("NOT_CACHEABLE", "expectations.html");
  }

  @Test
  void bodyFindingsHaveSectionsThatTellEdgeFromOrigin() {
    Document doc = page("expectations.html");
    assertThat(section(doc, "body-mismatch")).contains("curl -s --compressed", "1 MiB", "charset", "<origin>");
    assertThat(section(doc, "body-rejected")).contains("curl -s --compressed", "purge", "<origin>");
    assertThat(library.codes()).containsEntry("BODY_MISMATCH", "expectations.html")
        .containsEntry("BODY_REJECTED", "expectations.html");
  }

  @Test
  void everyHeadingOfTheDefaultsHasAnExplicitId() {
    for (String file : RunbookLibrary.DEFAULT_FILES) {
      boolean inFence = false;
      for (String line : readResource(file).lines().toList()) {
        if (line.strip().startsWith("```")) {
          inFence = !inFence;
        } else if (!inFence && line.startsWith("#")) {
          assertThat(HeadingIds.EXPLICIT.matcher(line).find()).as(file + ": " + line).isTrue();
        }
      }
    }
  }

  private static String readResource(String file) {
    try (var in = RunbookLibrary.class.getResourceAsStream("runbooks/" + file)) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
