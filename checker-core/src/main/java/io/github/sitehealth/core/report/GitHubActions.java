package io.github.sitehealth.core.report;

import io.github.sitehealth.core.result.CheckResult;
import io.github.sitehealth.core.result.CheckStatus;
import io.github.sitehealth.core.result.Finding;
import io.github.sitehealth.core.result.RunResult;
import io.github.sitehealth.core.result.Shard;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jsoup.nodes.Entities;

/**
 * What a run shows in GitHub Actions: a Markdown step summary (a table of the DOWN and DEGRADED
 * checks, the UP ones in a collapsed block) and one workflow-command annotation per DOWN check
 * ({@code ::error}) and per DEGRADED check ({@code ::warning}).
 *
 * <p>Everything a server may have said (observed text, summaries) is escaped: in the summary as
 * HTML text with Markdown's inline markup, table pipes and line breaks neutralised; in the
 * annotations by the workflow commands' own escaping, so no server can add a command, a link or
 * markup. Give it the run the {@code Verifier} returned, whose secrets are masked.
 */
public final class GitHubActions {

  /** Rows each table holds at most; the rest are counted (a step summary may hold 1 MiB). */
  public static final int MAX_ROWS = 500;

  /**
   * What makes inline markup in a table cell: emphasis, code, strikethrough, links and images
   * ({@code [ ] !}), the cell separator, and {@code $} for GitHub's math. Not {@code & ; #}, which
   * the HTML escaping writes.
   */
  private static final Pattern MARKDOWN = Pattern.compile("([\\\\`*_\\[\\]~|!$])");
  private static final Pattern LINE_BREAK = Pattern.compile("\r\n|\r|\n");
  private static final Pattern CONTROL = Pattern.compile("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]");

  private final String runbookBase;

  /**
   * @param runbookBase what runbook links are relative to in the summary and the annotations, e.g.
   *     {@code target/site-health} (the output directory, relative to the workspace); empty for
   *     the links as {@code results.json} has them
   */
  public GitHubActions(String runbookBase) {
    this.runbookBase = runbookBase.isEmpty() || runbookBase.endsWith("/")
        ? runbookBase : runbookBase + "/";
  }

  /**
   * Appends the step summary to the file GitHub names in {@code GITHUB_STEP_SUMMARY}: other steps'
   * and goals' summaries in it are kept.
   *
   * @throws IOException when the file cannot be written
   */
  public void appendStepSummary(RunResult run, Path file) throws IOException {
    boolean separate = Files.isRegularFile(file) && Files.size(file) > 0;
    Files.writeString(file, (separate ? "\n" : "") + stepSummary(run), StandardCharsets.UTF_8,
        StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
  }

  /**
   * The step summary in GitHub-flavoured Markdown: a heading with the counts (and the vantage and
   * shard when named), a table of the DOWN then the DEGRADED checks (status, check, target, code,
   * hop, summary, runbook), and the UP checks in a collapsed {@code <details>} block.
   */
  public String stepSummary(RunResult run) {
    StringBuilder md = new StringBuilder("### site-health");
    List<String> labels = new ArrayList<>();
    run.vantage().ifPresent(v -> labels.add("vantage " + v));
    run.shard().map(Shard::toString).ifPresent(s -> labels.add("shard " + s));
    if (!labels.isEmpty()) {
      md.append(" (").append(cell(String.join(", ", labels))).append(')');
    }
    md.append(": ").append(run.checks().size()).append(run.checks().size() == 1 ? " check" : " checks")
        .append(", ").append(run.count(CheckStatus.UP)).append(" UP, ")
        .append(run.count(CheckStatus.DEGRADED)).append(" DEGRADED, ")
        .append(run.count(CheckStatus.DOWN)).append(" DOWN\n\n");
    List<CheckResult> failing = new ArrayList<>(run.down());
    run.checks().stream().filter(c -> c.status() == CheckStatus.DEGRADED).forEach(failing::add);
    if (!failing.isEmpty()) {
      md.append("| status | check | target | code | hop | summary | runbook |\n")
          .append("|---|---|---|---|---|---|---|\n");
      failing.stream().limit(MAX_ROWS).forEach(c -> row(md, c));
      more(md, failing.size(), "DOWN or DEGRADED");
      md.append('\n');
    }
    List<CheckResult> up = run.checks().stream().filter(c -> c.status() == CheckStatus.UP).toList();
    if (!up.isEmpty()) {
      md.append("<details><summary>").append(up.size()).append(up.size() == 1 ? " check" : " checks")
          .append(" UP</summary>\n\n| check | target | latency |\n|---|---|---|\n");
      up.stream().limit(MAX_ROWS).forEach(c -> md.append("| ").append(cell(c.name())).append(" | ")
          .append(cell(c.target())).append(" | ").append(c.latencyMs()).append(" ms |\n"));
      more(md, up.size(), "UP");
      md.append("\n</details>\n\n");
    }
    return md.toString();
  }

  private void row(StringBuilder md, CheckResult c) {
    Finding f = c.finding().orElse(null);
    md.append("| **").append(c.status()).append("** | ").append(cell(c.name()))
        .append(" | ").append(cell(c.target()))
        .append(" | ").append(f == null ? "" : cell(f.code().id()))
        .append(" | ").append(f == null ? "" : f.hop().id())
        .append(" | ").append(cell(f == null ? c.observed() : f.summary()))
        .append(" | ").append(f == null ? "" : cell(runbookBase + f.runbook()))
        .append(" |\n");
  }

  private static void more(StringBuilder md, int rows, String which) {
    if (rows > MAX_ROWS) {
      md.append("\n").append(rows - MAX_ROWS).append(" more ").append(which)
          .append(" checks are in results.json.\n");
    }
  }

  /**
   * One workflow command per DOWN check, then per DEGRADED check: {@code ::error title=site-health
   * home::HTTP_502 (origin) The origin fails ... Runbook: target/site-health/runbooks/...}. Each
   * is one line, to be printed at the start of a line of the job's log.
   */
  public List<String> annotations(RunResult run) {
    List<String> lines = new ArrayList<>();
    for (CheckStatus status : List.of(CheckStatus.DOWN, CheckStatus.DEGRADED)) {
      String command = status == CheckStatus.DOWN ? "error" : "warning";
      for (CheckResult c : run.checks()) {
        if (c.status() != status) {
          continue;
        }
        String message = c.finding()
            .map(f -> f.code().id() + " (" + f.hop().id() + ") " + f.summary() + " Runbook: "
                + runbookBase + f.runbook())
            .orElse(status + " " + c.observed());
        lines.add("::" + command + " title=" + property("site-health " + c.name()) + "::"
            + data(message));
      }
    }
    return lines;
  }

  /**
   * Text for a cell of a Markdown table: HTML-escaped (by jsoup, as the status page), Markdown's
   * inline markup backslash-escaped, {@code |} escaped, line breaks as {@code <br>}, other control
   * characters as U+FFFD. Renders as the text it was, whatever it holds.
   */
  static String cell(String text) {
    String escaped = MARKDOWN.matcher(Entities.escape(CONTROL.matcher(text).replaceAll("\uFFFD")))
        .replaceAll("\\\\$1");
    return LINE_BREAK.matcher(escaped).replaceAll("<br>");
  }

  /** A workflow command's message: {@code %}, CR and LF escaped, as the runner unescapes them. */
  static String data(String text) {
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
  }

  /** A workflow command's property value: as {@link #data}, and {@code :} and {@code ,} too. */
  static String property(String text) {
    return data(text).replace(":", "%3A").replace(",", "%2C");
  }
}
