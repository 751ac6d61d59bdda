package io.github.sitehealth.core.report;

import static io.github.sitehealth.core.testing.SampleResults.degraded;
import static io.github.sitehealth.core.testing.SampleResults.down502;
import static io.github.sitehealth.core.testing.SampleResults.run;
import static io.github.sitehealth.core.testing.SampleResults.up;
import static org.assertj.core.api.Assertions.assertThat;

import com.vladsch.flexmark.ext.tables.TablesExtension;
import com.vladsch.flexmark.html.HtmlRenderer;
import com.vladsch.flexmark.parser.Parser;
import com.vladsch.flexmark.util.data.MutableDataSet;
import io.github.sitehealth.core.result.CheckResult;
import io.github.sitehealth.core.result.CheckStatus;
import io.github.sitehealth.core.result.Finding;
import io.github.sitehealth.core.result.Hop;
import io.github.sitehealth.core.result.RunResult;
import io.github.sitehealth.core.result.Shard;
import io.github.sitehealth.core.testing.SampleResults;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.CharRange;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitHubActionsTest {

  @TempDir Path dir;

  private final GitHubActions github = new GitHubActions("target/site-health");

  /** The summary as GitHub would show it: Markdown with tables, to HTML. */
  private static Document rendered(String markdown) {
    MutableDataSet options = new MutableDataSet();
    options.set(Parser.EXTENSIONS, List.of(TablesExtension.create()));
    Parser parser = Parser.builder(options).build();
    String html = HtmlRenderer.builder(options).build().render(parser.parse(markdown));
    return Jsoup.parseBodyFragment(html);
  }

  /** A DOWN check whose observed text and summary came from a hostile server. */
  private static CheckResult hostile(String name, String text) {
    Finding f = new Finding("HTTP_502", Hop.EDGE, text, "runbooks/502-bad-gateway.html#edge",
        List.of());
    return new CheckResult(name, "http", "https://x.example/", CheckStatus.DOWN, text,
        Optional.of(f), List.of(), SampleResults.T0, 1);
  }


  @Test
  void theSummaryListsDownThenDegradedWithHopCodeAndRunbookAndCountsTheUpOnes() {
    String md = github.stepSummary(run(up("home"), degraded("cdn"), down502("shop"), up("api")));

    assertThat(md).startsWith("### site-health: 4 checks, 2 UP, 1 DEGRADED, 1 DOWN\n");
    Document doc = rendered(md);
    List<Element> rows = doc.select("table").get(0).select("tbody tr");
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0).select("td").eachText()).containsExactly(
        "DOWN", "shop", "https://shop.example.com/", "HTTP_502", "origin",
        "The origin fails when asked directly too: fix the origin server.",
        "target/site-health/runbooks/502-bad-gateway.html#origin-unreachable");
    assertThat(rows.get(1).select("td").eachText()).startsWith("DEGRADED", "cdn");
    assertThat(md).contains("<details><summary>2 checks UP</summary>");
    assertThat(doc.select("table").get(1).select("tbody tr td:first-child").eachText())
        .containsExactly("home", "api");
  }

  @Test
  void theHeadingNamesTheVantageAndTheShard() {
    RunResult run = run(up("home")).withLabels(Optional.of("eu-west"), Optional.of(new Shard(2, 3)));

    assertThat(github.stepSummary(run))
        .startsWith("### site-health (vantage eu-west, shard 2/3): 1 check, 1 UP, 0 DEGRADED, 0 DOWN");
    assertThat(github.stepSummary(run(up("home")))).doesNotContain("<table").doesNotContain("| status");
  }

  @Test
  void aServersTextCannotAddMarkupLinksOrHtml() {
    String evil = "<script>alert(1)</script> **bold** [x](https://evil.example) ![i](y.png) `c` a|b"
        + " ~~s~~ $x$ &lt; \\| _e_\nsecond line <img src=x onerror=alert(1)>";
    Document doc = rendered(github.stepSummary(run(hostile("shop", evil))));

    Element cell = doc.select("tbody tr td").get(5);
    assertThat(cell.select("*").not("td").not("br")).isEmpty();
    assertThat(cell.select("br")).hasSize(1);
    assertThat(cell.text()).isEqualTo(evil.replace("\n", " "));
    assertThat(doc.select("tbody tr td")).hasSize(7);
  }

  @Property(tries = 300)
  void anyTextRendersAsItself(
      @ForAll @StringLength(max = 60) @CharRange(from = ' ', to = '~') @Chars({'\n', 'é', '\u00a0'})
          String text) {
    Document doc = rendered(github.stepSummary(run(hostile("shop", text))));

    List<Element> cells = doc.select("tbody tr td");
    assertThat(cells).hasSize(7);
    Element cell = cells.get(5);
    assertThat(cell.select("*").not("td").not("br")).isEmpty();
    assertThat(normalized(cell.text())).isEqualTo(normalized(text));
  }

  private static String normalized(String text) {
    return text.replace('\u00a0', ' ').replaceAll("\\s+", " ").trim();
  }

  @Test
  void controlCharactersAreReplaced() {
    assertThat(GitHubActions.cell("a\u0000b\u001bc")).isEqualTo("a\uFFFDb\uFFFDc");
  }

  @Test
  void theSummaryIsAppendedNeverOverwritten() throws IOException {
    Path file = Files.writeString(dir.resolve("summary.md"), "# Build\nearlier step\n");

    github.appendStepSummary(run(down502("shop")), file);
    github.appendStepSummary(run(up("home")), file);

    String text = Files.readString(file, StandardCharsets.UTF_8);
    assertThat(text).startsWith("# Build\nearlier step\n\n### site-health: 1 check, 0 UP");
    assertThat(text).contains("\n### site-health: 1 check, 1 UP");
    github.appendStepSummary(run(up("home")), dir.resolve("new.md"));
    assertThat(Files.readString(dir.resolve("new.md"))).startsWith("### site-health");
  }

  @Test
  void longTablesAreCutAndTheRestCounted() {
    List<CheckResult> checks = new ArrayList<>();
    IntStream.range(0, GitHubActions.MAX_ROWS + 3).forEach(i -> checks.add(down502("d" + i)));
    String md = github.stepSummary(run(checks.toArray(CheckResult[]::new)));

    assertThat(rendered(md).select("tbody tr")).hasSize(GitHubActions.MAX_ROWS);
    assertThat(md).contains("3 more DOWN or DEGRADED checks are in results.json.");
  }

  @Test
  void anErrorPerDownCheckThenAWarningPerDegradedOne() {
    List<String> lines = github.annotations(run(degraded("cdn"), up("home"), down502("shop")));

    assertThat(lines).containsExactly(
        "::error title=site-health shop::HTTP_502 (origin) The origin fails when asked directly"
            + " too: fix the origin server. Runbook:"
            + " target/site-health/runbooks/502-bad-gateway.html#origin-unreachable",
        "::warning title=site-health cdn::HTTP_503 (origin) The edge could not get a good answer"
            + " from its upstream. Runbook:"
            + " target/site-health/runbooks/503-service-unavailable.html#origin");
  }

  @Test
  void annotationsEscapeAsWorkflowCommandsRequire() {
    List<String> lines = github.annotations(run(hostile("a,b:c", "50% down\r\n::add-mask::x")));

    assertThat(lines).singleElement().isEqualTo(
        "::error title=site-health a%2Cb%3Ac::HTTP_502 (edge) 50%25 down%0D%0A::add-mask::x"
            + " Runbook: target/site-health/runbooks/502-bad-gateway.html#edge");
    assertThat(lines.get(0)).doesNotContain("\n").doesNotContain("\r");
  }

  @Test
  void escapingRules() {
    assertThat(GitHubActions.data("100%\r\n:,")).isEqualTo("100%25%0D%0A:,");
    assertThat(GitHubActions.property("100%\r\n:,")).isEqualTo("100%25%0D%0A%3A%2C");
    assertThat(new GitHubActions("").annotations(run(down502("shop"))).get(0))
        .endsWith("Runbook: runbooks/502-bad-gateway.html#origin-unreachable");
  }
}
