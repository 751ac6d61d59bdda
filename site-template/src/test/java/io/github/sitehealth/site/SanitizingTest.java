package io.github.sitehealth.site;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sitehealth.core.result.AddressResult;
import io.github.sitehealth.core.result.Attempt;
import io.github.sitehealth.core.result.CheckResult;
import io.github.sitehealth.core.result.CheckStatus;
import io.github.sitehealth.core.result.Finding;
import io.github.sitehealth.core.result.FindingCode;
import io.github.sitehealth.core.result.Hop;
import io.github.sitehealth.core.result.RunResult;
import io.github.sitehealth.core.result.Sample;
import io.github.sitehealth.core.result.Sampling;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xml.sax.InputSource;

/**
 * A corpus of XSS payloads goes in through every door a user has: team runbooks, incidents,
 * check names and targets, observed text, summaries, evidence, headers, addresses and samples. Every page that comes
 * out, parsed the way a browser parses it, runs nothing.
 */
class SanitizingTest {

  @TempDir static Path dir;
  static List<String> payloads;
  static Path out;
  static SiteResult result;

  @BeforeAll
  static void generate() throws IOException {
    try (InputStream in = SanitizingTest.class.getResourceAsStream("xss-payloads.txt")) {
      payloads = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
    }
    StringBuilder markdown = new StringBuilder("---\ntitle: \"<script>alert('title')</script>\"\n"
        + "summary: <img src=x onerror=alert(1)>\ncodes: [\"<b onclick=alert(1)>HTTP_502</b>\"]\n---\n\n");
    for (String payload : payloads) {
      markdown.append(payload).append("\n\n");
      markdown.append("## ").append(payload).append("\n\n");
      markdown.append("- item ").append(payload).append("\n\n");
      markdown.append("| a |\n|---|\n| ").append(payload.replace("|", "\\|")).append(" |\n\n");
    }
    markdown.append("[ref link][r1] and [ref data][r2]\n\n[r1]: javascript:alert(1)\n[r2]: data:text/html,x\n\n");
    markdown.append("<a\nhref=\"javascript:alert(1)\">multi-line tag</a>\n\n");
    Path team = Files.createDirectories(dir.resolve("runbooks"));
    Files.writeString(team.resolve("xss.md"), markdown);
    Files.writeString(team.resolve("502-bad-gateway.md"), markdown);

    Path incidents = Files.createDirectories(dir.resolve("incidents"));
    Files.writeString(incidents.resolve("xss.md"), markdown.toString()
        .replace("codes:", "status: <script>alert(1)</script>\nstarted: 2025-03-19\naffects: [\"<img src=x onerror=alert(1)>\"]\nx:"));

    List<CheckResult> checks = new ArrayList<>();
    for (String p : payloads) {
      // Finding codes are a closed set (results.json with any other code is refused on reading),
      // so the hostile text goes everywhere else.
      Finding finding = new Finding("HTTP_502", Hop.EDGE, p, "javascript:alert(1)",
          List.of(p, "server: " + p, "x-cache: " + p));
      AddressResult address = new AddressResult(p, CheckStatus.DOWN, p,
          Optional.of(FindingCode.CONNECT_REFUSED), Optional.of(Hop.NETWORK), 1, 2, 1);
      Sample sample = new Sample(1, Fixtures.T0, 1, Optional.of(p), Optional.empty(),
          FindingCode.CONNECT_REFUSED, p);
      checks.add(new CheckResult(p, p, p, CheckStatus.DOWN, p, Optional.of(finding),
          List.of(new Attempt(1, Fixtures.T0, 5, Optional.of(502), p, false)), Fixtures.T0, 6,
          List.of(address), Optional.of(new Sampling(2, 1, 100, 0, List.of(sample)))));
    }
    RunResult run = new RunResult(Fixtures.T0, 10, checks);
    out = dir.resolve("site");
    Path results = Fixtures.writeResults(dir, run);
    result = new SiteGenerator(Fixtures.CLOCK).generate(SiteRequest.of(results, out)
        .withTeamRunbooks(team).withIncidents(incidents).withTitle("<script>alert(1)</script>"));
  }

