package io.github.sitehealth.core.result;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Every check of one run, in configuration order.
 *
 * @param startedAt when the run started
 * @param durationMs how long the run took, in milliseconds
 * @param checks every check's result
 * @param vantage where the run checked from ({@code <vantage>}, e.g. {@code eu-west}), when named;
 *     a result merged from several vantages has none (each check says what each one saw)
 * @param shard the share of the checks this run ran ({@code <shard>}), when it ran one
 */
public record RunResult(
    Instant startedAt,
    long durationMs,
    List<CheckResult> checks,
    Optional<String> vantage,
    Optional<Shard> shard) {

  public RunResult {
    checks = List.copyOf(checks);
  }

  /** A run of every check, from a place without a name. */
  public RunResult(Instant startedAt, long durationMs, List<CheckResult> checks) {
    this(startedAt, durationMs, checks, Optional.empty(), Optional.empty());
  }

  /** The same run with other check results (masked, linked to other runbooks), its labels kept. */
  public RunResult withChecks(List<CheckResult> other) {
    return new RunResult(startedAt, durationMs, other, vantage, shard);
  }

  /** The same run, recorded as checked from {@code where} and as the share {@code share}. */
  public RunResult withLabels(Optional<String> where, Optional<Shard> share) {
    return new RunResult(startedAt, durationMs, checks, where, share);
  }

  public long count(CheckStatus status) {
    return checks.stream().filter(c -> c.status() == status).count();
  }

  public List<CheckResult> down() {
    return checks.stream().filter(c -> c.status() == CheckStatus.DOWN).toList();
  }

  /** The {@code n} checks that took longest, longest first. */
  public List<CheckResult> slowest(int n) {
    return checks.stream()
        .sorted(java.util.Comparator.comparingLong(CheckResult::durationMs).reversed())
        .limit(n)
        .toList();
  }

  /** {@code site-health: 5 checks, 4 UP, 0 DEGRADED, 1 DOWN}. */
  public String summaryLine() {
    return String.format(
        "site-health: %d check%s, %d UP, %d DEGRADED, %d DOWN",
        checks.size(),
        checks.size() == 1 ? "" : "s",
        count(CheckStatus.UP),
        count(CheckStatus.DEGRADED),
        count(CheckStatus.DOWN));
  }
}
