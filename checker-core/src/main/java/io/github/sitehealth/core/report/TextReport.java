package io.github.sitehealth.core.report;

import io.github.sitehealth.core.result.CheckResult;
import io.github.sitehealth.core.result.Finding;
import io.github.sitehealth.core.result.RunResult;
import java.nio.file.Path;

/** The plain-text lines a build log shows for a run. */
public final class TextReport {

  private TextReport() {}

  /** {@code [DOWN] home: 502 Bad Gateway (expected 200-399) in 12 ms} */
  public static String line(CheckResult c) {
    StringBuilder sb = new StringBuilder()
        .append('[').append(c.status()).append("] ")
        .append(c.name()).append(": ").append(c.observed());
    c.finding().ifPresent(f -> sb.append(" [").append(f.code()).append(", hop ").append(f.hop().id()).append(']'));
    if (c.attempts().size() > 1) {
      sb.append(" after ").append(c.attempts().size()).append(" attempts");
    }
    return sb.append(", ").append(c.durationMs()).append(" ms").toString();
  }

  /**
   * The failure message of a run with DOWN checks: each DOWN check with what was observed, its
   * code, hop, diagnosis and runbook, then the summary line.
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
          .append(f.summary()).append('\n');
      sb.append("    runbook: ").append(outputDirectory.resolve(f.runbook().replaceFirst("#.*", "")))
          .append(f.runbook().contains("#") ? f.runbook().substring(f.runbook().indexOf('#')) : "")
          .append('\n');
    }
    return sb.append(run.summaryLine()).toString();
  }
}