  @Test
  void theCorpusIsBigEnough() {
    assertThat(payloads).hasSizeGreaterThanOrEqualTo(50);
  }

  @Test
  void noPageRunsAnything() throws IOException {
    List<Path> pages;
    try (Stream<Path> files = Files.walk(out)) {
      pages = files.filter(p -> p.toString().endsWith(".html")).toList();
    }
    assertThat(pages).contains(out.resolve("index.html"), out.resolve("runbooks/xss.html"),
        out.resolve("runbooks/502-bad-gateway.html"));
    for (Path page : pages) {
      SafeHtml.assertSafe(Fixtures.parse(page), out.relativize(page).toString());
    }
  }

  @Test
  void userTextOnTheStatusPageIsShownAsText() throws IOException {
    Document index = Fixtures.parse(out.resolve("index.html"));
    assertThat(index.select("th .check-name").eachText())
        .containsExactlyElementsOf(payloads.stream().map(SanitizingTest::asText).toList());
    assertThat(index.select("h1").text()).isEqualTo("<script>alert(1)</script>");
    assertThat(index.select("td[data-label=Finding] > code").eachText())
        .hasSize(payloads.size())
        .containsOnly("HTTP_502");
    assertThat(index.select("details li code").eachText()).contains("server: <script>alert(1)</script>");
    assertThat(index.select("table.addresses th[scope=row] code").eachText())
        .containsExactlyElementsOf(payloads.stream().map(SanitizingTest::asText).toList());
    assertThat(index.select("ul.samples li").eachText())
        .contains("10:15:00.000 UTC sample 1 to <script>alert(1)</script>: CONNECT_REFUSED"
            + " <script>alert(1)</script>, 1 ms");
  }

  @Test
  void findingRunbookLinksComeFromTheLibraryNotFromTheResults() throws IOException {
    Document index = Fixtures.parse(out.resolve("index.html"));
    assertThat(index.select("td[data-label=Runbook] a").eachAttr("href"))
        .hasSize(payloads.size())
        .allMatch(href -> href.startsWith("runbooks/") && !href.contains("javascript"));
  }

  @Test
  void teamMarkdownKeepsItsHarmlessParts() throws IOException {
    Document page = Fixtures.parse(out.resolve("runbooks/xss.html"));
    assertThat(page.select("h1").text()).isEqualTo("<script>alert('title')</script>");
    assertThat(page.text()).contains("multi-line tag", "custom element", "plain", "all hex");
    assertThat(page.select("table")).isNotEmpty();
  }

  @Test
  void badgesAreWellFormedXmlWithoutScriptsOrHandlers() throws Exception {
    List<Path> badges;
    try (Stream<Path> files = Files.list(out.resolve("badges"))) {
      badges = files.toList();
    }
    assertThat(badges).hasSize(payloads.size() + 1);
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    for (Path badge : badges) {
      assertThat(badge.getParent()).isEqualTo(out.resolve("badges"));
      String svg = Files.readString(badge);
      org.w3c.dom.Document xml = factory.newDocumentBuilder().parse(new InputSource(new StringReader(svg)));
      assertThat(xml.getElementsByTagName("script").getLength()).as(badge.toString()).isZero();
      assertThat(xml.getElementsByTagName("foreignObject").getLength()).isZero();
      org.w3c.dom.NodeList all = xml.getElementsByTagName("*");
      for (int i = 0; i < all.getLength(); i++) {
        org.w3c.dom.NamedNodeMap attrs = all.item(i).getAttributes();
        for (int j = 0; j < attrs.getLength(); j++) {
          assertThat(attrs.item(j).getNodeName().toLowerCase()).doesNotStartWith("on");
          assertThat(SafeHtml.normalizedUrl(attrs.item(j).getNodeValue())).doesNotStartWith("javascript:");
        }
      }
    }
  }

  @Test
  void aHostileReplacementStillGetsItsMissingSectionsReported() {
    assertThat(result.warnings()).anySatisfy(w -> assertThat(w).contains("502-bad-gateway.md", "#origin"));
  }

  /** What Jsoup's text() shows for a string: whitespace runs collapsed, trimmed. */
  private static String asText(String s) {
    return s.strip().replaceAll("\\s+", " ");
  }
}
