package io.github.sitehealth.core.diagnose;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sitehealth.core.http.HeaderField;
import io.github.sitehealth.core.http.HttpSnapshot;
import io.github.sitehealth.core.http.ProbeError;
import io.github.sitehealth.core.http.ProbeOutcome;
import io.github.sitehealth.core.result.Finding;
import io.github.sitehealth.core.result.Hop;
import io.github.sitehealth.core.spec.EndpointSpec;
import io.github.sitehealth.core.testing.Endpoint;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The rule table, row by row: what was seen at the edge and the origin, and whom it blames. */
class DiagnosisTest {

  private static final URI URL = URI.create("https://www.example.com/");
  private static final URI ORIGIN = URI.create("https://origin.example.com/");
  private static final EndpointSpec SPEC = Endpoint.named("home", URL.toString()).spec();

  static ProbeOutcome status(int code, String reason, HeaderField... headers) {
    return ProbeOutcome.of(
        new HttpSnapshot(URL, code, reason, List.of(headers), new byte[0], false, 5, 12));
  }

  static ProbeOutcome error(ProbeError error) {
    return ProbeOutcome.failed(error, "detail", 7);
  }

  /** The edge waited 10 s for an answer; the origin's answers here take 12 ms. */
  static ProbeOutcome readTimeout() {
    return ProbeOutcome.failed(ProbeError.READ_TIMEOUT, "no response within 10000 ms", 10_000);
  }

  /** A case as HttpCheck builds it; {@code origin} null means no {@code <origin>} configured. */
  static Diagnosis.Case seen(ProbeOutcome edge, ProbeOutcome origin) {
    Failure failure = Expectations.evaluate(SPEC, edge).orElseThrow();
    if (origin == null) {
      return new Diagnosis.Case(URL, failure, Optional.empty(), Optional.empty(), Optional.empty());
    }
    return new Diagnosis.Case(
        URL, failure, Optional.of(ORIGIN), Optional.of(origin), Expectations.evaluate(SPEC, origin));
  }

  static Stream<Arguments> table() {
    ProbeOutcome ok = status(200, "OK");
    return Stream.of(
        row(error(ProbeError.UNKNOWN_HOST), null,
            "DNS_NXDOMAIN", Hop.DNS, "dns.html#nxdomain"),
        row(error(ProbeError.TARGET_FORBIDDEN), null,
            "TARGET_FORBIDDEN", Hop.NETWORK, "connection-failures.html#target-forbidden"),
        row(error(ProbeError.TARGET_FORBIDDEN), ok,
            "TARGET_FORBIDDEN", Hop.NETWORK, "connection-failures.html#target-forbidden"),
        row(error(ProbeError.CONNECT_REFUSED), null,
            "CONNECT_REFUSED", Hop.NETWORK, "connection-failures.html#connection-refused"),
        row(error(ProbeError.CONNECT_REFUSED), ok,
            "CONNECT_REFUSED", Hop.NETWORK, "connection-failures.html#connection-refused"),
        row(error(ProbeError.CONNECT_TIMEOUT), null,
            "CONNECT_TIMEOUT", Hop.NETWORK, "connection-failures.html#connection-timeout"),
        row(error(ProbeError.CONNECTION_RESET), null,
            "CONNECTION_RESET", Hop.NETWORK, "connection-failures.html#connection-reset"),
        row(error(ProbeError.OTHER), null,
            "PROBE_ERROR", Hop.NETWORK, "connection-failures.html#probe-error"),
        row(error(ProbeError.TLS), ok,
            "TLS_INVALID", Hop.TLS, "tls.html#invalid-certificate"),
        row(error(ProbeError.TLS_UNTRUSTED), null,
            "TLS_INVALID", Hop.TLS, "tls.html#invalid-certificate"),
        row(error(ProbeError.TLS_EXPIRED), null,
            "TLS_INVALID", Hop.TLS, "tls.html#invalid-certificate"),
        row(error(ProbeError.TLS_WRONG_HOST), null,
            "TLS_INVALID", Hop.TLS, "tls.html#invalid-certificate"),
        row(status(502, "Bad Gateway"), status(502, "Bad Gateway"),
            "HTTP_502", Hop.ORIGIN, "502-bad-gateway.html#origin-unreachable"),
        row(status(502, "Bad Gateway"), error(ProbeError.CONNECT_REFUSED),
            "HTTP_502", Hop.ORIGIN, "502-bad-gateway.html#origin-unreachable"),
        row(status(502, "Bad Gateway"), ok,
            "HTTP_502", Hop.EDGE, "502-bad-gateway.html#edge-to-origin"),
        row(status(502, "Bad Gateway"), null,
            "HTTP_502", Hop.ORIGIN, "502-bad-gateway.html#origin-unreachable"),
        row(status(503, "Service Unavailable"), ok,
            "HTTP_503", Hop.EDGE, "503-service-unavailable.html#edge-to-origin"),
        row(status(503, "Service Unavailable"), null,
            "HTTP_503", Hop.ORIGIN, "503-service-unavailable.html#origin"),
        row(status(504, "Gateway Timeout"), error(ProbeError.READ_TIMEOUT),
            "HTTP_504", Hop.ORIGIN, "504-gateway-timeout.html#origin"),
        row(readTimeout(), ok,
            "READ_TIMEOUT", Hop.EDGE, "504-gateway-timeout.html#edge-to-origin"),
        row(readTimeout(), null,
            "READ_TIMEOUT", Hop.ORIGIN, "504-gateway-timeout.html#origin"),
        row(error(ProbeError.PROTOCOL), null,
            "PROTOCOL_ERROR", Hop.ORIGIN, "http-errors.html#protocol-error"),
        row(error(ProbeError.TOO_MANY_REDIRECTS), null,
            "TOO_MANY_REDIRECTS", Hop.ORIGIN, "http-errors.html#too-many-redirects"),
        row(status(404, "Not Found"), null,
            "HTTP_404", Hop.ORIGIN, "http-errors.html#client-error"),
        row(status(500, "Internal Server Error"), null,
            "HTTP_500", Hop.ORIGIN, "http-errors.html#server-error"));
  }

