package io.github.sitehealth.core.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sitehealth.core.diagnose.Runbooks;
import io.github.sitehealth.core.dns.DnsClient;
import io.github.sitehealth.core.dns.DnsHostResolver;
import io.github.sitehealth.core.dns.NsdServer;
import io.github.sitehealth.core.http.HostResolver;
import io.github.sitehealth.core.report.TextReport;
import io.github.sitehealth.core.result.CheckResult;
import io.github.sitehealth.core.result.CheckStatus;
import io.github.sitehealth.core.result.Finding;
import io.github.sitehealth.core.result.FindingCode;
import io.github.sitehealth.core.result.Hop;
import io.github.sitehealth.core.spec.RunConfig;
import io.github.sitehealth.core.spec.ServerAddress;
import io.github.sitehealth.core.spec.SpecParser;
import io.github.sitehealth.core.spec.TcpCheckConfig;
import io.github.sitehealth.core.spec.TcpCheckSpec;
import io.github.sitehealth.core.testing.Nginx;
import io.github.sitehealth.core.testing.RealServer;
import io.github.sitehealth.core.testing.TestCertificates;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * TCP checks against a real nginx on loopback: an HTTP listener (a server that waits for the
 * client to speak), {@code stream} servers that send an SSH version line (RFC 4253 §4.2) in the
 * clear and over TLS or close at once, TLS listeners with the test CA's certificates, and
 * {@code stream} proxies that pass a server's bytes on at a few bytes a second
 * ({@code proxy_download_rate}); a port where nothing listens; a real NSD for host names.
 */
class TcpCheckTest {

  private static final long TIMEOUT_MS = 5_000;
  /** Slack for the end of a check after its deadline, on a busy machine. */
  private static final long SLACK_MS = 1_500;
  private static final String SSH_BANNER = "SSH-2.0-OpenSSH_9.2";

  private static final Optional<Path> NSD = NsdServer.locate();

  private static TestCertificates certs;
  private static Nginx nginx;
  private static NsdServer nsd;
  private static DnsClient dnsClient;
  private static TcpCheck trustingTestCa;
  private static TcpCheck jdkTrustOnly;
  private static int http;
  private static int closed;
  private static int ssh;
  private static int sshOverTls;
  private static int closesAtOnce;
  private static int sshTrickled;
  private static int tls;
  private static int tlsTrickled;
  private static int tlsSlowed;
  private static int wrongHost;
  private static int siteTls;

  @BeforeAll
  static void start() throws Exception {
    Nginx.requireStream();
    certs = TestCertificates.create();
    TestCertificates.Served site =
        certs.issue("site", "DNS:site.example.test,DNS:localhost,IP:127.0.0.1", 365);
    http = RealServer.freePort();
    closed = RealServer.freePort();
    ssh = RealServer.freePort();
    sshOverTls = RealServer.freePort();
    closesAtOnce = RealServer.freePort();
    sshTrickled = RealServer.freePort();
    tls = RealServer.freePort();
    tlsTrickled = RealServer.freePort();
    tlsSlowed = RealServer.freePort();
    wrongHost = RealServer.freePort();
    siteTls = RealServer.freePort();
    nginx = Nginx.startWithStreams(
        String.join("\n",
            "server {",
            "  listen 127.0.0.1:" + http + ";",
            "  location / { return 200 \"ok\\n\"; }",
            "}",
            TestCertificates.nginxServer(tls, certs.valid),
            TestCertificates.nginxServer(wrongHost, certs.wrongHost),
            TestCertificates.nginxServer(siteTls, site)),
        String.join("\n",
            "server { listen 127.0.0.1:" + ssh + "; return \"" + SSH_BANNER + "\\r\\n\"; }",
            "server {",
            "  listen 127.0.0.1:" + sshOverTls + " ssl;",
            "  ssl_certificate " + certs.valid.certificate() + ";",
            "  ssl_certificate_key " + certs.valid.key() + ";",
            "  return \"" + SSH_BANNER + "\\r\\n\";",
            "}",
            "server { listen 127.0.0.1:" + closesAtOnce + "; return \"\"; }",
            // nginx passes on at most rate x (whole seconds since the start + 1) bytes: one byte,
            // then one more a second.
            "server {",
            "  listen 127.0.0.1:" + sshTrickled + ";",
            "  proxy_pass 127.0.0.1:" + ssh + ";",
            "  proxy_download_rate 1;",
            "}",
            "server {",
            "  listen 127.0.0.1:" + tlsTrickled + ";",
            "  proxy_pass 127.0.0.1:" + tls + ";",
            "  proxy_download_rate 1;",
            "}",
            // The server's first TLS flight (ServerHello to Finished, with a certificate) is more
            // than 600 bytes: at 300 bytes a second the handshake takes more than a second.
            "server {",
            "  listen 127.0.0.1:" + tlsSlowed + ";",
            "  proxy_pass 127.0.0.1:" + tls + ";",
            "  proxy_download_rate 300;",
            "}"),
        http, ssh, sshOverTls, closesAtOnce, sshTrickled, tls, tlsTrickled, tlsSlowed, wrongHost,
        siteTls);
    List<X509Certificate> testCa = SpecParser.parse(
            RunConfig.builder().trustCertificates(certs.caCertificate.toString()).build())
        .trustCertificates();
    trustingTestCa = new TcpCheck(HostResolver.SYSTEM, testCa, false);
    jdkTrustOnly = new TcpCheck(HostResolver.SYSTEM, List.of(), false);
    if (NSD.isPresent()) {
      nsd = NsdServer.startTestZones(RealServer.freePort());
      dnsClient = new DnsClient();
    }
  }

