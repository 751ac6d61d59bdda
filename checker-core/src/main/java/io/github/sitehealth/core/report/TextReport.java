package io.github.sitehealth.core.report;

import io.github.sitehealth.core.result.AddressResult;
import io.github.sitehealth.core.result.CheckResult;
import io.github.sitehealth.core.result.CheckStatus;
import io.github.sitehealth.core.result.Finding;
import io.github.sitehealth.core.result.RunResult;
import java.nio.file.Path;

/** The plain-text lines a build log shows for a run. */
public final class TextReport {

  /**
   * The whole check's time is shown beside the latency when it is at least this much longer
   * (retries, backoff, samples, several addresses, the origin probe), in ms.
   */
  static final long WHOLE_CHECK_SHOWN_FROM_MS = 100;

  private TextReport() {}

  /**
   * {@code [DOWN] home: 502 Bad Gateway (expected 200-399) [HTTP_502, hop origin], latency 12 ms},
   * with {@code (whole check 1250 ms)} after it when retries, samples or addresses made the check
   * take longer. A sampled check says its samples' failure rate before the latency ({@code , 9 of 20 samples failed
   * (45 %), allowed 0 %}); a check that probed each address gets one more line, indented by two
   * spaces, for each address that is not UP, then a line counting those that are ({@code 2 of 3
   * addresses UP}). Lines are separated by {@code \n}, so one log call keeps them together.
   */
  public static String line(CheckResult c) {
    StringBuilder sb = new StringBuilder()
        .append('[').append(c.status()).append("] ")
        .append(c.name()).append(": ").append(c.observed());
    c.finding().ifPresent(f -> sb.append(" [").append(f.code()).append(", hop ").append(f.hop().id()).append(']'));
    // Several addresses or samples make several attempts without any retry: not worth saying.
    if (c.attempts().size() > 1 && c.addresses().isEmpty() && c.sampling().isEmpty()) {
      sb.append(" after ").append(c.attempts().size()).append(" attempts");
    }
    c.sampling().ifPresent(s -> sb.append(", ").append(PartialText.sampling(s)));
    // The same figure, and the same word, as the page's Latency column and results.json's
    // latencyMs: the last attempt's time. The whole check's time only when it says more.
    sb.append(", latency ").append(c.latencyMs()).append(" ms");
    if (c.durationMs() >= c.latencyMs() + WHOLE_CHECK_SHOWN_FROM_MS) {
      sb.append(" (whole check ").append(c.durationMs()).append(" ms)");
    }
    addresses(sb, c, "  ");
    return sb.toString();
  }

  /** A line per address that is not UP, then the count of those that are, each after a newline. */
  private static void addresses(StringBuilder sb, CheckResult c, String indent) {
    if (c.addresses().isEmpty()) {
      return;
    }
    for (AddressResult a : c.addresses()) {
      if (a.status() != CheckStatus.UP) {
        sb.append('\n').append(indent).append(PartialText.address(a));
      }
    }
    sb.append('\n').append(indent).append(PartialText.addressesUp(c.addresses()));
  }

  /**
   * The failure message of a run with DOWN checks: each DOWN check with what was observed, its
   * code, hop, diagnosis, each address that is not UP and the count of those that are, the
   * samples' failure rate, and the runbook; then the summary line.
   */
  public static String failure(RunResult run, Path outputDirectory) {
    StringBuilder sb = new StringBuilder();
    sb.append(run.down().size()).append(" site-health check")
        .append(run.down().size() == 1 ? "" : "s").append(" DOWN:\n");
    for (CheckResult c : run.down()) {
      Finding f = c.finding().orElseThrow();
      sb.append("  - ").append(c.name()).append(" (").append(c.target()).append("): ")
          .append(c.observed()).append('\n');
      sb.append("    ").append(f.code()).append(", hop ").append(f.hop().id()).append(": ")
          .append(f.summary());
      addresses(sb, c, "    ");
      sb.append('\n');
      c.sampling().ifPresent(s -> sb.append("    ").append(PartialText.sampling(s)).append('\n'));
      sb.append("    runbook: ").append(outputDirectory.resolve(f.runbook().replaceFirst("#.*", "")))
          .append(f.runbook().contains("#") ? f.runbook().substring(f.runbook().indexOf('#')) : "")
          .append('\n');
    }
    return sb.append(run.summaryLine()).toString();
  }
}