  private static Arguments row(
      ProbeOutcome edge, ProbeOutcome origin, String code, Hop hop, String runbook) {
    return Arguments.of(edge.describe(), origin == null ? "not probed" : origin.describe(),
        seen(edge, origin), code, hop, "runbooks/" + runbook);
  }

  @ParameterizedTest(name = "edge {0}, origin {1} -> {3} on {4}")
  @MethodSource("table")
  void blamesTheHop(
      String edge, String origin, Diagnosis.Case c, String code, Hop hop, String runbook) {
    Finding f = Diagnosis.diagnose(c);

    assertThat(f.code().id()).isEqualTo(code);
    assertThat(f.hop()).isEqualTo(hop);
    assertThat(f.runbook()).isEqualTo(runbook);
    assertThat(f.summary()).isNotBlank().endsWith(".");
  }

  @Test
  void summariesNameWhatToFix() {
    assertThat(Diagnosis.diagnose(seen(error(ProbeError.UNKNOWN_HOST), null)).summary())
        .contains("www.example.com does not resolve");
    assertThat(Diagnosis.diagnose(seen(error(ProbeError.CONNECT_REFUSED), null)).summary())
        .contains("www.example.com:443");
    assertThat(Diagnosis.diagnose(seen(status(502, "Bad Gateway"), null)).summary())
        .contains("the origin was not probed directly, add <origin>");
    assertThat(
            Diagnosis.diagnose(seen(status(502, "Bad Gateway"), status(200, "OK"))).summary())
        .startsWith("The origin answers 200 OK directly, but the edge answers 502 Bad Gateway");
    assertThat(
            Diagnosis.diagnose(seen(status(502, "Bad Gateway"), status(500, "Oops"))).summary())
        .startsWith("The origin fails when asked directly too (500 Oops");
  }

  @Test
  void aTlsSummarySaysWhichCertificateProblemItWas() {
    assertThat(Diagnosis.diagnose(seen(error(ProbeError.TLS_UNTRUSTED), null)).summary())
        .startsWith("The certificate of www.example.com is untrusted (detail)")
        .contains("<trustCertificates>");
    assertThat(Diagnosis.diagnose(seen(error(ProbeError.TLS_EXPIRED), null)).summary())
        .startsWith("The certificate of www.example.com has expired (detail)");
    assertThat(Diagnosis.diagnose(seen(error(ProbeError.TLS_WRONG_HOST), null)).summary())
        .startsWith("The certificate of www.example.com is for the wrong host (detail)");
    assertThat(Diagnosis.diagnose(seen(error(ProbeError.TLS), null)).summary())
        .startsWith("The TLS handshake with www.example.com failed (detail)");
  }

  @Test
  void aForbiddenTargetSaysHowToOptIn() {
    ProbeOutcome refused =
        ProbeOutcome.failed(
            ProbeError.TARGET_FORBIDDEN,
            "www.example.com resolves to 169.254.169.254, the cloud metadata service",
            1);

    Finding f = Diagnosis.diagnose(seen(refused, status(200, "OK")));

    assertThat(f.summary())
        .startsWith("Refused to connect: www.example.com resolves to 169.254.169.254")
        .contains("<allowMetadataTargets>true</allowMetadataTargets>");
  }

  @Test
  void evidenceListsTheRequestTheCdnHeadersAndTheOrigin() {
    ProbeOutcome edge =
        status(
            503,
            "Backend fetch failed",
            new HeaderField("Server", "Varnish"),
            new HeaderField("Via", "1.1 varnish (Varnish/7.1)"),
            new HeaderField("X-Varnish", "32770"),
            new HeaderField("Content-Type", "text/html"));

    Finding f = Diagnosis.diagnose(seen(edge, status(200, "OK")));

    assertThat(f.evidence().get(0))
        .isEqualTo(
            "GET https://www.example.com/ -> 503 Backend fetch failed (expected 200-399) in 12 ms");
    assertThat(f.evidence())
        .doesNotContain("content-type: text/html")
        .containsSubsequence(
            "server: Varnish",
            "via: 1.1 varnish (Varnish/7.1)",
            "x-varnish: 32770",
            "origin GET https://origin.example.com/ -> 200 OK in 12 ms");
  }

  @Test
  void aConfiguredOriginThatWasNotProbedIsNotCalledMissing() {
    Failure failure = Expectations.evaluate(SPEC, status(502, "Bad Gateway")).orElseThrow();
    Diagnosis.Case recovered =
        new Diagnosis.Case(URL, failure, Optional.of(ORIGIN), Optional.empty(), Optional.empty());

    Finding f = Diagnosis.diagnose(recovered);

    assertThat(f.hop()).isEqualTo(Hop.ORIGIN);
    assertThat(f.runbook()).isEqualTo("runbooks/502-bad-gateway.html#origin-unreachable");
    assertThat(f.summary())
        .contains("the configured <origin> is probed directly only when the check ends DOWN")
        .doesNotContain("add <origin>");
    assertThat(f.evidence())
        .last()
        .isEqualTo("origin https://origin.example.com/ not probed");
  }

  @Test
  void evidenceSaysWhenTheOriginWasNotProbed() {
    Finding f = Diagnosis.diagnose(seen(status(502, "Bad Gateway"), null));

    assertThat(f.evidence()).last().isEqualTo("origin not probed (no <origin> configured)");
  }
}
