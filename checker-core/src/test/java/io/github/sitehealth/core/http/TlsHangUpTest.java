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
import io.github.sitehealth.core.result.FindingCode;
import io.github.sitehealth.core.spec.RunConfig;
import io.github.sitehealth.core.spec.SpecParser;
import io.github.sitehealth.core.spec.TcpCheckConfig;
import io.github.sitehealth.core.tcp.TcpCheck;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.List;
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

  /**
   * A loopback peer that hangs up on every connection in one way only: with {@code reset} it
   * aborts (SO_LINGER 0: a RST and never a FIN, RFC 9293 §3.10.7.1); without, it reads the
   * ClientHello's record first, so its close is a FIN alone, no unread data making it a reset.
   * It serves at most 16 connections, each within 5 s.
   */
  private static final class HangUp implements AutoCloseable {
    final ServerSocket server;
    final Thread thread;

    HangUp(boolean reset) throws IOException {
      server = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
      thread = new Thread(() -> {
        for (int n = 0; n < 16 && !server.isClosed(); n++) {
          try (Socket s = server.accept()) {
            s.setSoTimeout(5_000);
            if (reset) {
              s.setSoLinger(true, 0);
            } else {
              readRecord(s.getInputStream());
            }
          } catch (IOException e) {
            return;
          }
        }
      }, "hang-up-" + (reset ? "reset" : "fin"));
      thread.setDaemon(true);
      thread.start();
    }

    /** A TLS record: 5 bytes of header, the last two its length (RFC 8446 §5.1). */
    private static void readRecord(InputStream in) throws IOException {
      byte[] header = in.readNBytes(5);
      if (header.length == 5) {
        in.readNBytes(((header[3] & 0xff) << 8) | (header[4] & 0xff));
      }
    }

    int port() {
      return server.getLocalPort();
    }

    @Override
    public void close() throws IOException {
      server.close();
    }
  }

  /** Each way a hang-up arrives, alone, for both kinds of check: one finding, in one set of words. */
  @Test
  void aResetAloneAndAnEndOfStreamAloneAreTheSameFindingForHttpsAndTcp() throws Exception {
    for (boolean reset : new boolean[] {true, false}) {
      try (HangUp peer = new HangUp(reset)) {
        CheckResult https = check(peer.port());
        assertThat(https.finding().orElseThrow().code()).as("https, reset %s", reset)
            .isEqualTo(FindingCode.CONNECTION_RESET);
        assertThat(https.attempts()).as("https, reset %s", reset).hasSize(3)
            .allSatisfy(a -> assertThat(a.outcome())
                .contains("the server closed the connection during the TLS handshake ("));

        TcpCheck tcp = new TcpCheck(HostResolver.SYSTEM, List.of(), false);
        CheckResult tls = tcp.run(SpecParser.parse(RunConfig.builder().tcpChecks(List.of(
                TcpCheckConfig.builder("tls", "127.0.0.1:" + peer.port()).tls(true).retries(2)
                    .timeoutMs(5_000L).build())).build())
            .tcpChecks().get(0));
        assertThat(tls.finding().orElseThrow().code()).as("tcp, reset %s: %s", reset, tls.attempts())
            .isEqualTo(FindingCode.CONNECTION_RESET);
        assertThat(tls.attempts()).as("tcp, reset %s", reset).hasSize(3)
            .allSatisfy(a -> assertThat(a.outcome())
                .startsWith("the server closed the connection during the TLS handshake ("));
      }
    }
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
