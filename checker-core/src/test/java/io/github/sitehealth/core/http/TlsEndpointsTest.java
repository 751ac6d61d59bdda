package io.github.sitehealth.core.http;

import io.github.sitehealth.core.run.HttpCheck;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.sitehealth.core.result.CheckResult;
import io.github.sitehealth.core.result.CheckStatus;
import io.github.sitehealth.core.result.Finding;
import io.github.sitehealth.core.result.Hop;
import io.github.sitehealth.core.spec.RunConfig;
import io.github.sitehealth.core.spec.SpecParser;
import io.github.sitehealth.core.testing.Endpoint;
import io.github.sitehealth.core.testing.Nginx;
import io.github.sitehealth.core.testing.RealServer;
import io.github.sitehealth.core.testing.TestCertificates;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real nginx TLS servers on loopback with certificates made by {@code openssl} at test time: each
 * certificate problem is TLS_INVALID on hop tls with a summary that says which problem it is; a
 * trusted chain near its expiry is DEGRADED with TLS_EXPIRING.
 */
class TlsEndpointsTest {

  private static final long TIMEOUT_MS = 5_000;

  private static TestCertificates certs;
  private static Nginx nginx;
  private static HttpProbe trusting;
  private static HttpProbe jdkTrustOnly;
  private static int valid;
  private static int expiring;
  private static int expired;
  private static int wrongHost;
  private static int selfSigned;
  private static int shortIntermediate;

  @BeforeAll
  static void start() throws Exception {
    Nginx.require();
    certs = TestCertificates.create();
    valid = RealServer.freePort();
    expiring = RealServer.freePort();
    expired = RealServer.freePort();
    wrongHost = RealServer.freePort();
    selfSigned = RealServer.freePort();
    shortIntermediate = RealServer.freePort();
    nginx =
        Nginx.start(
            String.join("\n",
                TestCertificates.nginxServer(valid, certs.valid),
                TestCertificates.nginxServer(expiring, certs.expiringIn5Days),
                TestCertificates.nginxServer(expired, certs.expired),
                TestCertificates.nginxServer(wrongHost, certs.wrongHost),
                TestCertificates.nginxServer(selfSigned, certs.selfSigned),
                TestCertificates.nginxServer(shortIntermediate, certs.shortIntermediate)),
            valid, expiring, expired, wrongHost, selfSigned, shortIntermediate);
    List<X509Certificate> testCa =
        SpecParser.parse(
                RunConfig.builder().trustCertificates(certs.caCertificate.toString()).build())
            .trustCertificates();
    trusting = new HttpProbe(ProbeSettings.of(8, 8, HttpProbe.DEFAULT_BODY_CAP).withTrust(testCa));
    jdkTrustOnly = new HttpProbe(8, 8, HttpProbe.DEFAULT_BODY_CAP);
  }

  @AfterAll
  static void stop() throws Exception {
    for (AutoCloseable c : new AutoCloseable[] {trusting, jdkTrustOnly, nginx, certs}) {
      if (c != null) {
        c.close();
      }
    }
  }

  private static Endpoint endpoint(int port) {
    return Endpoint.named("tls", "https://127.0.0.1:" + port + "/").timeoutMs(TIMEOUT_MS).retries(0);
  }

  private static CheckResult check(HttpProbe probe, Endpoint endpoint) {
    CheckResult result = new HttpCheck(probe).run(endpoint.spec());
    assertThat(result.durationMs()).isLessThan(TIMEOUT_MS + 1_500);
    return result;
  }

  private static Finding tlsInvalid(CheckResult result) {
    assertThat(result.status()).isEqualTo(CheckStatus.DOWN);
    Finding f = result.finding().orElseThrow();
    assertThat(f.code().id()).isEqualTo("TLS_INVALID");
    assertThat(f.hop()).isEqualTo(Hop.TLS);
    assertThat(f.runbook()).isEqualTo("runbooks/tls.html#invalid-certificate");
    return f;
  }

  @Test
  void aCertificateFromTheConfiguredCaIsTrustedAndUp() {
    CheckResult result = check(trusting, endpoint(valid));

    assertThat(result.status()).isEqualTo(CheckStatus.UP);
    assertThat(result.finding()).isEmpty();
  }

  @Test
  void theFirstTlsConnectionSetsUpTheContextThatLaterOnesShare() {
    try (HttpProbe fresh = new HttpProbe(ProbeSettings.of(4, 4, HttpProbe.DEFAULT_BODY_CAP)
        .withTrust(SpecParser.parse(RunConfig.builder()
            .trustCertificates(certs.caCertificate.toString()).build()).trustCertificates()))) {
      assertThat(fresh.tlsSetUp()).isFalse();

      assertThat(check(fresh, endpoint(valid)).status()).isEqualTo(CheckStatus.UP);
      assertThat(fresh.tlsSetUp()).isTrue();
      assertThat(check(fresh, endpoint(valid)).status()).isEqualTo(CheckStatus.UP);
    }
  }