  @AfterAll
  static void stop() throws Exception {
    if (dnsClient != null) {
      dnsClient.close();
    }
    if (nsd != null) {
      nsd.close();
    }
    for (AutoCloseable c : new AutoCloseable[] {nginx, certs}) {
      if (c != null) {
        c.close();
      }
    }
  }

  private static TcpCheckSpec spec(TcpCheckConfig.Builder config) {
    return SpecParser.parse(RunConfig.builder().tcpChecks(List.of(config.build())).build())
        .tcpChecks()
        .get(0);
  }

  private static TcpCheckConfig.Builder local(int port) {
    return TcpCheckConfig.builder("tcp", "127.0.0.1:" + port).timeoutMs(TIMEOUT_MS).retries(0);
  }

  private static CheckResult run(TcpCheck check, TcpCheckConfig.Builder config) {
    TcpCheckSpec spec = spec(config);
    CheckResult result = check.run(spec);
    assertThat(result.durationMs()).isLessThan(spec.timeout().toMillis() + SLACK_MS);
    return result;
  }

  private static Finding down(CheckResult result, FindingCode code, Hop hop) {
    assertThat(result.status()).as(result.observed()).isEqualTo(CheckStatus.DOWN);
    Finding f = result.finding().orElseThrow();
    assertThat(f.code()).as(f.summary()).isEqualTo(code);
    assertThat(f.hop()).isEqualTo(hop);
    assertThat(f.runbook()).isEqualTo(Runbooks.link(code, hop));
    return f;
  }

  @Test
  void aListeningPortIsUpWithItsConnectTimeAsTheLatencySaidOnce() {
    CheckResult result = run(trustingTestCa, local(http));

    assertThat(result.status()).isEqualTo(CheckStatus.UP);
    assertThat(result.finding()).isEmpty();
    assertThat(result.kind()).isEqualTo("tcp");
    assertThat(result.target()).isEqualTo("127.0.0.1:" + http);
    assertThat(result.observed()).isEqualTo("connected");
    assertThat(result.attempts()).singleElement().satisfies(a -> {
      assertThat(a.outcome()).isEqualTo("connected");
      assertThat(result.latencyMs()).isEqualTo(a.durationMs());
    });
    // The connect time is the latency, said once: not "connected in 3 ms, latency 3 ms".
    assertThat(TextReport.line(result))
        .isEqualTo("[UP] " + result.name() + ": connected, latency " + result.latencyMs() + " ms");
  }

  @Test
  void aPortWhereNothingListensIsRefusedAndRetried() {
    CheckResult result = run(trustingTestCa, local(closed).retries(2));

    Finding f = down(result, FindingCode.CONNECT_REFUSED, Hop.NETWORK);
    assertThat(f.summary())
        .isEqualTo("Nothing accepts connections on 127.0.0.1:" + closed + ": check that the"
            + " server runs and listens on that port, and the firewall.");
    assertThat(f.evidence()).anyMatch(line -> line.startsWith("connect 127.0.0.1:" + closed
        + " -> Connection refused"));
    assertThat(result.attempts()).as("refused is retried (RetryPolicy)").hasSize(3);
  }

  @Test
  void anSshBannerMatchingTheExpectedOneIsUp() {
    CheckResult result = run(trustingTestCa, local(ssh).expectBanner("^SSH-2\\.0-"));

    assertThat(result.status()).isEqualTo(CheckStatus.UP);
    assertThat(result.observed())
        .isEqualTo("connected, banner \"SSH-2.0-OpenSSH_9.2\"");
  }

