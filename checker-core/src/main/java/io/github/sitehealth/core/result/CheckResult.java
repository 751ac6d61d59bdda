package io.github.sitehealth.core.result;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The result of one check.
 *
 * @param name the check's name
 * @param kind {@code http} or {@code dns}
 * @param target what was checked (a URL, or a record name and type)
 * @param status UP, DEGRADED or DOWN
 * @param observed what the last attempt saw, in words
 * @param finding the diagnosis; present for every DOWN and for some DEGRADED checks
 * @param attempts every attempt, in order
 * @param startedAt when the check started
 * @param durationMs the whole check, every attempt and backoff included
 */
public record CheckResult(
    String name,
    String kind,
    String target,
    CheckStatus status,
    String observed,
    Optional<Finding> finding,
    List<Attempt> attempts,
    Instant startedAt,
    long durationMs) {

  public CheckResult {
    attempts = List.copyOf(attempts);
  }

  /** Latency of the last attempt, the figure to show next to the status. */
  public long latencyMs() {
    return attempts.isEmpty() ? durationMs : attempts.get(attempts.size() - 1).durationMs();
  }
}
