package io.github.sitehealth.core.http;

import io.github.sitehealth.core.run.HttpCheck;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.sitehealth.core.result.CheckResult;
import io.github.sitehealth.core.result.CheckStatus;
import io.github.sitehealth.core.result.Finding;
import io.github.sitehealth.core.result.Hop;
import io.github.sitehealth.core.testing.Endpoint;
import io.github.sitehealth.core.testing.HostileServer;
import io.github.sitehealth.core.testing.LoopbackHttpServer;
import java.io.IOException;
import java.net.URI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Endpoints that misbehave on purpose: each check must end within its deadline (plus a margin
 * for winding down, not a benchmark), in bounded memory, with the finding the contract names.
 */
class HostileEndpointsTest {

  private static final long TIMEOUT_MS = 1_500;
  /** Winding down after the deadline: the probe's grace and scheduling, generously. */
  private static final long MARGIN_MS = 1_500;
  /** What an endless answer may get out before the client stops reading: the cap plus buffers. */
  private static final long MAX_BYTES_READ = 64L * 1024 * 1024;

  private static HttpProbe probe;
  private static HttpCheck check;
  private HostileServer server;

  @BeforeAll
  static void startProbe() {
    probe = new HttpProbe(16, 16, HttpProbe.DEFAULT_BODY_CAP);
    check = new HttpCheck(probe);
  }

  @AfterAll
  static void closeProbe() {
    probe.close();
  }

  @BeforeEach
  void startServer() throws IOException {
    server = HostileServer.start();
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  private CheckResult run(URI url) {
    CheckResult result =
        check.run(Endpoint.named("hostile", url).timeoutMs(TIMEOUT_MS).retries(2).spec());
    assertThat(result.durationMs())
        .as("the check ends within its deadline plus a margin")
        .isLessThan(TIMEOUT_MS + MARGIN_MS);
    return result;
  }

  private static Finding down(CheckResult result, String code, Hop hop) {
    assertThat(result.status()).isEqualTo(CheckStatus.DOWN);
    Finding finding = result.finding().orElseThrow();
    assertThat(finding.code().id()).as(result.observed()).isEqualTo(code);
    assertThat(finding.hop()).isEqualTo(hop);
    return finding;
  }

  @Test
  void aServerThatAcceptsAndNeverAnswersIsAReadTimeout() {
    long start = System.nanoTime();

    CheckResult result = run(server.uri("/silent"));

    down(result, "READ_TIMEOUT", Hop.ORIGIN);
    assertThat(result.observed()).contains("no response within");
    assertThat(server.requests("/silent")).isEqualTo(1);
    assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(TIMEOUT_MS + MARGIN_MS);
  }

  @Test
  void aServerTricklingItsAnswerAByteASecondIsAReadTimeoutAtTheDeadline() {
    CheckResult result = run(server.uri("/trickle"));

    down(result, "READ_TIMEOUT", Hop.ORIGIN);
    assertThat(result.observed()).contains("no response within");
    // The first byte keeps arriving in time, so no inactivity timeout could end it: the deadline does.
    assertThat(result.durationMs()).isGreaterThanOrEqualTo(TIMEOUT_MS - 100);
  }

  @Test
  void aBodyTricklingAByteASecondIsAReadTimeoutAtTheDeadline() {
    CheckResult result = run(server.uri("/trickle-body"));

    down(result, "READ_TIMEOUT", Hop.ORIGIN);
    assertThat(result.observed()).contains("the body did not complete within");
    assertThat(result.durationMs()).isGreaterThanOrEqualTo(TIMEOUT_MS - 100);
  }

  @ParameterizedTest
  @CsvSource({"/endless", "/endless-chunked"})
  void anEndlessBodyIsCutAtTheCapAndTheCheckPassesOnItsStatus(String path) {
    CheckResult result = run(server.uri(path));

    assertThat(result.status()).isEqualTo(CheckStatus.UP);
    assertThat(result.finding()).isEmpty();
    assertThat(result.observed()).startsWith("200");
    assertThat(server.bytesSent(path))
        .as("the client stopped reading soon after the cap")
        .isGreaterThan(HttpProbe.DEFAULT_BODY_CAP - 64 * 1024)
        .isLessThan(MAX_BYTES_READ);
  }

  @Test
  void anEndlessBodyWithAFailingStatusFailsOnTheStatus() {
    CheckResult result = run(server.uri("/endless-status/503"));

    down(result, "HTTP_503", Hop.ORIGIN);
    assertThat(result.attempts()).hasSize(3);
    assertThat(server.bytesSent("/endless-status/503")).isLessThan(3 * MAX_BYTES_READ);
  }

  @Test
  void aRedirectLoopIsTooManyRedirects() {
    CheckResult result = run(server.uri("/loop"));

    Finding f = down(result, "TOO_MANY_REDIRECTS", Hop.ORIGIN);
    assertThat(f.runbook()).isEqualTo("runbooks/http-errors.html#too-many-redirects");
    assertThat(server.requests("/loop"))
        .isLessThanOrEqualTo(result.attempts().size() * (HttpProbe.MAX_REDIRECTS + 1));
  }

  @Test
  void anSshBannerAndGarbageIsAProtocolError() {
    CheckResult result = run(server.uri("/not-http"));

    Finding f = down(result, "PROTOCOL_ERROR", Hop.ORIGIN);
    assertThat(f.runbook()).isEqualTo("runbooks/http-errors.html#protocol-error");
    assertThat(result.observed()).startsWith("not valid HTTP");
  }

  @ParameterizedTest
  @CsvSource({"/garbage-line", "/header-flood"})
  void anEndlessLineOrEndlessHeadersAreAProtocolErrorInBoundedMemory(String path) {
    CheckResult result = run(server.uri(path));

    down(result, "PROTOCOL_ERROR", Hop.ORIGIN);
    assertThat(result.observed()).startsWith("not valid HTTP");
    assertThat(server.bytesSent(path)).isLessThan(3 * MAX_BYTES_READ);
  }

  @Test
  void aConnectionResetIsConnectionResetOnTheNetworkHop() {
    CheckResult result = run(server.uri("/reset"));

    Finding f = down(result, "CONNECTION_RESET", Hop.NETWORK);
    assertThat(f.runbook()).isEqualTo("runbooks/connection-failures.html#connection-reset");
    assertThat(server.requests("/reset")).isEqualTo(3);
  }

  @Test
  void aConnectionResetRightAfterAcceptIsConnectionResetOnTheNetworkHop() throws IOException {
    try (HostileServer resetting = HostileServer.startResettingOnAccept()) {
      CheckResult result = run(resetting.uri("/"));

      down(result, "CONNECTION_RESET", Hop.NETWORK);
      assertThat(resetting.accepted()).isEqualTo(3);
    }
  }

  @Test
  void aRefusedConnectionIsConnectRefusedOnTheNetworkHop() throws IOException {
    URI refused = URI.create("http://127.0.0.1:" + LoopbackHttpServer.closedPort() + "/");

    CheckResult result = run(refused);

    Finding f = down(result, "CONNECT_REFUSED", Hop.NETWORK);
    assertThat(f.runbook()).isEqualTo("runbooks/connection-failures.html#connection-refused");
  }
}
