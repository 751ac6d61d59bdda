package io.github.sitehealth.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sitehealth.core.result.CheckResult;
import io.github.sitehealth.core.result.CheckStatus;
import io.github.sitehealth.core.result.Finding;
import io.github.sitehealth.core.result.Hop;
import io.github.sitehealth.core.run.HttpCheck;
import io.github.sitehealth.core.testing.Endpoint;
import io.github.sitehealth.core.testing.Nginx;
import io.github.sitehealth.core.testing.RealServer;
import java.io.EOFException;
import java.net.SocketException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An HTTPS endpoint whose server hangs up during the handshake: the client reads the end of the
 * stream or a reset by timing alone (a FIN at once, then a reset when the ClientHello reaches the
 * closed socket, RFC 9293 §3.10.7.1), and both are one finding, CONNECTION_RESET, retried. A plain
 * service that answers with bytes that are not TLS is a TLS failure, not retried.
 */
class TlsHangUpTest {

  private static final String SSH_BANNER = "SSH-2.0-OpenSSH_9.2";

  private static Nginx nginx;
  private static HttpProbe probe;
  private static int closesAtOnce;
  private static int ssh;

  @BeforeAll
  static void start() throws Exception {
    Nginx.requireStream();
    closesAtOnce = RealServer.freePort();
    ssh = RealServer.freePort();
    int unused = RealServer.freePort();
    nginx = Nginx.startWithStreams(
        "server { listen 127.0.0.1:" + unused + "; return 404; }",
        String.join("\n",
            "server { listen 127.0.0.1:" + closesAtOnce + "; return \"\"; }",
            "server { listen 127.0.0.1:" + ssh + "; return \"" + SSH_BANNER + "\\r\\n\"; }"),
        unused, closesAtOnce, ssh);
    probe = new HttpProbe(8, 8, HttpProbe.DEFAULT_BODY_CAP);
  }

  @AfterAll
  static void stop() throws Exception {
    for (AutoCloseable c : new AutoCloseable[] {probe, nginx}) {
      if (c != null) {
        c.close();
      }
    }
  }

  private static CheckResult check(int port) {
    return new HttpCheck(probe).run(
        Endpoint.named("tls", "https://127.0.0.1:" + port + "/").timeoutMs(5_000).retries(2)
            .spec());
  }

  @Test
  void theEndOfTheStreamDuringTheHandshakeIsAHangUp() {
    SSLHandshakeException jdk = new SSLHandshakeException("Remote host terminated the handshake");
    jdk.initCause(new EOFException("SSL peer shut down incorrectly"));

    assertThat(HttpProbe.hungUpDuringHandshake(jdk)).isTrue();
    // what HttpClient's non-blocking TLS session says when the stream ends mid-handshake
    assertThat(HttpProbe.hungUpDuringHandshake(new SSLHandshakeException("TLS handshake failed")))
        .isTrue();
  }

  @Test
  void aResetDuringTheHandshakeIsAHangUp() {
    assertThat(HttpProbe.hungUpDuringHandshake(
        new SSLException("Connection reset", new SocketException("Connection reset")))).isTrue();
    assertThat(HttpProbe.hungUpDuringHandshake(new SocketException("Connection reset")))
        .isTrue();
  }

  @Test
  void aFatalAlertOrARecordThatIsNotTlsIsTheServersAnswerNotAHangUp() {
    assertThat(HttpProbe.hungUpDuringHandshake(
        new SSLHandshakeException("Received fatal alert: handshake_failure"))).isFalse();
    assertThat(HttpProbe.hungUpDuringHandshake(
        new SSLException("Unsupported or unrecognized SSL message"))).isFalse();
  }

  @Test
  void anHttpsEndpointWhoseServerHangsUpIsAConnectionClosedDuringTheHandshakeAndRetried() {
    CheckResult result = check(closesAtOnce);

    assertThat(result.status()).isEqualTo(CheckStatus.DOWN);
    Finding f = result.finding().orElseThrow();
    assertThat(f.code().id()).as(f.summary()).isEqualTo("CONNECTION_RESET");
    assertThat(f.hop()).isEqualTo(Hop.NETWORK);
    assertThat(result.attempts()).hasSize(3).allSatisfy(attempt -> assertThat(attempt.outcome())
        .contains("the server closed the connection during the TLS handshake ("));
  }

  @Test
  void anHttpsEndpointOnAPlainServiceThatSpeaksFirstIsATlsFailureNotRetried() {
    CheckResult result = check(ssh);

    assertThat(result.status()).isEqualTo(CheckStatus.DOWN);
    Finding f = result.finding().orElseThrow();
    assertThat(f.code().id()).as(f.summary()).isEqualTo("TLS_INVALID");
    assertThat(f.hop()).isEqualTo(Hop.TLS);
    assertThat(result.attempts()).hasSize(1);
  }
}
