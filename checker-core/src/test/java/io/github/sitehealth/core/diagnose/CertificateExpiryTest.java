package io.github.sitehealth.core.diagnose;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sitehealth.core.http.HttpSnapshot;
import io.github.sitehealth.core.http.TlsPeer;
import io.github.sitehealth.core.result.Finding;
import io.github.sitehealth.core.result.Hop;
import io.github.sitehealth.core.spec.EndpointSpec;
import io.github.sitehealth.core.testing.Endpoint;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CertificateExpiryTest {

  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  private static final URI URL = URI.create("https://www.example.com/");
  private static final EndpointSpec SPEC = Endpoint.named("home", URL.toString()).spec();

  private static HttpSnapshot over(TlsPeer tls) {
    return new HttpSnapshot(URL, 200, "OK", List.of(), new byte[0], false, 3, 5, Optional.ofNullable(tls));
  }

  private static TlsPeer leafExpiringIn(Duration left) {
    return new TlsPeer(NOW.plus(left), "CN=www.example.com", 0, 2);
  }

  @Test
  void aChainExpiringWithinTheWindowIsTlsExpiring() {
    Finding f =
        CertificateExpiry.check(SPEC, over(leafExpiringIn(Duration.ofDays(5))), NOW).orElseThrow();

    assertThat(f.code().id()).isEqualTo("TLS_EXPIRING");
    assertThat(f.hop()).isEqualTo(Hop.TLS);
    assertThat(f.runbook()).isEqualTo("runbooks/tls.html#expiring-certificate");
    assertThat(f.summary())
        .isEqualTo("The certificate of www.example.com (CN=www.example.com) expires on"
            + " 2026-03-06T12:00:00Z, in 5 days (within tlsExpiryWarnDays 14): renew it and"
            + " deploy the new chain before then.");
    assertThat(f.evidence())
        .containsExactly(
            "GET https://www.example.com/ -> 200 OK in 5 ms",
            "earliest notAfter in the validated chain of www.example.com: 2026-03-06T12:00:00Z"
                + " (CN=www.example.com,"
                + " certificate 1 of 2)");
  }

  @Test
  void theWindowIncludesItsLastDay() {
    assertThat(CertificateExpiry.check(SPEC, over(leafExpiringIn(Duration.ofDays(14))), NOW))
        .isPresent();
    assertThat(
            CertificateExpiry.check(
                SPEC, over(leafExpiringIn(Duration.ofDays(14).plusSeconds(1))), NOW))
        .isEmpty();
  }

  @Test
  void hoursAreCountedInTheLastDays() {
    Finding f =
        CertificateExpiry.check(SPEC, over(leafExpiringIn(Duration.ofHours(30))), NOW)
            .orElseThrow();

    assertThat(f.summary()).contains("in 30 hours");
  }

  @Test
  void zeroDaysNeverWarns() {
    EndpointSpec noWarning = Endpoint.named("home", URL.toString()).tlsExpiryWarnDays(0).spec();

    assertThat(CertificateExpiry.check(noWarning, over(leafExpiringIn(Duration.ofHours(1))), NOW))
        .isEmpty();
  }

  @Test
  void plainHttpHasNothingToExpire() {
    assertThat(CertificateExpiry.check(SPEC, over(null), NOW)).isEmpty();
  }
}
