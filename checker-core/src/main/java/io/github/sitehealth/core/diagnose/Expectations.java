package io.github.sitehealth.core.diagnose;

import io.github.sitehealth.core.http.HttpSnapshot;
import io.github.sitehealth.core.http.ProbeError;
import io.github.sitehealth.core.http.ProbeOutcome;
import io.github.sitehealth.core.result.FindingCode;
import io.github.sitehealth.core.spec.EndpointSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Checks one attempt's outcome against an endpoint's expectations. */
public final class Expectations {

  private Expectations() {}

  /** The first expectation that failed, or empty when the attempt passed. */
  public static Optional<Failure> evaluate(EndpointSpec spec, ProbeOutcome outcome) {
    if (outcome.error().isPresent()) {
      ProbeError error = outcome.error().get();
      return Optional.of(new Failure(code(error), outcome.describe(), outcome));
    }
    HttpSnapshot response = outcome.response().orElseThrow();
    if (!spec.expectStatus().contains(response.status())) {
      return Optional.of(
          new Failure(
              FindingCode.http(response.status()),
              response.statusLine() + " (expected " + spec.expectStatus() + ")",
              outcome));
    }
    for (Map.Entry<String, Pattern> e : spec.expectHeaders().entrySet()) {
      Optional<String> mismatch = HeaderExpectation.mismatch(response, e.getKey(), e.getValue());
      if (mismatch.isPresent()) {
        return Optional.of(new Failure(FindingCode.HEADER_MISMATCH, mismatch.get(), outcome));
      }
    }
    Optional<BodyExpectation.Miss> body = BodyExpectation.check(spec, response);
    if (body.isPresent()) {
      return Optional.of(new Failure(body.get().code(), body.get().detail(), outcome));
    }
    if (spec.expectCacheable()) {
      Cacheability cacheability =
          Cacheability.judge(response, sendsAuthorization(spec), Instant.now());
      if (!cacheability.servedFromCache()) {
        return Optional.of(new Failure(FindingCode.NOT_CACHEABLE, cacheability.reason(), outcome));
      }
    }
    if (spec.maxLatency().isPresent()) {
      Duration budget = spec.maxLatency().get();
      if (response.totalMs() > budget.toMillis()) {
        return Optional.of(
            new Failure(
                FindingCode.LATENCY_BUDGET,
                response.totalMs() + " ms (budget " + budget.toMillis() + " ms)",
                outcome));
      }
    }
    return Optional.empty();
  }

  /**
   * Checks the origin's direct answer for the diagnosis. The status must be expected; header,
   * body and latency expectations (often the edge's business, e.g. caching headers) count only
   * when they are what failed at the edge: an origin serving the same maintenance page as the
   * edge is to blame for it, but its page is not held against it when the edge answered 502.
   */
  public static Optional<Failure> evaluateOrigin(
      EndpointSpec spec, ProbeOutcome outcome, Failure edgeFailure) {
    Optional<Failure> failure = evaluate(spec, outcome);
    if (failure.isEmpty()) {
      return failure;
    }
    FindingCode code = failure.get().code();
    if (code.is(FindingCode.Kind.EXPECTATION) && !code.equals(edgeFailure.code())) {
      return Optional.empty();
    }
    return failure;
  }

  /** Whether the probe's request carries Authorization: configured, or from the URL's user info. */
  private static boolean sendsAuthorization(EndpointSpec spec) {
    return spec.url().getRawUserInfo() != null
        || spec.headers().keySet().stream().anyMatch(h -> h.equalsIgnoreCase("Authorization"));
  }

  /** The contract's finding code for a delivery failure. */
  public static FindingCode code(ProbeError error) {
    return switch (error) {
      case UNKNOWN_HOST -> FindingCode.DNS_NXDOMAIN;
      case DNS_NODATA -> FindingCode.DNS_NODATA;
      case DNS_SERVFAIL -> FindingCode.DNS_SERVFAIL;
      case DNS_TIMEOUT -> FindingCode.DNS_TIMEOUT;
      case DNS_DANGLING_CNAME -> FindingCode.DNS_DANGLING_CNAME;
      case TARGET_FORBIDDEN -> FindingCode.TARGET_FORBIDDEN;
      case CONNECT_REFUSED -> FindingCode.CONNECT_REFUSED;
      case CONNECT_TIMEOUT -> FindingCode.CONNECT_TIMEOUT;
      case TLS_UNTRUSTED, TLS_EXPIRED, TLS_WRONG_HOST, TLS -> FindingCode.TLS_INVALID;
      case READ_TIMEOUT -> FindingCode.READ_TIMEOUT;
      case CONNECTION_RESET -> FindingCode.CONNECTION_RESET;
      case PROTOCOL -> FindingCode.PROTOCOL_ERROR;
      case TOO_MANY_REDIRECTS -> FindingCode.TOO_MANY_REDIRECTS;
      case OTHER -> FindingCode.PROBE_ERROR;
    };
  }
}
