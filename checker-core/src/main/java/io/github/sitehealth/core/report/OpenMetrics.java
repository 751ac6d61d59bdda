package io.github.sitehealth.core.report;

import io.github.sitehealth.core.result.AddressResult;
import io.github.sitehealth.core.result.CheckResult;
import io.github.sitehealth.core.result.CheckStatus;
import io.github.sitehealth.core.result.Finding;
import io.github.sitehealth.core.result.RunResult;
import io.github.sitehealth.core.result.Sampling;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Writes {@code metrics.prom}: the run in the OpenMetrics text format, for the node exporter's
 * textfile collector or a Pushgateway, so the same checks feed dashboards and alerts. Every sample
 * of a run from a named vantage has a {@code vantage} label, so several regions' files can be
 * scraped side by side. A check
 * that probed each address has a sample per address in the {@code site_health_address_*}
 * families (labels {@code check} and {@code address}); one that sent several samples has its
 * {@code site_health_check_samples} and {@code site_health_check_sample_failure_ratio}.
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
    String vantage = run.vantage().map(v -> ",vantage=\"" + escape(v) + "\"").orElse("");
    family(w, "site_health_check_up",
        "1 when the check is UP or DEGRADED, 0 when it is DOWN.");
    for (CheckResult c : run.checks()) {
      sample(w, "site_health_check_up", c, vantage, c.status() == CheckStatus.DOWN ? "0" : "1");
    }
    family(w, "site_health_check_status",
        "The check's status: 1 for the one it has, 0 for the others.");
    for (CheckResult c : run.checks()) {
      for (CheckStatus s : CheckStatus.values()) {
        sample(w, "site_health_check_status", c, vantage + ",status=\"" + s.name() + "\"", c.status() == s ? "1" : "0");
      }
    }
    family(w, "site_health_check_latency_seconds", "Latency of the check's last attempt.");
    for (CheckResult c : run.checks()) {
      sample(w, "site_health_check_latency_seconds", c, vantage, seconds(c.latencyMs()));
    }
    family(w, "site_health_check_attempts", "Attempts the check made in this run.");
    for (CheckResult c : run.checks()) {
      sample(w, "site_health_check_attempts", c, vantage, Integer.toString(c.attempts().size()));
    }
    family(w, "site_health_check_finding",
        "1 for the finding of a failing or degraded check, with its code, the hop blamed and"
            + " whether the origin was asked directly.");
    for (CheckResult c : run.checks()) {
      if (c.finding().isPresent()) {
        Finding f = c.finding().get();
        String labels = vantage + ",code=\"" + escape(f.code().id()) + "\",hop=\"" + f.hop().id()
            + "\",origin_probed=\"" + f.originProbed() + "\"";
        sample(w, "site_health_check_finding", c, labels, "1");
      }
    }
    family(w, "site_health_check_samples",
        "Requests the check sent in this run, when it sent more than one.");
    for (CheckResult c : run.checks()) {
      if (c.sampling().isPresent()) {
        sample(w, "site_health_check_samples", c, vantage,
            Integer.toString(c.sampling().get().samples()));
      }
    }
    family(w, "site_health_check_sample_failure_ratio",
        "Failed samples of the check, 0 to 1, when it sent more than one.");
    for (CheckResult c : run.checks()) {
      if (c.sampling().isPresent()) {
        Sampling s = c.sampling().get();
        sample(w, "site_health_check_sample_failure_ratio", c, vantage, ratio(s.failed(), s.samples()));
      }
    }
    family(w, "site_health_address_up",
        "1 when the address of a check that probes each address is UP or DEGRADED, 0 when it is"
            + " DOWN.");
    for (CheckResult c : run.checks()) {
      for (AddressResult a : c.addresses()) {
        address(w, "site_health_address_up", c, a, vantage, a.status() == CheckStatus.DOWN ? "0" : "1");
      }
    }
    family(w, "site_health_address_failure_ratio",
        "Failed samples to the address, 0 to 1, of a check that probes each address.");
    for (CheckResult c : run.checks()) {
      for (AddressResult a : c.addresses()) {
        address(w, "site_health_address_failure_ratio", c, a, vantage,
            ratio(a.failedSamples(), a.samples()));
      }
    }
    family(w, "site_health_run_timestamp_seconds", "When the run started.");
    w.write("site_health_run_timestamp_seconds"
        + (vantage.isEmpty() ? "" : "{" + vantage.substring(1) + "}")
        + " " + seconds(run.startedAt().toEpochMilli()) + "\n");
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

  private static void address(
      Writer w, String name, CheckResult c, AddressResult a, String vantage, String value)
      throws IOException {
    w.write(name + "{check=\"" + escape(c.name()) + "\",address=\"" + escape(a.address()) + "\""
        + vantage + "} " + value + "\n");
  }

  /** {@code failed / samples} to six decimals at most: {@code 0.45}, {@code 0}, {@code 1}. */
  static String ratio(int failed, int samples) {
    if (samples == 0) {
      return "0";
    }
    return BigDecimal.valueOf(failed)
        .divide(BigDecimal.valueOf(samples), 6, RoundingMode.HALF_UP)
        .stripTrailingZeros()
        .toPlainString();
  }

  /** Milliseconds as seconds with three decimals, exactly (no String.format per check). */
  private static String seconds(long millis) {
    return BigDecimal.valueOf(millis, 3).toPlainString();
  }

  /** Label values escape backslash, double quote and line feed, as the format requires. */
  static String escape(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }
}
