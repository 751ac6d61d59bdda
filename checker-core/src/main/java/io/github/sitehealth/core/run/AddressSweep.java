package io.github.sitehealth.core.run;

import io.github.sitehealth.core.http.HostResolver;
import io.github.sitehealth.core.result.AddressResult;
import io.github.sitehealth.core.result.Attempt;
import io.github.sitehealth.core.result.CheckResult;
import io.github.sitehealth.core.result.CheckStatus;
import io.github.sitehealth.core.result.Finding;
import io.github.sitehealth.core.result.FindingCode;
import io.github.sitehealth.core.spec.EndpointSpec;
import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks every address of an endpoint's host on its own ({@code <addresses>} all, ipv4 or ipv6),
 * one after the other, each with the check's attempts, timeout and diagnosis, keeping the URL's
 * host for the Host header and TLS (what {@code curl --resolve} does). The check is DOWN when any
 * address is DOWN; when others pass, its finding is {@code SOME_ADDRESSES_FAIL} and names the
 * addresses that fail, how, and the hop.
 */
final class AddressSweep {

  private final HttpCheck check;
  private final HostResolver resolver;

  AddressSweep(HttpCheck check, HostResolver resolver) {
    this.check = check;
    this.resolver = resolver;
  }

  CheckResult run(EndpointSpec spec) {
    Instant startedAt = Instant.now();
    long start = System.nanoTime();
    Targets targets = Targets.of(spec, resolver);
    if (targets.lookupFailed()) {
      // The probe's own lookup says precisely how the name fails (NXDOMAIN, SERVFAIL, ...).
      return check.attempts(spec, Optional.empty());
    }
    if (targets.addresses().isEmpty()) {
      return targets.noAddressOfTheFamily(spec, startedAt, start);
    }
    List<CheckResult> results = new ArrayList<>();
    for (InetAddress address : targets.addresses()) {
      results.add(check.attempts(spec, Optional.of(address)));
    }
    List<AddressResult> rows = new ArrayList<>();
    List<Attempt> attempts = new ArrayList<>();
    for (int i = 0; i < results.size(); i++) {
      CheckResult r = results.get(i);
      String address = Targets.text(targets.addresses().get(i));
      boolean failed = r.status() == CheckStatus.DOWN;
      rows.add(
          new AddressResult(
              address, r.status(), r.observed(),
              r.finding().filter(f -> failed).map(Finding::code),
              r.finding().filter(f -> failed).map(Finding::hop),
              r.latencyMs(), 1, failed ? 1 : 0));
      for (Attempt a : r.attempts()) {
        attempts.add(
            new Attempt(attempts.size() + 1, a.startedAt(), a.durationMs(), a.status(),
                address + ": " + a.outcome(), a.passed()));
      }
    }
    Verdict verdict = verdict(spec, targets, results, rows);
    return new CheckResult(
        spec.name(), spec.kind(), spec.target(), verdict.status(), verdict.observed(),
        verdict.finding(), attempts, startedAt, (System.nanoTime() - start) / 1_000_000, rows,
        Optional.empty());
  }

  private record Verdict(CheckStatus status, String observed, Optional<Finding> finding) {}

  private static Verdict verdict(
      EndpointSpec spec, Targets targets, List<CheckResult> results, List<AddressResult> rows) {
    List<Integer> down = new ArrayList<>();
    List<Integer> degraded = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      if (rows.get(i).status() == CheckStatus.DOWN) {
        down.add(i);
      } else if (rows.get(i).status() == CheckStatus.DEGRADED) {
        degraded.add(i);
      }
    }
    int n = rows.size();
    String observed = Partial.observed(rows);
    if (down.isEmpty()) {
      if (degraded.isEmpty()) {
        return new Verdict(CheckStatus.UP, observed, Optional.empty());
      }
      // A warning on one address (a certificate near expiry, a retry that passed): that one's.
      int first = degraded.get(0);
      Finding f = results.get(first).finding().orElseThrow();
      return new Verdict(CheckStatus.DEGRADED, observed,
          Optional.of(Partial.onAddress(f, rows.get(first).address(), n, rows)));
    }
    Finding firstDown = results.get(down.get(0)).finding().orElseThrow();
    List<String> evidence = new ArrayList<>(Partial.addressLines(rows));
    if (targets.leftOut(spec) > 0) {
      evidence.add(targets.leftOut(spec) + " more addresses not probed (at most "
          + EndpointSpec.MAX_ADDRESSES + ")");
    }
    evidence.add("first failing address " + rows.get(down.get(0)).address() + ":");
    firstDown.evidence().forEach(line -> evidence.add("  " + line));
    boolean originProbed =
        down.stream().anyMatch(i -> results.get(i).finding().orElseThrow().originProbed());
    if (down.size() == n) {
      String summary = (n == 1 ? "The only address fails: "
          : n == 2 ? "Both addresses fail: " : "All " + n + " addresses fail: ")
          + Partial.failures(rows) + ". " + firstDown.summary();
      return new Verdict(CheckStatus.DOWN, observed, Optional.of(new Finding(
          firstDown.code(), firstDown.hop(), summary, firstDown.runbook(), evidence,
          originProbed)));
    }
    String summary = Partial.addressSummary(rows) + " On " + rows.get(down.get(0)).address()
        + ": " + firstDown.summary();
    FindingCode code = FindingCode.SOME_ADDRESSES_FAIL;
    return new Verdict(CheckStatus.DOWN, observed, Optional.of(new Finding(
        code, firstDown.hop(), summary,
        io.github.sitehealth.core.diagnose.Runbooks.link(code, firstDown.hop()), evidence,
        originProbed)));
  }
}
