package io.github.sitehealth.core.report;

import io.github.sitehealth.core.result.CheckResult;
import io.github.sitehealth.core.result.Finding;
import io.github.sitehealth.core.result.CheckStatus;
import io.github.sitehealth.core.result.RunResult;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes {@code metrics.prom}: the run in the OpenMetrics text format, for the node exporter's
 * textfile collector or a Pushgateway, so the same checks feed dashboards and alerts.
 */
public final class OpenMetrics {

  public static final String FILE_NAME = "metrics.prom";

  public void write(RunResult run, Path file) throws IOException {
    AtomicFiles.write(file, out -> {
      Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
      write(run, w);
      w.flush();
    });
  }

  void write(RunResult run, Writer w) throws IOException {
    family(w, "site_health_check_up",
        "1 when the check is UP or DEGRADED, 0 when it is DOWN.");
    for (CheckResult c : run.checks()) {
      sample(w, "site_health_check_up", c, "", c.status() == CheckStatus.DOWN ? "0" : "1");
    }
    family(w, "site_health_check_status",
        "The check's status: 1 for the one it has, 0 for the others.");
    for (CheckResult c : run.checks()) {
      for (CheckStatus s : CheckStatus.values()) {
        sample(w, "site_health_check_status", c, ",status=\"" + s.name() + "\"", c.status() == s ? "1" : "0");
      }
    }
    family(w, "site_health_check_latency_seconds", "Latency of the check's last attempt.");
    for (CheckResult c : run.checks()) {
      sample(w, "site_health_check_latency_seconds", c, "", seconds(c.latencyMs()));
    }
    family(w, "site_health_check_attempts", "Attempts the check made in this run.");
    for (CheckResult c : run.checks()) {
      sample(w, "site_health_check_attempts", c, "", Integer.toString(c.attempts().size()));
    }
    family(w, "site_health_check_finding",
        "1 for the finding of a failing or degraded check, with its code, the hop blamed and"
            + " whether the origin was asked directly.");
    for (CheckResult c : run.checks()) {
      if (c.finding().isPresent()) {
        Finding f = c.finding().get();
        String labels = ",code=\"" + escape(f.code().id()) + "\",hop=\"" + f.hop().id()
            + "\",origin_probed=\"" + f.originProbed() + "\"";
        sample(w, "site_health_check_finding", c, labels, "1");
      }
    }
    family(w, "site_health_run_timestamp_seconds", "When the run started.");
    w.write("site_health_run_timestamp_seconds " + seconds(run.startedAt().toEpochMilli()) + "\n");
    w.write("# EOF\n");
  }

  private static void family(Writer w, String name, String help) throws IOException {
    w.write("# HELP " + name + " " + help + "\n");
    w.write("# TYPE " + name + " gauge\n");
  }

  private static void sample(Writer w, String name, CheckResult c, String extraLabels, String value)
      throws IOException {
    w.write(name + "{check=\"" + escape(c.name()) + "\",kind=\"" + escape(c.kind()) + "\""
        + extraLabels + "} " + value + "\n");
  }

  private static String seconds(long millis) {
    return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
  }

  /** Label values escape backslash, double quote and line feed, as the format requires. */
  static String escape(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }
}
