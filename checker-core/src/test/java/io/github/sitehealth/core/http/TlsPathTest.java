package io.github.sitehealth.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sitehealth.core.result.CheckResult;
import io.github.sitehealth.core.result.CheckStatus;
import io.github.sitehealth.core.result.Finding;
import io.github.sitehealth.core.result.Hop;
import io.github.sitehealth.core.run.HttpCheck;
import io.github.sitehealth.core.spec.RunConfig;
import io.github.sitehealth.core.spec.SpecParser;
import io.github.sitehealth.core.testing.Endpoint;
import io.github.sitehealth.core.testing.Nginx;
import io.github.sitehealth.core.testing.RealServer;
import io.github.sitehealth.core.testing.TestCertificates;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Expiry is judged on the validated path (RFC 5280 §6.1), not on every certificate a server
 * sends: a real nginx serves leaf + intermediate + an expired cross-signed copy of the trusted
 * root (the 2021 DST Root CA X3 and 2020 AddTrust pattern), which browsers, curl and the JDK
 * accept without ever using it.
 */
class TlsPathTest {

  private static final long TIMEOUT_MS = 5_000;

  private static TestCertificates certs;
  private static Nginx nginx;
  private static HttpProbe trustingR;
  private static HttpProbe trustingShortRoot;
  private static int valid;
  private static int shortIntermediate;
  private static int shortRoot;

  @BeforeAll
  static void start() throws Exception {
    Nginx.require();
    certs = TestCertificates.create();
    TestCertificates.CrossSigned cross = certs.crossSigned();
    TestCertificates.Rooted rooted = certs.shortLivedRoot(5);
    valid = RealServer.freePort();
    shortIntermediate = RealServer.freePort();
    shortRoot = RealServer.freePort();
    nginx = Nginx.start(String.join("\n",
            TestCertificates.nginxServer(valid, cross.valid()),
            TestCertificates.nginxServer(shortIntermediate, cross.intermediateIn5Days()),
            TestCertificates.nginxServer(shortRoot, rooted.leaf())),
        valid, shortIntermediate, shortRoot);
    List<X509Certificate> root = SpecParser.parse(
            RunConfig.builder().trustCertificates(cross.root().toString()).build())
        .trustCertificates();
    trustingR = new HttpProbe(ProbeSettings.of(8, 8, HttpProbe.DEFAULT_BODY_CAP).withTrust(root));
    trustingShortRoot = new HttpProbe(ProbeSettings.of(8, 8, HttpProbe.DEFAULT_BODY_CAP)
        .withTrust(SpecParser.parse(
                RunConfig.builder().trustCertificates(rooted.root().toString()).build())
            .trustCertificates()));
  }

  @AfterAll
  static void stop() throws Exception {
    for (AutoCloseable c : new AutoCloseable[] {trustingR, trustingShortRoot, nginx, certs}) {
      if (c != null) {
        c.close();
      }
    }
  }

  private static CheckResult check(int port) {
    return check(trustingR, port);
  }

  private static CheckResult check(HttpProbe probe, int port) {
    CheckResult result = new HttpCheck(probe).run(
        Endpoint.named("tls", "https://127.0.0.1:" + port + "/")
            .timeoutMs(TIMEOUT_MS).retries(0).tlsExpiryWarnDays(14).spec());
    assertThat(result.durationMs()).isLessThan(TIMEOUT_MS + 1_500);
    return result;
  }

  @Test
  void anExpiredCrossSignedRootThatIsNotOnThePathDoesNotCount() {
    CheckResult result = check(valid);

    assertThat(result.finding()).isEmpty();
    assertThat(result.status()).isEqualTo(CheckStatus.UP);
  }

  @Test
  void theValidatedPathIsLeafIntermediateAndTrustedRoot() {
    ProbeOutcome outcome =
        trustingR.fetch(URI.create("https://127.0.0.1:" + valid + "/"), Map.of(), Duration.ofSeconds(5));

    TlsPeer tls = outcome.response().orElseThrow().tls().orElseThrow();
    // 3, not the 3 presented + anchor: the cross-signed copy (issued by X) is not on the path.
    assertThat(tls.validated()).isTrue();
    assertThat(tls.chainLength()).isEqualTo(3);
    assertThat(tls.earliestNotAfter()).isAfter(Instant.now().plus(Duration.ofDays(300)));
  }

  @Test
  void anIntermediateOnThePathExpiringIn5DaysIsNamed() {
    CheckResult result = check(shortIntermediate);

    assertThat(result.status()).isEqualTo(CheckStatus.DEGRADED);
    Finding f = result.finding().orElseThrow();
    assertThat(f.code().id()).isEqualTo("TLS_EXPIRING");
    assertThat(f.hop()).isEqualTo(Hop.TLS);
    assertThat(f.summary())
        .startsWith("A certificate in the validated chain of 127.0.0.1"
            + " (CN=cross-intermediate-5d, 2 of 3) expires on")
        .contains("in 5 days")
        .doesNotContain("2021");
  }

  @Test
  void aTrustAnchorOnThePathExpiringIn5DaysIsNamedToo() {
    // The JDK does not check an anchor's dates (RFC 5280 §6.1); OpenSSL-based clients do.
    CheckResult result = check(trustingShortRoot, shortRoot);

    assertThat(result.status()).isEqualTo(CheckStatus.DEGRADED);
    Finding f = result.finding().orElseThrow();
    assertThat(f.code().id()).isEqualTo("TLS_EXPIRING");
    assertThat(f.summary())
        .startsWith("A certificate in the validated chain of 127.0.0.1"
            + " (CN=site-health test short-lived root, 2 of 2) expires on")
        .contains("in 5 days");
  }
}
