package io.github.sitehealth.core.http;

import io.github.sitehealth.core.run.HttpCheck;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.sitehealth.core.result.Attempt;
import io.github.sitehealth.core.result.CheckResult;
import io.github.sitehealth.core.result.CheckStatus;
import io.github.sitehealth.core.result.Finding;
import io.github.sitehealth.core.result.Hop;
import io.github.sitehealth.core.testing.Endpoint;
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
import org.junit.jupiter.params.provider.ValueSource;

class HttpCheckTest {

  private static HttpProbe probe;
  private static HttpCheck check;
  private LoopbackHttpServer server;

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
    server = LoopbackHttpServer.start();
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  private Endpoint endpoint(String path) {
    return Endpoint.named("site", server.uri(path)).timeoutMs(5_000).retries(0);
  }

  private static Finding finding(CheckResult result) {
    return result.finding().orElseThrow();
  }

  @Test
  void aHealthyEndpointIsUpWithoutFinding() {
    CheckResult result = check.run(endpoint("/ok").retries(2).spec());

    assertThat(result.status()).isEqualTo(CheckStatus.UP);
    assertThat(result.finding()).isEmpty();
    assertThat(result.name()).isEqualTo("site");
    assertThat(result.kind()).isEqualTo("http");
    assertThat(result.target()).isEqualTo(server.uri("/ok").toString());
    assertThat(result.observed()).startsWith("200 OK");
    assertThat(result.attempts())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.number()).isEqualTo(1);
              assertThat(a.passed()).isTrue();
              assertThat(a.status()).contains(200);
              assertThat(a.outcome()).isEqualTo("200 OK");
            });
  }

  @ParameterizedTest
  @CsvSource({
    "502, HTTP_502, 502 Bad Gateway, runbooks/502-bad-gateway.html#origin-unreachable,"
        + " could not get a good answer from its upstream",
    "503, HTTP_503, 503 Service Unavailable, runbooks/503-service-unavailable.html#origin,"
        + " it is overloaded or down for maintenance",
    "504, HTTP_504, 504 Gateway Timeout, runbooks/504-gateway-timeout.html#origin,"
        + " could not get a good answer from its upstream",
  })
  void aGatewayErrorIsDownWithItsCodeHopAndRunbook(
      int status, String code, String statusLine, String runbook, String why) {
    CheckResult result = check.run(endpoint("/status/" + status).spec());

    assertThat(result.status()).isEqualTo(CheckStatus.DOWN);
    assertThat(result.observed()).isEqualTo(statusLine + " (expected 200-399)");
    Finding f = finding(result);
    assertThat(f.code().id()).isEqualTo(code);
    assertThat(f.hop()).isEqualTo(Hop.ORIGIN);
    assertThat(f.runbook()).isEqualTo(runbook);
    // A 502 or 504 says a gateway answered (RFC 9110 sections 15.6.3, 15.6.5); a 503 from a
    // server that shows nothing in front of it is about that server (section 15.6.4).
    assertThat(f.summary()).contains(statusLine).contains(why.strip());
    assertThat(f.originProbed()).isFalse();
    assertThat(f.evidence())
        .first()
        .asString()
        .startsWith("GET " + server.uri("/status/" + status) + " -> " + statusLine);
    assertThat(f.evidence()).contains("origin not probed (no <origin> configured)");
  }

  @Test
  void everyRetryIsRecordedAsAnAttempt() {
    CheckResult result = check.run(endpoint("/status/502").retries(2).spec());

    assertThat(result.status()).isEqualTo(CheckStatus.DOWN);
    assertThat(result.attempts()).hasSize(3);
    assertThat(result.attempts()).extracting(Attempt::number).containsExactly(1, 2, 3);
    assertThat(result.attempts()).extracting(Attempt::passed).containsOnly(false);
    assertThat(result.attempts())
        .extracting(Attempt::outcome)
        .containsOnly("502 Bad Gateway (expected 200-399)");
    assertThat(server.requests("/status/502")).isEqualTo(3);
    // Backoff between attempts: 200 ms, then 400 ms.
    assertThat(result.attempts().get(1).startedAt())
        .isAfterOrEqualTo(result.attempts().get(0).startedAt().plusMillis(200));
    assertThat(result.attempts().get(2).startedAt())
        .isAfterOrEqualTo(result.attempts().get(1).startedAt().plusMillis(400));
  }

  @Test
  void noRetriesMeansOneAttempt() {
    CheckResult result = check.run(endpoint("/status/503").retries(0).spec());

    assertThat(result.attempts()).hasSize(1);
    assertThat(server.requests("/status/503")).isEqualTo(1);
  }

  @Test
  void retriesStopAtTheDeadline() {
    // 300 ms leave room for the 200 ms backoff after the first attempt, not for the 400 ms one.
    CheckResult result = check.run(endpoint("/status/502").timeoutMs(300).retries(5).spec());

    assertThat(result.status()).isEqualTo(CheckStatus.DOWN);
    assertThat(result.attempts()).hasSizeLessThan(6);
    assertThat(result.durationMs()).isLessThan(300 + 1500);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2})
  void passingOnlyAfterARetryIsDegradedWithTheOriginalCode(int fails) {
    String path = "/flaky/degraded-" + fails + "?fails=" + fails;

    CheckResult result = check.run(endpoint(path).retries(2).spec());

    assertThat(result.status()).isEqualTo(CheckStatus.DEGRADED);
    assertThat(result.attempts()).hasSize(fails + 1);
    assertThat(result.attempts()).last().extracting(Attempt::passed).isEqualTo(true);
    assertThat(result.attempts().get(0).status()).contains(502);
    assertThat(result.observed()).startsWith("200 OK");
    Finding f = finding(result);
    assertThat(f.code().id()).isEqualTo("HTTP_502");
    assertThat(f.runbook()).startsWith("runbooks/502-bad-gateway.html#");
  }

  @Test
  void failingEveryRetryOfAFlakyPathIsDown() {
    CheckResult result = check.run(endpoint("/flaky/down?fails=3").retries(2).spec());

    assertThat(result.status()).isEqualTo(CheckStatus.DOWN);
    assertThat(result.attempts()).hasSize(3);
    assertThat(finding(result).code().id()).isEqualTo("HTTP_502");
  }

  @Test
  void aServerSlowerThanTheTimeoutIsDownWithReadTimeoutWithinTheDeadline() {
    long timeoutMs = 1_000;

    CheckResult result =
        check.run(endpoint("/slow?ms=4000").timeoutMs(timeoutMs).retries(2).spec());

    assertThat(result.status()).isEqualTo(CheckStatus.DOWN);
    Finding f = finding(result);
    assertThat(f.code().id()).isEqualTo("READ_TIMEOUT");
    assertThat(f.hop()).isEqualTo(Hop.ORIGIN);
    assertThat(f.runbook()).isEqualTo("runbooks/504-gateway-timeout.html#origin");
    assertThat(result.observed()).contains("no response within");
    // A bound on the deadline, not a benchmark.
    assertThat(result.durationMs()).isLessThan(timeoutMs + 1500);
  }

  @Test
  void aRedirectFollowedTo200IsUp() {
    CheckResult result = check.run(endpoint("/redirect").spec());

    assertThat(result.status()).isEqualTo(CheckStatus.UP);
    assertThat(server.requests("/ok")).isEqualTo(1);
  }

  @Test
  void aRedirectLoopIsDown() {
    CheckResult result = check.run(endpoint("/loop").spec());

    assertThat(result.status()).isEqualTo(CheckStatus.DOWN);
    assertThat(finding(result).code().id()).isEqualTo("TOO_MANY_REDIRECTS");
    assertThat(finding(result).runbook())
        .isEqualTo("runbooks/http-errors.html#too-many-redirects");
  }

  @Test
  void redirectsAreFollowedSoTheStatusExpectationAppliesToTheFinalAnswer() {
    // The 302 itself is never compared with <expectStatus>; the 200 it leads to is.
    CheckResult result = check.run(endpoint("/redirect").expectStatus("302").spec());

    assertThat(result.status()).isEqualTo(CheckStatus.DOWN);
    assertThat(finding(result).code().id()).isEqualTo("HTTP_200");
  }

  @Test
  void withoutFollowingRedirectsTheRedirectItselfIsChecked() {
    CheckResult result =
        check.run(endpoint("/redirect").expectStatus("301-302").followRedirects(false).spec());

    assertThat(result.status()).isEqualTo(CheckStatus.UP);
    assertThat(result.observed()).startsWith("302");
  }

  @Test
  void aClosedPortIsConnectionRefusedOnTheNetworkHop() throws IOException {
    int port = LoopbackHttpServer.closedPort();
    URI url = URI.create("http://127.0.0.1:" + port + "/");

    CheckResult result =
        check.run(Endpoint.named("closed", url).timeoutMs(5_000).retries(0).spec());

    assertThat(result.status()).isEqualTo(CheckStatus.DOWN);
    Finding f = finding(result);
    assertThat(f.code().id()).isEqualTo("CONNECT_REFUSED");
    assertThat(f.hop()).isEqualTo(Hop.NETWORK);
    assertThat(f.summary()).contains("127.0.0.1:" + port);
    assertThat(f.runbook()).isEqualTo("runbooks/connection-failures.html#connection-refused");
  }

  @Test
  void anExpectedHeaderThatMatchesPasses() {
    CheckResult result =
        check.run(endpoint("/headers").expectHeader("Cache-Control", "max-age=\\d+").spec());

    assertThat(result.status()).isEqualTo(CheckStatus.UP);
  }

  @Test
  void anExpectedHeaderThatDoesNotMatchIsHeaderMismatch() {
    CheckResult result =
        check.run(endpoint("/headers").expectHeader("cache-control", "no-store").spec());

    assertThat(result.status()).isEqualTo(CheckStatus.DOWN);
    assertThat(result.observed())
        .isEqualTo("header cache-control: \"public, max-age=60\" (expected /no-store/)");
    Finding f = finding(result);
    assertThat(f.code().id()).isEqualTo("HEADER_MISMATCH");
    assertThat(f.runbook()).isEqualTo("runbooks/expectations.html#header-mismatch");
    assertThat(f.evidence()).contains("x-cache: HIT", "via: 1.1 loopback");
  }

  @Test
  void aMissingExpectedHeaderIsHeaderMismatch() {
    CheckResult result = check.run(endpoint("/ok").expectHeader("X-Cache", "HIT").spec());

    assertThat(finding(result).code().id()).isEqualTo("HEADER_MISMATCH");
    assertThat(result.observed()).isEqualTo("header X-Cache: missing (expected /HIT/)");
  }

  @Test
  void aSlowAnswerOverTheLatencyBudgetIsLatencyBudget() {
    CheckResult result = check.run(endpoint("/slow?ms=300").maxLatencyMs(100).spec());

    assertThat(result.status()).isEqualTo(CheckStatus.DOWN);
    assertThat(finding(result).code().id()).isEqualTo("LATENCY_BUDGET");
    assertThat(finding(result).runbook()).isEqualTo("runbooks/expectations.html#latency-budget");
    assertThat(result.observed()).endsWith(" ms (budget 100 ms)");
  }

  @Test
  void anAnswerWithinTheLatencyBudgetIsUp() {
    CheckResult result = check.run(endpoint("/ok").maxLatencyMs(3_000).spec());

    assertThat(result.status()).isEqualTo(CheckStatus.UP);
  }

  @Test
  void aPassingAnswerOverTheWarningBudgetIsDegraded() {
    CheckResult result =
        check.run(endpoint("/slow?ms=300").warnLatencyMs(100).maxLatencyMs(4_000).spec());

    assertThat(result.status()).isEqualTo(CheckStatus.DEGRADED);
    assertThat(finding(result).code().id()).isEqualTo("LATENCY_BUDGET");
    assertThat(finding(result).summary()).contains("(warning budget 100 ms)");
    assertThat(finding(result).runbook()).isEqualTo("runbooks/expectations.html#latency-budget");
  }

  @Test
  void anAnswerWithinTheWarningBudgetIsUp() {
    CheckResult result = check.run(endpoint("/ok").warnLatencyMs(3_000).spec());

    assertThat(result.status()).isEqualTo(CheckStatus.UP);
  }

  @Test
  void aBodyLargerThanTheCapIsTruncatedAndTheCheckStillPasses() {
    CheckResult result = check.run(endpoint("/large").spec());

    assertThat(result.status()).isEqualTo(CheckStatus.UP);
    assertThat(result.finding()).isEmpty();
  }

  @Test
  void aHealthyOriginBehindAFailingEdgeBlamesTheEdge() {
    CheckResult result = check.run(endpoint("/status/502").origin(server.uri("/ok")).spec());

    assertThat(result.status()).isEqualTo(CheckStatus.DOWN);
    Finding f = finding(result);
    assertThat(f.code().id()).isEqualTo("HTTP_502");
    assertThat(f.hop()).isEqualTo(Hop.EDGE);
    assertThat(f.runbook()).isEqualTo("runbooks/502-bad-gateway.html#edge-to-origin");
    assertThat(f.summary())
        .startsWith("The origin answers 200 OK directly, but the edge answers 502 Bad Gateway");
    assertThat(f.evidence())
        .anySatisfy(e -> assertThat(e).startsWith("origin GET " + server.uri("/ok") + " -> 200 OK"));
    assertThat(server.requests("/ok")).isEqualTo(1);
  }

  @Test
  void anOriginThatFailsItselfIsBlamed() {
    CheckResult result =
        check.run(endpoint("/status/502").origin(server.uri("/status/503")).spec());

    Finding f = finding(result);
    assertThat(f.code().id()).isEqualTo("HTTP_502");
    assertThat(f.hop()).isEqualTo(Hop.ORIGIN);
    assertThat(f.runbook()).isEqualTo("runbooks/502-bad-gateway.html#origin-unreachable");
    assertThat(f.summary()).contains("The origin fails when asked directly too (503 Service Unavailable");
  }

  @Test
  void anOriginThatRefusesConnectionsIsBlamed() throws IOException {
    URI origin = URI.create("http://127.0.0.1:" + LoopbackHttpServer.closedPort() + "/");

    CheckResult result = check.run(endpoint("/status/502").origin(origin).spec());

    assertThat(finding(result).hop()).isEqualTo(Hop.ORIGIN);
    assertThat(finding(result).summary())
        .startsWith("The origin fails when asked directly too")
        .containsIgnoringCase("refused");
  }

  @Test
  void anOriginAsSlowAsTheEdgeTimeoutIsBlamed() {
    long timeoutMs = 800;

    CheckResult result =
        check.run(
            endpoint("/slow?ms=4000")
                .origin(server.uri("/slow?ms=4000"))
                .timeoutMs(timeoutMs)
                .spec());

    Finding f = finding(result);
    assertThat(f.code().id()).isEqualTo("READ_TIMEOUT");
    assertThat(f.hop()).isEqualTo(Hop.ORIGIN);
    assertThat(f.runbook()).isEqualTo("runbooks/504-gateway-timeout.html#origin");
    // The origin gets the check's timeout of its own, after the edge used up the deadline.
    assertThat(result.durationMs()).isLessThan(2 * timeoutMs + 1500);
  }

  @Test
  void aFastOriginBehindATimingOutEdgeBlamesTheEdge() {
    CheckResult result =
        check.run(endpoint("/slow?ms=4000").origin(server.uri("/ok")).timeoutMs(800).spec());

    Finding f = finding(result);
    assertThat(f.code().id()).isEqualTo("READ_TIMEOUT");
    assertThat(f.hop()).isEqualTo(Hop.EDGE);
    assertThat(f.runbook()).isEqualTo("runbooks/504-gateway-timeout.html#edge-to-origin");
  }

  @Test
  void theOriginIsOnlyProbedWhenTheCheckIsDown() {
    CheckResult result =
        check.run(endpoint("/flaky/origin?fails=1").retries(1).origin(server.uri("/ok")).spec());

    assertThat(result.status()).isEqualTo(CheckStatus.DEGRADED);
    assertThat(server.requests("/ok")).isZero();
    // The origin is configured, so the finding must not tell the user to add one.
    Finding f = finding(result);
    assertThat(f.summary()).doesNotContain("add <origin>");
    assertThat(f.evidence()).noneMatch(e -> e.contains("no <origin> configured"));
    assertThat(f.evidence()).contains("origin " + server.uri("/ok") + " not probed");
  }
}