  @Test
  void aBannerThatDoesNotMatchIsQuotedWithTheExpectedRegex() {
    CheckResult result = run(trustingTestCa, local(ssh).expectBanner("^220 ").retries(2));

    Finding f = down(result, FindingCode.BANNER_MISMATCH, Hop.ORIGIN);
    assertThat(result.observed())
        .isEqualTo("banner \"SSH-2.0-OpenSSH_9.2\" does not match ^220 ");
    assertThat(f.summary()).startsWith("127.0.0.1:" + ssh
        + " sent \"SSH-2.0-OpenSSH_9.2\\r\\n\", which does not match ^220 : another service");
    assertThat(f.evidence())
        .contains("expected banner ^220 : not found")
        .anyMatch(line -> line.matches("received 21 bytes in \\d+ ms, then the server closed the"
            + " connection: \"SSH-2\\.0-OpenSSH_9\\.2\\\\r\\\\n\""));
    assertThat(result.attempts()).as("a greeting is configuration: not retried").hasSize(1);
  }

  @Test
  void aServerThatWaitsForTheClientIsAReadTimeoutWhenABannerIsExpected() {
    CheckResult result = run(trustingTestCa, local(http).expectBanner("^SSH-").timeoutMs(1_000L));

    Finding f = down(result, FindingCode.READ_TIMEOUT, Hop.ORIGIN);
    assertThat(result.observed()).startsWith("connected, but nothing received within");
    assertThat(f.summary()).contains("accepted the connection but sent nothing before the"
        + " deadline, while a banner matching ^SSH- was expected");
  }

  @Test
  void aServerThatClosesAtOnceIsAResetConnection() {
    CheckResult result = run(trustingTestCa, local(closesAtOnce).expectBanner("^SSH-"));

    Finding f = down(result, FindingCode.CONNECTION_RESET, Hop.NETWORK);
    assertThat(f.summary()).startsWith("The server at 127.0.0.1:" + closesAtOnce
        + " closed the connection without sending anything: ");
    assertThat(f.evidence()).contains(
        "received nothing, then the server closed the connection");
  }

  @Test
  void aTrickledBannerIsJudgedByTheDeadline() {
    // "S" at once, then a byte each time a new second starts: "S", "SS" or "SSH" within 1.5 s,
    // the whole line after about 20 s.
    CheckResult result = run(trustingTestCa,
        local(sshTrickled).expectBanner("^SSH-2\\.0-OpenSSH_9\\.2").timeoutMs(1_500L));

    Finding f = down(result, FindingCode.BANNER_MISMATCH, Hop.ORIGIN);
    assertThat(f.summary())
        .matches(".* sent \"S(SH?)?\" before the deadline, which does not match .*");
    assertThat(f.evidence()).anyMatch(line -> line.matches(
        "received [1-3] bytes? in \\d+ ms, then the deadline: \"S(SH?)?\""));
  }

  @Test
  void tlsWithTheTestCaTrustedIsUp() {
    CheckResult result = run(trustingTestCa, local(tls).tls(true));

    assertThat(result.status()).as(result.observed()).isEqualTo(CheckStatus.UP);
    assertThat(result.observed()).matches("connected \\(TLSv1\\.[23]\\)");
  }

  @Test
  void tlsByHostNameSendsTheNameAndChecksIt() {
    CheckResult result = run(trustingTestCa,
        TcpCheckConfig.builder("tls", "localhost:" + tls).tls(true).retries(0));

    assertThat(result.status()).as(result.observed()).isEqualTo(CheckStatus.UP);
  }

  @Test
  void tlsWithoutTheTestCaTrustedIsInvalidAndNamesWhatWasPresented() {
    CheckResult result = run(jdkTrustOnly, local(tls).tls(true).retries(2));

    Finding f = down(result, FindingCode.TLS_INVALID, Hop.TLS);
    assertThat(f.summary()).startsWith("The certificate of 127.0.0.1:" + tls + " is untrusted (")
        .contains("the server presented CN=valid (issued by CN=site-health test CA")
        .contains("<trustCertificates>");
    assertThat(result.attempts()).as("a certificate is configuration: not retried").hasSize(1);
  }

  @Test
  void aCertificateForAnotherHostIsInvalid() {
    CheckResult result = run(trustingTestCa,
        TcpCheckConfig.builder("tls", "localhost:" + wrongHost).tls(true).retries(0));

    Finding f = down(result, FindingCode.TLS_INVALID, Hop.TLS);
    assertThat(f.summary()).startsWith("The certificate of localhost:" + wrongHost
        + " is for the wrong host (");
    assertThat(f.evidence()).anyMatch(line -> line.startsWith("TLS handshake -> certificate for"
        + " another host"));
  }

  /**
   * A plain service that speaks first is no TLS server: the JDK reads a record that is not TLS
   * and the handshake fails at once, never a timeout; what the port speaks is its configuration,
   * so it is not retried.
   */
  @Test
  void tlsToAPlainServiceThatSpeaksFirstFailsAtOnce() {
    CheckResult result = run(trustingTestCa, local(ssh).tls(true).retries(2));

    Finding f = down(result, FindingCode.TLS_INVALID, Hop.TLS);
    assertThat(f.summary()).startsWith("The TLS handshake with 127.0.0.1:" + ssh + " failed (");
    assertThat(result.attempts()).hasSize(1);
  }

