package io.github.sitehealth.core.diagnose;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sitehealth.core.http.HeaderField;
import io.github.sitehealth.core.http.HttpSnapshot;
import io.github.sitehealth.core.http.ProbeError;
import io.github.sitehealth.core.http.ProbeOutcome;
import io.github.sitehealth.core.spec.EndpointSpec;
import io.github.sitehealth.core.testing.Endpoint;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExpectationsTest {

  private static final String URL = "https://www.example.com/";

  private static ProbeOutcome answer(int status, long totalMs, HeaderField... headers) {
    return ProbeOutcome.of(
        new HttpSnapshot(
            URI.create(URL), status, "", List.of(headers), new byte[0], false, 1, totalMs));
  }

  @Test
  void anExpectedAnswerPasses() {
    EndpointSpec spec =
        Endpoint.named("a", URL)
            .expectHeader("Cache-Control", "max-age=\\d+")
            .maxLatencyMs(100)
            .spec();

    assertThat(
            Expectations.evaluate(
                spec, answer(200, 100, new HeaderField("cache-control", "public, max-age=60"))))
        .isEmpty();
  }

  @Test
  void theStatusIsCheckedFirst() {
    EndpointSpec spec =
        Endpoint.named("a", URL).expectHeader("X-Cache", "HIT").maxLatencyMs(1).spec();

    Failure failure = Expectations.evaluate(spec, answer(500, 999)).orElseThrow();

    assertThat(failure.code().id()).isEqualTo("HTTP_500");
    assertThat(failure.detail()).isEqualTo("500 (expected 200-399)");
    assertThat(failure.hasResponse()).isTrue();
    assertThat(failure.status()).isEqualTo(500);
  }

  @Test
  void headersAreCheckedBeforeLatency() {
    EndpointSpec spec =
        Endpoint.named("a", URL).expectHeader("X-Cache", "HIT").maxLatencyMs(1).spec();

    assertThat(Expectations.evaluate(spec, answer(200, 999)).orElseThrow().code().id())
        .isEqualTo("HEADER_MISMATCH");
  }

  @Test
  void latencyOverTheBudgetFailsAndAtTheBudgetPasses() {
    EndpointSpec spec = Endpoint.named("a", URL).maxLatencyMs(200).spec();

    assertThat(Expectations.evaluate(spec, answer(200, 200))).isEmpty();
    Failure failure = Expectations.evaluate(spec, answer(200, 201)).orElseThrow();
    assertThat(failure.code().id()).isEqualTo("LATENCY_BUDGET");
    assertThat(failure.detail()).isEqualTo("201 ms (budget 200 ms)");
  }

  @Test
  void aDeliveryErrorMapsToTheContractCode() {
    EndpointSpec spec = Endpoint.named("a", URL).spec();

    Failure failure =
        Expectations.evaluate(spec, ProbeOutcome.failed(ProbeError.TLS, "PKIX path", 3))
            .orElseThrow();

    assertThat(failure.code().id()).isEqualTo("TLS_INVALID");
    assertThat(failure.detail()).endsWith("(PKIX path)");
    assertThat(failure.hasResponse()).isFalse();
    assertThat(failure.status()).isZero();
  }

  @Test
  void everyProbeErrorHasACodeWithARunbook() {
    for (ProbeError error : ProbeError.values()) {
      io.github.sitehealth.core.result.FindingCode code = Expectations.code(error);
      assertThat(Runbooks.link(code, io.github.sitehealth.core.result.Hop.ORIGIN))
          .as(code.id())
          .startsWith(Runbooks.DIRECTORY)
          .contains(".html#");
    }
  }
}
