package io.github.sitehealth.core.dns;

import java.time.Duration;

/**
 * The time one check may take, every query included, and how long one try of one query may wait
 * before it is sent again (UDP loses packets; a single lost datagram must not fail a check).
 */
final class Budget {

  private static final long MIN_TRY_NANOS = Duration.ofMillis(100).toNanos();
  private static final long MAX_TRY_NANOS = Duration.ofSeconds(5).toNanos();

  private final long deadline;
  private final long perTryNanos;
  private final long timeoutMs;

  private Budget(Duration timeout) {
    this.deadline = System.nanoTime() + timeout.toNanos();
    this.perTryNanos = Math.max(MIN_TRY_NANOS, Math.min(MAX_TRY_NANOS, timeout.toNanos() / 3));
    this.timeoutMs = timeout.toMillis();
  }

  /** A budget of {@code timeout}, starting now. */
  static Budget of(Duration timeout) {
    return new Budget(timeout);
  }

  long remainingNanos() {
    return deadline - System.nanoTime();
  }

  boolean exhausted() {
    return remainingNanos() <= 0;
  }

  /**
   * How long the next try may wait: the per-try timeout, or less near the deadline; zero when none
   * is left.
   */
  Duration nextTry() {
    long remaining = remainingNanos();
    return remaining <= 0 ? Duration.ZERO : Duration.ofNanos(Math.min(perTryNanos, remaining));
  }

  /** The whole budget, for messages. */
  long timeoutMs() {
    return timeoutMs;
  }
}
