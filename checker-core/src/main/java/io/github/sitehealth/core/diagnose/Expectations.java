package io.github.sitehealth.core.diagnose;

import io.github.sitehealth.core.http.HttpSnapshot;
import io.github.sitehealth.core.http.ProbeError;
import io.github.sitehealth.core.http.ProbeOutcome;
import io.github.sitehealth.core.spec.EndpointSpec;
import java.time.Duration;
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
              "HTTP_" + response.status(),
              response.statusLine() + " (expected " + spec.expectStatus() + ")",
              outcome));
    }
    for (Map.Entry<String, Pattern> e : spec.expectHeaders().entrySet()) {
      Optional<String> value = response.header(e.getKey());
      if (value.isEmpty() || !e.getValue().matcher(value.get()).find()) {
        return Optional.of(
            new Failure(
                "HEADER_MISMATCH",
                "header " + e.getKey() + ": "
                    + value.map(v -> "\"" + v + "\"").orElse("missing")
                    + " (expected /" + e.getValue().pattern() + "/)",
                outcome));
      }
    }
    if (spec.maxLatency().isPresent()) {
      Duration budget = spec.maxLatency().get();
      if (response.totalMs() > budget.toMillis()) {
        return Optional.of(
            new Failure(
                "LATENCY_BUDGET",
                response.totalMs() + " ms (budget " + budget.toMillis() + " ms)",
                outcome));
      }
    }
    return Optional.empty();
  }

  /** The contract's finding code for a delivery failure. */
  static String code(ProbeError error) {
    return switch (error) {
      case UNKNOWN_HOST -> "DNS_NXDOMAIN";
      case CONNECT_REFUSED -> "CONNECT_REFUSED";
      case CONNECT_TIMEOUT -> "CONNECT_TIMEOUT";
      case TLS -> "TLS_INVALID";
      case READ_TIMEOUT -> "READ_TIMEOUT";
      case CONNECTION_RESET -> "CONNECTION_RESET";
      case PROTOCOL -> "PROTOCOL_ERROR";
      case TOO_MANY_REDIRECTS -> "TOO_MANY_REDIRECTS";
      case OTHER -> "PROBE_ERROR";
    };
  }
}
