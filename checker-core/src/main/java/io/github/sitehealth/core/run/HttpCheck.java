package io.github.sitehealth.core.run;

import io.github.sitehealth.core.check.Check;
import io.github.sitehealth.core.diagnose.CertificateExpiry;
import io.github.sitehealth.core.diagnose.Diagnosis;
import io.github.sitehealth.core.diagnose.Expectations;
import io.github.sitehealth.core.diagnose.Failure;
import io.github.sitehealth.core.diagnose.RetryPolicy;
import io.github.sitehealth.core.http.HostResolver;
import io.github.sitehealth.core.http.HttpProbe;
import io.github.sitehealth.core.http.HttpSnapshot;
import io.github.sitehealth.core.http.ProbeOutcome;
import io.github.sitehealth.core.http.ProbeRequest;
import io.github.sitehealth.core.result.Attempt;
import io.github.sitehealth.core.result.CheckResult;
import io.github.sitehealth.core.result.CheckStatus;
import io.github.sitehealth.core.result.Finding;
import io.github.sitehealth.core.result.FindingCode;
import io.github.sitehealth.core.spec.AddressMode;
import io.github.sitehealth.core.spec.EndpointSpec;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs one endpoint check: attempts with backoff inside the check's deadline (a failure is tried
 * again only when {@link RetryPolicy#retriable} says a retry can change it), then, when the
 * public URL failed and an origin is configured, one direct probe of the origin for the diagnosis.
 * With {@code <addresses>} other than {@code first} this runs once per address of the host ({@link
 * AddressSweep}); with {@code <samples>} above 1 the requests are sampled instead ({@link
 * Sampler}).
 */
public final class HttpCheck implements Check<EndpointSpec> {

  /** The first backoff; each further one doubles. */
  static final Duration FIRST_BACKOFF = Duration.ofMillis(200);

  private final HttpProbe probe;
  private final HostResolver resolver;

  /** A check whose {@code <addresses>} are looked up through the system's resolver. */
  public HttpCheck(HttpProbe probe) {
    this(probe, HostResolver.SYSTEM);
  }

  /**
   * @param probe sends the requests
   * @param resolver looks up every address of the host for {@code <addresses>} other than {@code
   *     first}: the same resolver the probe uses
   */
  public HttpCheck(HttpProbe probe, HostResolver resolver) {
    this.probe = probe;
    this.resolver = resolver;
  }

  /** The public URL's {@code host:port}. */
  @Override
  public String limitKey(EndpointSpec spec) {
    return spec.hostKey();
  }

  @Override
  public CheckResult run(EndpointSpec spec) {
    if (spec.samples() > 1) {
      return new Sampler(this, resolver).run(spec);
    }
    if (spec.addresses() != AddressMode.FIRST) {
      return new AddressSweep(this, resolver).run(spec);
    }
    return attempts(spec, Optional.empty());
  }

  /**
   * Today's check of one address: attempts with backoff, then the diagnosis.
   *
   * @param address the address to connect to, keeping the URL's host for Host and TLS; empty:
   *     whichever the resolver returns first
   */
  CheckResult attempts(EndpointSpec spec, Optional<InetAddress> address) {
    Instant startedAt = Instant.now();
    long start = System.nanoTime();
    long deadline = start + spec.timeout().toNanos();
    List<Attempt> attempts = new ArrayList<>();
    Failure firstFailure = null;
    Failure lastFailure = null;
    ProbeOutcome last = null;
    boolean passed = false;
    long longestAnswerMs = 0;

    for (int n = 1; n <= spec.retries() + 1; n++) {
      long remaining = deadline - System.nanoTime();
      if (remaining <= 0) {
        break;
      }
      Instant attemptStart = Instant.now();
      last =
          probe.fetch(
              new ProbeRequest(
                  spec.url(),
                  spec.headers(),
                  Duration.ofNanos(remaining),
                  address,
                  spec.followRedirects()));
      Optional<Failure> failure = Expectations.evaluate(spec, last);
      attempts.add(
          new Attempt(
              n,
              attemptStart,
              last.durationMs(),
              last.response().map(HttpSnapshot::status),
              failure.map(Failure::detail).orElse(last.describe()),
              failure.isEmpty()));
      if (failure.isEmpty()) {
        passed = true;
        break;
      }
      if (!cutShortByTheDeadline(failure.get(), remaining, longestAnswerMs)) {
        lastFailure = failure.get();
      }
      if (last.response().isPresent()) {
        longestAnswerMs = Math.max(longestAnswerMs, last.durationMs());
      }
      if (firstFailure == null) {
        firstFailure = lastFailure;
      }
      if (n > spec.retries()
          || !RetryPolicy.retriable(lastFailure.code())
          || !sleepBackoff(n, retryAfter(last), deadline)) {
        break;
      }
    }

    CheckStatus status;
    Optional<Finding> finding;
    if (passed && firstFailure == null) {
      // Every expectation held: only a certificate about to expire or a latency over the warning
      // budget is worth a warning.
      ProbeOutcome answer = last;
      finding = CertificateExpiry.check(spec, answer.response().orElseThrow(), Instant.now())
          .or(() -> slowerThanWarned(spec, answer));
      status = finding.isPresent() ? CheckStatus.DEGRADED : CheckStatus.UP;
    } else if (passed) {
      // It cleared on a retry: a transient failure, reported with its original code.
      status = CheckStatus.DEGRADED;
      finding = Optional.of(diagnose(spec, firstFailure, false, address).finding());
    } else {
      Diagnosis.Verdict verdict = diagnose(spec, lastFailure, true, address);
      finding = Optional.of(verdict.finding());
      status = verdict.status();
    }
    String observed = lastFailure != null && !passed
        ? lastFailure.detail()
        : last.describe();
    return new CheckResult(
        spec.name(),
        "http",
        spec.url().toString(),
        status,
        observed,
        finding,
        attempts,
        startedAt,
        (System.nanoTime() - start) / 1_000_000);
  }

  /** A passing answer slower than {@code <warnLatencyMs>}: DEGRADED, not DOWN. */
  private static Optional<Finding> slowerThanWarned(EndpointSpec spec, ProbeOutcome outcome) {
    long ms = outcome.durationMs();
    if (spec.warnLatency().isEmpty() || ms <= spec.warnLatency().get().toMillis()) {
      return Optional.empty();
    }
    Failure slow = new Failure(
        FindingCode.LATENCY_BUDGET,
        ms + " ms (warning budget " + spec.warnLatency().get().toMillis() + " ms)",
        outcome);
    return Optional.of(Diagnosis.diagnose(
        new Diagnosis.Case(spec.url(), slow, spec.originProbeUrl(), Optional.empty(), Optional.empty())));
  }

  /**
   * One request of a sample: no retry.
   *
   * @param budget its deadline: the check's timeout, or less when the sampling's end is nearer
   * @return the outcome and the expectation that failed, if any
   */
  Probed sample(EndpointSpec spec, Optional<InetAddress> address, Duration budget) {
    ProbeOutcome outcome =
        probe.fetch(
            new ProbeRequest(
                spec.url(), spec.headers(), budget, address, spec.followRedirects()));
    return new Probed(outcome, Expectations.evaluate(spec, outcome));
  }

  /** A request's outcome and the expectation it failed, if any. */
  record Probed(ProbeOutcome outcome, Optional<Failure> failure) {}

  /**
   * @param address the address the URL's host was connected at, named by a connection failure;
   *     empty: the host's own lookup
   */
  Diagnosis.Verdict diagnose(
      EndpointSpec spec, Failure failure, boolean probeOrigin, Optional<InetAddress> address) {
    Optional<URI> originUrl = spec.originProbeUrl();
    Optional<ProbeOutcome> origin = Optional.empty();
    Optional<Failure> originFailure = Optional.empty();
    if (probeOrigin && originUrl.isPresent() && worthProbingOrigin(failure)) {
      // The origin gets one attempt of its own, with the check's timeout: when the edge used the
      // whole deadline waiting for it, the origin's slowness is exactly what must be measured.
      ProbeOutcome outcome =
          probe.fetch(
              new ProbeRequest(
                  originUrl.get(),
                  spec.headers(),
                  spec.timeout(),
                  spec.originAddress(),
                  spec.followRedirects()));
      origin = Optional.of(outcome);
      originFailure = Expectations.evaluateOrigin(spec, outcome, failure);
    }
    return Diagnosis.verdict(
        new Diagnosis.Case(
            spec.url(), failure, originUrl, origin, originFailure, spec.failOnProbeBlocked(),
            address));
  }

  /**
   * DNS, connection and TLS failures of the public URL are about the path to the edge itself:
   * the origin's health cannot change that diagnosis.
   */
  private static boolean worthProbingOrigin(Failure failure) {
    FindingCode code = failure.code();
    return !(code.is(FindingCode.Kind.DNS)
        || code.is(FindingCode.Kind.FORBIDDEN_TARGET)
        || code.is(FindingCode.Kind.CONNECTION)
        || code.is(FindingCode.Kind.TLS));
  }

  /**
   * A retry that timed out with less time left than an earlier attempt took to answer in full:
   * the check's own deadline cut it short, so it says nothing new about the server, and the
   * earlier attempts' failure (say {@code LATENCY_BUDGET}) stays the verdict.
   */
  private static boolean cutShortByTheDeadline(Failure failure, long budgetNanos, long longestAnswerMs) {
    boolean timedOut = failure.code().equals(FindingCode.READ_TIMEOUT)
        || failure.code().equals(FindingCode.CONNECT_TIMEOUT);
    return timedOut && budgetNanos / 1_000_000 < longestAnswerMs;
  }

  /** What the answer's {@code Retry-After} asks for, when it has one (RFC 9110 §10.2.3). */
  private static Duration retryAfter(ProbeOutcome outcome) {
    return outcome.response()
        .flatMap(r -> RetryPolicy.retryAfter(r.field("retry-after"), Instant.now()))
        .orElse(Duration.ZERO);
  }

  /**
   * Sleeps before the next attempt: the backoff, or longer when the server asked for it with
   * {@code Retry-After}; false when the deadline leaves no room for an attempt after that.
   */
  private static boolean sleepBackoff(int attempt, Duration retryAfter, long deadline) {
    long backoff = Math.max(FIRST_BACKOFF.toNanos() << Math.min(attempt - 1, 6),
        Math.min(retryAfter.toNanos(), Duration.ofDays(1).toNanos()));
    long remaining = deadline - System.nanoTime();
    if (remaining <= backoff) {
      return false;
    }
    try {
      Thread.sleep(backoff / 1_000_000, (int) (backoff % 1_000_000));
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
