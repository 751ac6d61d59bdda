package io.github.sitehealth.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sitehealth.core.result.CheckResult;
import io.github.sitehealth.core.result.Hop;
import io.github.sitehealth.core.run.HttpCheck;
import io.github.sitehealth.core.testing.Endpoint;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A port whose accept queue is full drops new connection attempts (Linux does not answer their
 * SYN), which is what a firewall that drops packets looks like from the client: a connect timeout.
 */
class ConnectTimeoutTest {

  @Test
  void aDroppedConnectionAttemptIsAConnectTimeoutOnTheNetworkHopWithinTheDeadline()
      throws IOException {
    List<Socket> fillers = new ArrayList<>();
    try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        HttpProbe probe = new HttpProbe(4, 4, HttpProbe.DEFAULT_BODY_CAP)) {
      InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), full.getLocalPort());
      // Never accepted: once the queue holds what the backlog allows, further SYNs are dropped.
      for (int i = 0; i < 8; i++) {
        Socket s = new Socket();
        try {
          s.connect(address, 300);
          fillers.add(s);
        } catch (SocketTimeoutException e) {
          s.close();
          break;
        }
      }
      long start = System.nanoTime();

      CheckResult result =
          new HttpCheck(probe)
              .run(Endpoint.named("black-hole", "http://127.0.0.1:" + full.getLocalPort() + "/")
                  .timeoutMs(1500)
                  .retries(0)
                  .spec());

      long ms = (System.nanoTime() - start) / 1_000_000;
      assertThat(result.finding().orElseThrow().code().id()).isEqualTo("CONNECT_TIMEOUT");
      assertThat(result.finding().orElseThrow().hop()).isEqualTo(Hop.NETWORK);
      assertThat(result.finding().orElseThrow().runbook())
          .isEqualTo("runbooks/connection-failures.html#connection-timeout");
      assertThat(ms).isLessThan(1500 + 1500);
    } finally {
      for (Socket s : fillers) {
        s.close();
      }
    }
  }
}