  @Test
  void theSameCertificateWithTheJdkTrustAloneIsUntrusted() {
    Finding f = tlsInvalid(check(jdkTrustOnly, endpoint(valid)));

    assertThat(f.summary()).contains("is untrusted").contains("<trustCertificates>");
  }

  @Test
  void aSelfSignedCertificateIsUntrusted() {
    Finding f = tlsInvalid(check(trusting, endpoint(selfSigned)));

    assertThat(f.summary()).startsWith("The certificate of 127.0.0.1 is untrusted");
    assertThat(f.evidence().get(0)).contains("untrusted certificate");
    // What the certificate holds, not only the validator's verdict.
    assertThat(f.summary()).contains("the server presented CN=localhost (issued by CN=localhost,");
  }

  @Test
  void anExpiredCertificateIsExpired() {
    Finding f = tlsInvalid(check(trusting, endpoint(expired)));

    assertThat(f.summary()).startsWith("The certificate of 127.0.0.1 has expired").contains("2020")
        .contains("the server presented CN=expired (issued by CN=site-health test CA,"
            + " valid until 2020-02-01T00:00:00Z)");
  }

  @Test
  void aCertificateForAnotherHostIsTheWrongHost() {
    Finding f = tlsInvalid(check(trusting, endpoint(wrongHost)));

    assertThat(f.summary()).startsWith("The certificate of 127.0.0.1 is for the wrong host");
  }

  @Test
  void aCertificateForAnotherHostIsTheWrongHostByNameToo() {
    Finding f =
        tlsInvalid(
            check(
                trusting,
                Endpoint.named("tls", "https://localhost:" + wrongHost + "/")
                    .timeoutMs(TIMEOUT_MS)
                    .retries(0)));

    assertThat(f.summary()).startsWith("The certificate of localhost is for the wrong host");
  }

  @Test
  void aTrustedCertificateExpiringWithinTheWindowIsDegradedWithTlsExpiring() {
    CheckResult result = check(trusting, endpoint(expiring));

    assertThat(result.status()).isEqualTo(CheckStatus.DEGRADED);
    assertThat(result.observed()).startsWith("200");
    Finding f = result.finding().orElseThrow();
    assertThat(f.code().id()).isEqualTo("TLS_EXPIRING");
    assertThat(f.hop()).isEqualTo(Hop.TLS);
    assertThat(f.runbook()).isEqualTo("runbooks/tls.html#expiring-certificate");
    assertThat(f.summary())
        .startsWith("The certificate of 127.0.0.1 (CN=expiring) expires on")
        .contains("in 5 days")
        .contains("tlsExpiryWarnDays 14");
    assertThat(f.evidence())
        .anySatisfy(e -> assertThat(e).startsWith("earliest notAfter in the validated chain of 127.0.0.1: "));
  }

  @Test
  void theSameCertificateOutsideASmallerWindowIsUp() {
    CheckResult result = check(trusting, endpoint(expiring).tlsExpiryWarnDays(3));

    assertThat(result.status()).isEqualTo(CheckStatus.UP);
    assertThat(result.finding()).isEmpty();
  }

  @Test
  void anIntermediateThatExpiresFirstDecides() {
    CheckResult result = check(trusting, endpoint(shortIntermediate));

    assertThat(result.status()).isEqualTo(CheckStatus.DEGRADED);
    Finding f = result.finding().orElseThrow();
    assertThat(f.code().id()).isEqualTo("TLS_EXPIRING");
    assertThat(f.summary())
        .startsWith("A certificate in the validated chain of 127.0.0.1 (CN=intermediate, 2 of 3)"
            + " expires")
        .contains("in 5 days");
    assertThat(f.evidence())
        .anySatisfy(e -> assertThat(e).contains("CN=intermediate, certificate 2 of 3"));
  }

  @Test
  void theProbeRecordsTheEarliestNotAfterOfTheValidatedChainAnchorIncluded() {
    ProbeOutcome leafOnly =
        trusting.fetch(
            java.net.URI.create("https://127.0.0.1:" + valid + "/"), Map.of(), Duration.ofSeconds(5));
    ProbeOutcome withIntermediate =
        trusting.fetch(
            java.net.URI.create("https://127.0.0.1:" + shortIntermediate + "/"),
            Map.of(),
            Duration.ofSeconds(5));

    TlsPeer leaf = leafOnly.response().orElseThrow().tls().orElseThrow();
    // leaf, then the test CA it chains to
    assertThat(leaf.chainLength()).isEqualTo(2);
    assertThat(leaf.validated()).isTrue();
    assertThat(leaf.position()).isZero();
    assertThat(leaf.earliestNotAfter())
        .isBetween(Instant.now().plus(Duration.ofDays(364)), Instant.now().plus(Duration.ofDays(366)));
    TlsPeer chain = withIntermediate.response().orElseThrow().tls().orElseThrow();
    assertThat(chain.chainLength()).isEqualTo(3);
    assertThat(chain.position()).isEqualTo(1);
    assertThat(chain.subject()).isEqualTo("CN=intermediate");
    assertThat(chain.earliestNotAfter())
        .isBetween(Instant.now().plus(Duration.ofDays(4)), Instant.now().plus(Duration.ofDays(6)));
  }
}
