package io.github.sitehealth.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sitehealth.core.dns.DnsClient;
import io.github.sitehealth.core.dns.DnsHostResolver;
import io.github.sitehealth.core.dns.NsdServer;
import io.github.sitehealth.core.result.CheckResult;
import io.github.sitehealth.core.result.CheckStatus;
import io.github.sitehealth.core.result.Finding;
import io.github.sitehealth.core.result.Hop;
import io.github.sitehealth.core.run.HttpCheck;
import io.github.sitehealth.core.spec.ServerAddress;
import io.github.sitehealth.core.testing.Endpoint;
import io.github.sitehealth.core.testing.HostileServer;
import io.github.sitehealth.core.testing.Nginx;
import io.github.sitehealth.core.testing.RealServer;
import io.github.sitehealth.core.testing.TestCertificates;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A redirect that leads to a broken host: the configured host answered its 3xx fine, so the
 * finding names the redirect target whose fetch failed, and the evidence shows the chain, each
 * status and {@code Location} (RFC 9110 §15.4, §10.2.2). Real nginx answers the redirects; the
 * names resolve through a real NSD ({@code example.test.}: {@code site} is 127.0.0.1, {@code
 * gone} does not exist).
 */
class RedirectTargetsTest {

  private static final long TIMEOUT_MS = 5_000;
  private static final Optional<Path> NSD = NsdServer.locate();

  private static TestCertificates certs;
  private static Nginx nginx;
  private static NsdServer nsd;
  private static DnsClient dnsClient;
  private static HttpProbe probe;
  private static HostileServer resetting;
  private static int http;
  private static int selfSigned;
  private static int closed;

  @BeforeAll
  static void start() throws Exception {
    if (NSD.isEmpty()) {
      return;
    }
    Nginx.require();
    certs = TestCertificates.create();
    // No real server resets every connection on accept: the one socket stub of this class.
    resetting = HostileServer.startResettingOnAccept();
    http = RealServer.freePort();
    selfSigned = RealServer.freePort();
    closed = RealServer.freePort();
    nginx = Nginx.start(String.join("\n",
        "server {",
        "  listen 127.0.0.1:" + http + ";",
        "  location = /to-gone { return 301 https://gone.example.test:" + selfSigned + "/; }",
        "  location = /to-closed { return 301 http://site.example.test:" + closed + "/; }",
        "  location = /to-untrusted { return 301 https://api_backend.example.test:" + selfSigned + "/; }",
        "  location = /to-metadata { return 302 http://169.254.169.254/latest/; }",
        "  location = /two-hops { return 302 /to-gone; }",
        "  location = /to-metadata-v6 { return 302 http://[fd00:ec2::254]/latest/; }",
        "  location = /to-failing { return 308 http://api_backend.example.test:" + http + "/fail; }",
        "  location = /fail { return 502 \"upstream gone\\n\"; }",
        "  location = /origin-moved { return 301 /fail; }",
        "  location = /to-resetting { return 307 http://api_backend.example.test:"
            + resetting.port() + "/; }",
        "}",
        TestCertificates.nginxServer(selfSigned, certs.selfSigned)),
        http, selfSigned);
    nsd = NsdServer.startTestZones(RealServer.freePort());
    dnsClient = new DnsClient();
    probe = new HttpProbe(ProbeSettings.of(8, 8, HttpProbe.DEFAULT_BODY_CAP)
        .withResolver(new DnsHostResolver(dnsClient, ServerAddress.parse(nsd.address()).orElseThrow())));
  }

  @BeforeEach
  void needsNsd() {
    NsdServer.skipWithout(NSD);
  }

  @AfterAll
  static void stop() throws Exception {
    for (AutoCloseable c : new AutoCloseable[] {probe, dnsClient, nsd, nginx, certs, resetting}) {
      if (c != null) {
        c.close();
      }
    }
  }

  private static Finding down(String path, String code, Hop hop) {
    return down(Endpoint.named("redirect", "http://site.example.test:" + http + path), code, hop);
  }

  private static Finding down(Endpoint endpoint, String code, Hop hop) {
    CheckResult result = new HttpCheck(probe).run(endpoint.timeoutMs(TIMEOUT_MS).retries(0).spec());
    assertThat(result.durationMs()).isLessThan(TIMEOUT_MS + 1_500);
    assertThat(result.status()).isEqualTo(CheckStatus.DOWN);
    Finding f = result.finding().orElseThrow();
    assertThat(f.code().id()).isEqualTo(code);
    assertThat(f.hop()).isEqualTo(hop);
    return f;
  }

