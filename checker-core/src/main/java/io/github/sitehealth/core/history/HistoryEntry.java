package io.github.sitehealth.core.history;

import io.github.sitehealth.core.result.CheckResult;
import io.github.sitehealth.core.result.CheckStatus;
import io.github.sitehealth.core.result.Finding;
import io.github.sitehealth.core.result.Hop;
import io.github.sitehealth.core.result.RunResult;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One run as the history keeps it: per check only what uptime bars and trends need, so that
 * hundreds of runs stay a small file.
 *
 * @param startedAt when the run started; identifies the run
 * @param durationMs how long the whole run took
 * @param checks one sample per check, in configuration order
 * @param vantage where the run checked from ({@code <vantage>}), when named; empty for a line
 *     written before runs had names, and for a result merged from several vantages
 */
public record HistoryEntry(
    Instant startedAt, long durationMs, List<CheckSample> checks, Optional<String> vantage) {

  /**
   * One check in one run.
   *
   * @param name the check's name
   * @param status UP, DEGRADED or DOWN
   * @param latencyMs latency of the last attempt
   * @param code the finding code, when there was a finding
   * @param hop the hop the finding blamed, when there was a finding
   */
  public record CheckSample(
      String name, CheckStatus status, long latencyMs, Optional<String> code, Optional<Hop> hop) {}

  public HistoryEntry {
    checks = List.copyOf(checks);
  }

  /** A run from a place without a name. */
  public HistoryEntry(Instant startedAt, long durationMs, List<CheckSample> checks) {
    this(startedAt, durationMs, checks, Optional.empty());
  }

  /** The history entry for a finished run. */
  public static HistoryEntry of(RunResult run) {
    return new HistoryEntry(
        run.startedAt(), run.durationMs(), run.checks().stream().map(HistoryEntry::sample).toList(),
        run.vantage());
  }

  private static CheckSample sample(CheckResult c) {
    return new CheckSample(
        c.name(), c.status(), c.latencyMs(),
        c.finding().map(f -> f.code().id()), c.finding().map(Finding::hop));
  }

  /** The sample of the named check, when it was part of this run. */
  public Optional<CheckSample> check(String name) {
    return checks.stream().filter(c -> c.name().equals(name)).findFirst();
  }
}
