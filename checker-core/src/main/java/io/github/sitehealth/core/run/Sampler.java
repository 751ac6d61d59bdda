package io.github.sitehealth.core.run;

import io.github.sitehealth.core.diagnose.Diagnosis;
import io.github.sitehealth.core.diagnose.Failure;
import io.github.sitehealth.core.diagnose.Runbooks;
import io.github.sitehealth.core.http.HostResolver;
import io.github.sitehealth.core.http.HttpSnapshot;
import io.github.sitehealth.core.report.PartialText;
import io.github.sitehealth.core.result.AddressResult;
import io.github.sitehealth.core.result.Attempt;
import io.github.sitehealth.core.result.CheckResult;
import io.github.sitehealth.core.result.CheckStatus;
import io.github.sitehealth.core.result.Finding;
import io.github.sitehealth.core.result.FindingCode;
import io.github.sitehealth.core.result.Sample;
import io.github.sitehealth.core.result.Sampling;
import io.github.sitehealth.core.spec.AddressMode;
import io.github.sitehealth.core.spec.EndpointSpec;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends an endpoint's {@code <samples>} requests, spread evenly over {@code <sampleWindowMs>}
 * (sample i starts at i x window / samples), each to every address {@code <addresses>} selects.
 * Each sample is one request without retries, with the check's timeout. The whole sampling ends
 * by the window plus the timeout: each address's first sample gets the whole timeout, a later
 * request no more than the time left until then, and none is sent after it. A later request that
 * times out only because that time ran out is not counted (neither passed nor failed: the server
 * was not given its timeout); the evidence says how many. The check holds one slot of the
 * per-host limit and has one request in flight at a time; it sends at most {@link
 * EndpointSpec#MAX_SAMPLES} x {@link EndpointSpec#MAX_ADDRESSES} requests.
 *
 * <p>Any failed sample makes the check at least DEGRADED; a failure rate above {@code
 * <maxFailureRate>} percent (per address when addresses are probed on their own) makes it DOWN.
 * Some samples failing is {@code SOME_REQUESTS_FAIL}; every sample failing is the failure's own
 * code; an address failing while others pass is {@code SOME_ADDRESSES_FAIL}. Each address with
 * failures gets the usual diagnosis of its most frequent failure, the origin asked once.
 */
final class Sampler {

  private static final String CUT_SHORT =
      "they timed out when the sampling's time (window + timeout) ran out, before their own timeout";

  private final HttpCheck check;
  private final HostResolver resolver;

  Sampler(HttpCheck check, HostResolver resolver) {
    this.check = check;
    this.resolver = resolver;
  }

  /** What one target (an address, or whichever the resolver picks) saw over the samples. */
  private static final class Bucket {
    final Optional<InetAddress> address;
    int samples;
    int failed;
    String lastObserved = "";
    long lastMs;
    final Map<FindingCode, Integer> codes = new LinkedHashMap<>();
    final Map<FindingCode, Failure> firstFailure = new LinkedHashMap<>();
    Diagnosis.Verdict verdict;

    Bucket(Optional<InetAddress> address) {
      this.address = address;
    }

    FindingCode mostFrequent() {
      return codes.entrySet().stream()
          .max(Map.Entry.comparingByValue())
          .map(Map.Entry::getKey)
          .orElseThrow();
    }

    double rate() {
      return samples == 0 ? 0 : 100.0 * failed / samples;
    }
  }

  CheckResult run(EndpointSpec spec) {
    Instant startedAt = Instant.now();
    long start = System.nanoTime();
    List<Optional<InetAddress>> targets = new ArrayList<>();
    boolean perAddress = false;
    Targets resolved = null;
    if (spec.addresses() != AddressMode.FIRST) {
      resolved = Targets.of(spec, resolver);
      if (!resolved.lookupFailed() && resolved.addresses().isEmpty()) {
        return resolved.noAddressOfTheFamily(spec, startedAt, start);
      }
      perAddress = !resolved.lookupFailed();
      resolved.addresses().forEach(a -> targets.add(Optional.of(a)));
    }
    if (targets.isEmpty()) {
      targets.add(Optional.empty());
    }

    List<Bucket> buckets = targets.stream().map(Bucket::new).toList();
    List<Sample> failures = new ArrayList<>();
    List<Long> durations = new ArrayList<>();
    long window = spec.sampleWindow().toNanos();
    long timeout = spec.timeout().toNanos();
    long deadline = start + window + timeout;
    int n = spec.samples();
    int index = 0;
    int cutShort = 0;
    sampling:
    for (int i = 0; i < n && !Thread.currentThread().isInterrupted(); i++) {
      waitUntil(start + window / n * i);
      for (Bucket b : buckets) {
        // every address's first sample gets the whole timeout; later ones what is left of it
        long budget = b.samples == 0 ? timeout : Math.min(deadline - System.nanoTime(), timeout);
        if (budget <= 0) {
          break sampling;
        }
        Instant at = Instant.now();
        HttpCheck.Probed p = check.sample(spec, b.address, Duration.ofNanos(budget));
        if (budget < timeout && p.failure().map(f -> isTimeout(f.code())).orElse(false)) {
          // the sampling's time ran out, not the server's: no answer either way
          cutShort++;
          continue;
        }
        index++;
        long ms = p.outcome().durationMs();
        durations.add(ms);
        b.samples++;
        b.lastMs = ms;
        b.lastObserved = p.failure().map(Failure::detail).orElse(p.outcome().describe());
        if (p.failure().isPresent()) {
          Failure f = p.failure().get();
          b.failed++;
          b.codes.merge(f.code(), 1, Integer::sum);
          b.firstFailure.putIfAbsent(f.code(), f);
          failures.add(new Sample(index, at, ms, b.address.map(Targets::text),
              p.outcome().response().map(HttpSnapshot::status), f.code(), f.detail()));
        }
      }
    }
    for (Bucket b : buckets) {
      if (b.failed > 0) {
        b.verdict = check.diagnose(spec, b.firstFailure.get(b.mostFrequent()), true, b.address);
      }
    }

    int sent = buckets.stream().mapToInt(b -> b.samples).sum();
    int failed = failures.size();
    Sampling sampling = new Sampling(sent, failed, spec.sampleWindow().toMillis(),
        spec.maxFailureRate(), failures);
    List<AddressResult> rows = new ArrayList<>();
    if (perAddress) {
      for (Bucket b : buckets) {
        boolean down = b.failed > 0 && b.rate() > spec.maxFailureRate();
        CheckStatus status = b.failed == 0 ? CheckStatus.UP
            : down ? CheckStatus.DOWN : CheckStatus.DEGRADED;
        rows.add(new AddressResult(Targets.text(b.address.orElseThrow()), status, b.lastObserved,
            b.verdict == null ? Optional.empty() : Optional.of(b.mostFrequent()),
            b.verdict == null ? Optional.empty() : Optional.of(b.verdict.finding().hop()),
            b.lastMs, b.samples, b.failed));
      }
    }
    Verdict verdict = verdict(spec, buckets, rows, sampling, resolved, cutShort);
    durations.sort(null);
    long median = durations.isEmpty() ? 0 : durations.get(durations.size() / 2);
    String observed = failed + " of " + sent + " samples fail"
        + (failed == 0 ? "" : " (" + Partial.percent(sampling.failureRate()) + ")")
        + (perAddress ? "; " + Partial.observed(rows) : "; last: " + buckets.get(0).lastObserved);
    Attempt summary = new Attempt(1, startedAt, median, Optional.empty(),
        sent + " samples, " + failed + " failed, median " + median + " ms"
            + (cutShort == 0 ? "" : ", " + cutShort + " not counted (" + CUT_SHORT + ")"),
        failed == 0);
    return new CheckResult(spec.name(), spec.kind(), spec.target(), verdict.status(), observed,
        verdict.finding(), List.of(summary), startedAt, (System.nanoTime() - start) / 1_000_000,
        rows, Optional.of(sampling));
  }

  private record Verdict(CheckStatus status, Optional<Finding> finding) {}

  private static Verdict verdict(EndpointSpec spec, List<Bucket> buckets,
      List<AddressResult> rows, Sampling sampling, Targets targets, int cutShort) {
    if (sampling.failed() == 0) {
      return new Verdict(CheckStatus.UP, Optional.empty());
    }
    Bucket worst = buckets.stream().filter(b -> b.failed > 0)
        .max((a, b) -> Double.compare(a.rate(), b.rate())).orElseThrow();
    Finding diagnosed = worst.verdict.finding();
    List<String> evidence = new ArrayList<>();
    evidence.add("samples: " + sampling.samples() + " over " + sampling.windowMs() + " ms, "
        + sampling.failed() + " failed (" + Partial.percent(sampling.failureRate())
        + "), at most " + Partial.percent(spec.maxFailureRate()) + " allowed"
        + (rows.isEmpty() ? "" : " per address"));
    evidence.add("failures by code: " + codes(buckets));
    if (cutShort > 0) {
      evidence.add(cutShort + " more samples not counted: " + CUT_SHORT);
    }
    evidence.addAll(Partial.addressLines(rows));
    if (targets != null && targets.leftOut(spec) > 0) {
      evidence.add(targets.leftOut(spec) + " more addresses not probed (at most "
          + EndpointSpec.MAX_ADDRESSES + ")");
    }
    int listed = Math.min(PartialText.MAX_LISTED_SAMPLES, sampling.failures().size());
    sampling.failures().subList(0, listed).forEach(s -> evidence.add(PartialText.sample(s)));
    if (sampling.failures().size() > listed) {
      evidence.add(PartialText.more(sampling.failures().size() - listed) + " failed samples");
    }
    evidence.add("diagnosis of " + worst.mostFrequent().id()
        + worst.address.map(a -> " on " + Targets.text(a)).orElse("") + ":");
    diagnosed.evidence().forEach(line -> evidence.add("  " + line));
    boolean originProbed = buckets.stream()
        .anyMatch(b -> b.verdict != null && b.verdict.finding().originProbed());

    if (sampling.failed() == sampling.samples()) {
      String summary = "All " + sampling.samples() + " samples fail (" + codes(buckets) + "). "
          + diagnosed.summary();
      return new Verdict(worst.verdict.status(), Optional.of(new Finding(diagnosed.code(),
          diagnosed.hop(), summary, diagnosed.runbook(), evidence, originProbed)));
    }
    boolean someAddressClean = rows.stream().anyMatch(r -> r.failedSamples() == 0);
    boolean someAddressDown = rows.stream().anyMatch(r -> r.status() == CheckStatus.DOWN);
    if (someAddressDown && someAddressClean) {
      FindingCode code = FindingCode.SOME_ADDRESSES_FAIL;
      String summary = Partial.addressSummary(rows) + " On "
          + worst.address.map(Targets::text).orElseThrow() + ": " + diagnosed.summary();
      return new Verdict(CheckStatus.DOWN, Optional.of(new Finding(code, diagnosed.hop(),
          summary, Runbooks.link(code, diagnosed.hop()), evidence, originProbed)));
    }
    boolean down = rows.isEmpty()
        ? sampling.failureRate() > spec.maxFailureRate()
        : someAddressDown;
    FindingCode code = FindingCode.SOME_REQUESTS_FAIL;
    String summary = sampling.failed() + " of " + sampling.samples() + " samples fail ("
        + Partial.percent(sampling.failureRate()) + "; at most "
        + Partial.percent(spec.maxFailureRate()) + " allowed): " + codes(buckets) + "."
        + (rows.size() > 1 ? " " + spread(rows) : "") + " "
        + worst.address.map(a -> "On " + Targets.text(a) + ": ").orElse("")
        + diagnosed.summary();
    return new Verdict(down ? CheckStatus.DOWN : CheckStatus.DEGRADED,
        Optional.of(new Finding(code, diagnosed.hop(), summary,
            Runbooks.link(code, diagnosed.hop()), evidence, originProbed)));
  }

  /**
   * Whether the failures sit on some addresses only (bad nodes) or on every one (not a node, but
   * what they share: the origin behind them, or the pool they proxy to).
   */
  private static String spread(List<AddressResult> rows) {
    List<AddressResult> failing = rows.stream().filter(r -> r.failedSamples() > 0).toList();
    if (failing.size() < rows.size()) {
      List<String> where = failing.stream()
          .map(r -> r.address() + " (" + r.failedSamples() + " of " + r.samples() + ")")
          .toList();
      return "Every failure is on " + String.join(", ", where) + ", none on the other "
          + "addresses: " + (failing.size() == 1 ? "one bad node." : "bad nodes.");
    }
    return "The failures are spread over every address (" + rows.size()
        + "): not one node, but what they share.";
  }

  /** {@code HTTP_502 x7, CONNECTION_RESET x1}. */
  private static String codes(List<Bucket> buckets) {
    Map<FindingCode, Integer> all = new LinkedHashMap<>();
    buckets.forEach(b -> b.codes.forEach((c, k) -> all.merge(c, k, Integer::sum)));
    List<String> parts = new ArrayList<>();
    all.forEach((c, k) -> parts.add(c.id() + " x" + k));
    return String.join(", ", parts);
  }

  private static boolean isTimeout(FindingCode code) {
    return code == FindingCode.READ_TIMEOUT || code == FindingCode.CONNECT_TIMEOUT
        || code == FindingCode.DNS_TIMEOUT;
  }

  /** Waits until {@code nanoTime}; returns early when interrupted. */
  private static void waitUntil(long nanoTime) {
    long left;
    while ((left = nanoTime - System.nanoTime()) > 0 && !Thread.currentThread().isInterrupted()) {
      LockSupport.parkNanos(left);
    }
  }
}