  @Test
  void aRedirectToANameThatDoesNotResolveBlamesThatName() {
    Finding f = down("/to-gone", "DNS_NXDOMAIN", Hop.DNS);

    assertThat(f.summary()).startsWith("The host gone.example.test does not resolve");
    assertThat(f.evidence()).contains(
        "redirect 1: 301 Moved Permanently -> https://gone.example.test:" + selfSigned + "/");
  }

  @Test
  void aRedirectToAClosedPortBlamesThatHostAndPort() {
    Finding f = down("/to-closed", "CONNECT_REFUSED", Hop.NETWORK);

    assertThat(f.summary())
        .startsWith("Nothing accepts connections on site.example.test:" + closed + ":");
    assertThat(f.evidence()).contains(
        "redirect 1: 301 Moved Permanently -> http://site.example.test:" + closed + "/");
  }

  @Test
  void aRedirectToAHostThatResetsBlamesThatHostAndPort() {
    Finding f = down("/to-resetting", "CONNECTION_RESET", Hop.NETWORK);

    assertThat(f.summary())
        .startsWith("The connection to api_backend.example.test:" + resetting.port() + " broke");
    assertThat(f.evidence()).contains("redirect 1: 307 Temporary Redirect -> http://api_backend.example.test:"
        + resetting.port() + "/");
  }

  @Test
  void aRedirectToAnUntrustedCertificateBlamesThatHost() {
    Finding f = down("/to-untrusted", "TLS_INVALID", Hop.TLS);

    assertThat(f.summary()).startsWith("The certificate of api_backend.example.test is untrusted");
    assertThat(f.evidence()).contains(
        "redirect 1: 301 Moved Permanently -> https://api_backend.example.test:" + selfSigned + "/");
  }

  @Test
  void aRedirectToAMetadataAddressIsRefusedAndShowsWhereItLed() {
    Finding f = down("/to-metadata", "TARGET_FORBIDDEN", Hop.NETWORK);

    assertThat(f.summary()).contains("169.254.169.254");
    assertThat(f.evidence()).contains(
        "redirect 1: 302 Moved Temporarily -> http://169.254.169.254/latest/");
  }

  @Test
  void aRedirectToAnIpv6MetadataLiteralIsRefusedToo() {
    Finding f = down("/to-metadata-v6", "TARGET_FORBIDDEN", Hop.NETWORK);

    assertThat(f.summary()).contains("fd00:ec2::254, the cloud metadata service");
    assertThat(f.evidence()).contains(
        "redirect 1: 302 Moved Temporarily -> http://[fd00:ec2::254]/latest/");
  }

  @Test
  void everyHopOfTheChainIsInTheEvidenceInOrder() {
    Finding f = down("/two-hops", "DNS_NXDOMAIN", Hop.DNS);

    assertThat(f.summary()).startsWith("The host gone.example.test does not resolve");
    // A relative Location is resolved against the URL that answered it (RFC 9110 §10.2.2).
    assertThat(f.evidence()).containsSubsequence(
        "redirect 1: 302 Moved Temporarily -> http://site.example.test:" + http + "/to-gone",
        "redirect 2: 301 Moved Permanently -> https://gone.example.test:" + selfSigned + "/");
  }

  @Test
  void aFailingStatusAtTheEndOfTheChainShowsTheChainAndTheUrlThatAnswered() {
    Finding f = down("/to-failing", "HTTP_502", Hop.ORIGIN);

    assertThat(f.evidence()).contains(
        "redirect 1: 308 Permanent Redirect -> http://api_backend.example.test:" + http + "/fail");
  }

  @Test
  void theOriginsRedirectsAreInTheEvidenceToo() {
    Finding f = down(
        Endpoint.named("redirect", "http://site.example.test:" + http + "/to-failing")
            .origin("http://site.example.test:" + http + "/origin-moved"),
        "HTTP_502", Hop.ORIGIN);

    assertThat(f.summary()).startsWith("The origin fails when asked directly too");
    assertThat(f.evidence()).containsSubsequence(
        "redirect 1: 308 Permanent Redirect -> http://api_backend.example.test:" + http + "/fail",
        "origin redirect 1: 301 Moved Permanently -> http://site.example.test:" + http + "/fail");
  }
}
