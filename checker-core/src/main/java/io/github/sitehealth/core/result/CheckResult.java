package io.github.sitehealth.core.result;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The result of one check.
 *
 * @param name the check's name
 * @param kind {@code http}, {@code dns} or {@code tcp}
 * @param target what was checked (a URL, or a record name and type)
 * @param status UP, DEGRADED or DOWN
 * @param observed what the last attempt saw, in words
 * @param finding the diagnosis; present for every DOWN and for some DEGRADED checks
 * @param attempts every attempt, in order
 * @param startedAt when the check started
 * @param durationMs the whole check, every attempt and backoff included
 * @param addresses each address probed on its own, in the resolver's order; empty when the
 *     check probed only the first one ({@code <addresses>first</addresses>})
 * @param sampling the samples, when the check sent more than one ({@code <samples>})
 * @param vantages what each vantage saw of the check, in the order the vantages were merged;
 *     empty for a run from one place that was not merged ({@code site-health:merge})
 * @param group the component the check belongs to on the status page ({@code <group>}), when
 *     it has one
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
    long durationMs,
    List<AddressResult> addresses,
    Optional<Sampling> sampling,
    List<VantageResult> vantages,
    Optional<String> group) {

  /**
   * The heading the status page gives the checks without a group, on a page where others have
   * one. No {@code <group>} may read as it: the page would show two components alike.
   */
  public static final String UNGROUPED = "Other checks";

  public CheckResult {
    attempts = List.copyOf(attempts);
    addresses = List.copyOf(addresses);
    vantages = List.copyOf(vantages);
  }

  /** A result without a group. */
  public CheckResult(
      String name,
      String kind,
      String target,
      CheckStatus status,
      String observed,
      Optional<Finding> finding,
      List<Attempt> attempts,
      Instant startedAt,
      long durationMs,
      List<AddressResult> addresses,
      Optional<Sampling> sampling,
      List<VantageResult> vantages) {
    this(name, kind, target, status, observed, finding, attempts, startedAt, durationMs, addresses,
        sampling, vantages, Optional.empty());
  }

  /** A result from one place, as a run writes it before any merge. */
  public CheckResult(
      String name,
      String kind,
      String target,
      CheckStatus status,
      String observed,
      Optional<Finding> finding,
      List<Attempt> attempts,
      Instant startedAt,
      long durationMs,
      List<AddressResult> addresses,
      Optional<Sampling> sampling) {
    this(name, kind, target, status, observed, finding, attempts, startedAt, durationMs, addresses,
        sampling, List.of());
  }

  /** A result of one address and one sample (or one attempt sequence). */
  public CheckResult(
      String name,
      String kind,
      String target,
      CheckStatus status,
      String observed,
      Optional<Finding> finding,
      List<Attempt> attempts,
      Instant startedAt,
      long durationMs) {
    this(name, kind, target, status, observed, finding, attempts, startedAt, durationMs, List.of(),
        Optional.empty());
  }

  /** The same result with another finding (e.g. linking another runbook). */
  public CheckResult withFinding(Optional<Finding> other) {
    return new CheckResult(name, kind, target, status, observed, other, attempts, startedAt,
        durationMs, addresses, sampling, vantages, group);
  }

  /** The same result in another group ({@code <group>}), or in none. */
  public CheckResult withGroup(Optional<String> other) {
    return new CheckResult(name, kind, target, status, observed, finding, attempts, startedAt,
        durationMs, addresses, sampling, vantages, other);
  }

  /**
   * The same result with another status, observation and finding, and what each vantage saw: the
   * verdict over several vantages.
   */
  public CheckResult merged(
      CheckStatus verdict, String seen, Optional<Finding> diagnosis, List<VantageResult> seenFrom) {
    return new CheckResult(name, kind, target, verdict, seen, diagnosis, attempts, startedAt,
        durationMs, addresses, sampling, seenFrom, group);
  }

  /** Latency of the last attempt, the figure to show next to the status. */
  public long latencyMs() {
    return attempts.isEmpty() ? durationMs : attempts.get(attempts.size() - 1).durationMs();
  }
}