  /**
   * A service that hangs up at once sends a FIN, then a reset when the ClientHello reaches its
   * closed socket (RFC 9293 §3.10.7.1): the client reads the end of the stream or the reset, by
   * timing alone. Either way it is one finding, the server closing the connection during the
   * handshake, retried like any closed connection, and never a timeout.
   */
  @Test
  void tlsToAServiceThatHangsUpIsAConnectionClosedDuringTheHandshakeWhicheverWayItArrives() {
    CheckResult result = run(trustingTestCa, local(closesAtOnce).tls(true).retries(2));

    Finding f = down(result, FindingCode.CONNECTION_RESET, Hop.NETWORK);
    assertThat(f.summary()).startsWith("The server at 127.0.0.1:" + closesAtOnce
        + " closed the connection during the TLS handshake, before any TLS answer (");
    assertThat(result.attempts()).hasSize(3).allSatisfy(attempt -> assertThat(attempt.outcome())
        .startsWith("the server closed the connection during the TLS handshake ("));
  }

  @Test
  void tlsToAPortThatSpeaksHttpIsInvalid() {
    // nginx answers the ClientHello with "400 Bad Request" in plain text.
    CheckResult result = run(trustingTestCa, local(http).tls(true));

    Finding f = down(result, FindingCode.TLS_INVALID, Hop.TLS);
    assertThat(f.summary()).startsWith("The TLS handshake with 127.0.0.1:" + http + " failed (");
  }

  @Test
  void aBannerOverTlsIsReadAfterTheHandshake() {
    CheckResult result =
        run(trustingTestCa, local(sshOverTls).tls(true).expectBanner("^SSH-2\\.0-"));

    assertThat(result.status()).as(result.observed()).isEqualTo(CheckStatus.UP);
    assertThat(result.observed()).matches(
        "connected \\(TLSv1\\.[23]\\), banner \"SSH-2\\.0-OpenSSH_9\\.2\"");
  }

  @Test
  void aTrickledHandshakeEndsByTheDeadline() {
    // A handshake of ~1 KB at one byte a second would take a quarter of an hour.
    CheckResult result = run(trustingTestCa, local(tlsTrickled).tls(true).timeoutMs(1_500L));

    Finding f = down(result, FindingCode.CONNECT_TIMEOUT, Hop.NETWORK);
    assertThat(f.summary()).startsWith("Connected to 127.0.0.1:" + tlsTrickled
        + ", but the TLS handshake did not complete in time");
  }

  @Test
  void aHandshakeSlowerThanTheLatencyBudgetIsDown() {
    CheckResult result = run(trustingTestCa,
        local(tlsSlowed).tls(true).maxLatencyMs(300L).timeoutMs(8_000L));

    Finding f = down(result, FindingCode.LATENCY_BUDGET, Hop.NETWORK);
    assertThat(result.observed()).matches("\\d+ ms to connect \\(budget 300 ms\\)");
    assertThat(f.evidence()).contains("connect time budget 300 ms, the TLS handshake included");
  }

  @Test
  void aNameThatDoesNotExistIsNxdomainThroughTheRunsResolver() {
    NsdServer.skipWithout(NSD);
    TcpCheck viaNsd = new TcpCheck(resolver(), List.of(), false);

    CheckResult result = run(viaNsd,
        TcpCheckConfig.builder("gone", "nosuch.example.test:22").retries(2));

    Finding f = down(result, FindingCode.DNS_NXDOMAIN, Hop.DNS);
    assertThat(f.summary()).startsWith("The host nosuch.example.test does not resolve (");
    assertThat(f.runbook()).isEqualTo("runbooks/dns.html#nxdomain");
    assertThat(result.attempts()).as("a negative answer is cached: not retried").hasSize(1);
  }

  @Test
  void aNameResolvedThroughTheRunsResolverIsConnectedToWithItsNameForTls() {
    NsdServer.skipWithout(NSD);
    TcpCheck viaNsd = new TcpCheck(resolver(), trustingTestCaCertificates(), false);

    CheckResult result = run(viaNsd,
        TcpCheckConfig.builder("site", "site.example.test:" + siteTls).tls(true).retries(0));

    assertThat(result.status()).as(result.observed()).isEqualTo(CheckStatus.UP);
  }

  private static HostResolver resolver() {
    return new DnsHostResolver(dnsClient, ServerAddress.parse(nsd.address()).orElseThrow());
  }

  private static List<X509Certificate> trustingTestCaCertificates() {
    return SpecParser.parse(
            RunConfig.builder().trustCertificates(certs.caCertificate.toString()).build())
        .trustCertificates();
  }
}
