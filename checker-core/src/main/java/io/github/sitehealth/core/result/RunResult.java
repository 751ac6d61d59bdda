package io.github.sitehealth.core.result;

import java.time.Instant;
import java.util.List;

/** Every check of one run, in configuration order. */
public record RunResult(Instant startedAt, long durationMs, List<CheckResult> checks) {

  public RunResult {
    checks = List.copyOf(checks);
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
