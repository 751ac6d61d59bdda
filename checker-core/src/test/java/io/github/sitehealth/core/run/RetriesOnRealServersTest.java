package io.github.sitehealth.core.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sitehealth.core.http.HttpProbe;
import io.github.sitehealth.core.result.Attempt;
import io.github.sitehealth.core.result.CheckResult;
import io.github.sitehealth.core.result.CheckStatus;
import io.github.sitehealth.core.result.Finding;
import io.github.sitehealth.core.testing.Endpoint;
import io.github.sitehealth.core.testing.HostileServer;
import io.github.sitehealth.core.testing.Nginx;
import io.github.sitehealth.core.testing.RealServer;
import io.github.sitehealth.core.testing.TestCertificates;
import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Against a real nginx: a failure a retry cannot change (see {@code RetryPolicy}) gets exactly one
 * attempt, however many retries are configured; a transient one still gets every retry.
 */
class RetriesOnRealServersTest {

  private static final int RETRIES = 2;
  /** Room for every retry and its backoff (200 + 400 ms): the deadline never decides here. */
  private static final long TIMEOUT_MS = 10_000;

  private static TestCertificates certs;
  private static Nginx nginx;
  private static HttpProbe probe;
  private static int http;
  private static int selfSigned;
  private static int expired;
  private static int wrongHost;
  private static int dead;

  @BeforeAll
  static void start() throws Exception {
    Nginx.require();
    TestCertificates.require();
    certs = TestCertificates.create();
    http = RealServer.freePort();
    selfSigned = RealServer.freePort();
    expired = RealServer.freePort();
    wrongHost = RealServer.freePort();
    dead = RealServer.freePort(); // nothing listens there: the upstream is down
    nginx =
        Nginx.start(
            String.join("\n",
                TestCertificates.nginxServer(selfSigned, certs.selfSigned),
                TestCertificates.nginxServer(expired, certs.expired),
                TestCertificates.nginxServer(wrongHost, certs.wrongHost),
                "server {",
                "  listen 127.0.0.1:" + http + ";",
                "  location = /ok { return 200 ok; }",
                "  location = /loop { return 302 /loop; }",
                // every hop a new URL: no loop, just more redirects than the probe follows
                "  location /chain/ { return 302 $uri/x; }",
                "  location = /missing { return 404; }",
                "  location = /gone { return 410; }",
                "  location = /not-implemented { return 501; }",
                "  location = /no-store { add_header Cache-Control no-store; return 200 ok; }",
                "  location = /dead-upstream { proxy_pass http://127.0.0.1:" + dead + "; }",
                "  location = /maintenance {",
                "    add_header Retry-After 3600 always;",
                "    return 503;",
                "  }",
                "  location = /busy {",
                "    add_header Retry-After 0 always;",
                "    return 503;",
                "  }",
                "  location = /slow { echo_sleep 0.3; echo ok; }",
                "  location = /slower { echo_sleep 2; echo ok; }",
                "}"),
            http, selfSigned, expired, wrongHost);
    probe = new HttpProbe(8, 8, HttpProbe.DEFAULT_BODY_CAP);
  }

  @AfterAll
  static void stop() throws Exception {
    for (AutoCloseable c : new AutoCloseable[] {probe, nginx, certs}) {
      if (c != null) {
        c.close();
      }
    }
  }

  private static CheckResult check(Endpoint endpoint) {
    CheckResult result =
        new HttpCheck(probe).run(endpoint.timeoutMs(TIMEOUT_MS).retries(RETRIES).spec());
    assertThat(result.attempts()).extracting(Attempt::passed).containsOnly(false);
    return result;
  }

  private static void onceOnly(CheckResult result, String code) {
    assertThat(result.status()).isEqualTo(CheckStatus.DOWN);
    assertThat(result.finding().orElseThrow().code().id()).as(result.observed()).isEqualTo(code);
    assertThat(result.attempts()).as("attempts for %s", code).hasSize(1);
  }

  private static void everyRetry(CheckResult result, String code) {
    assertThat(result.status()).isEqualTo(CheckStatus.DOWN);
    assertThat(result.finding().orElseThrow().code().id()).as(result.observed()).isEqualTo(code);
    assertThat(result.attempts()).as("attempts for %s", code).hasSize(RETRIES + 1);
  }

  /** RFC 5280 §6 (path validation), RFC 6125 §6 (the name): the certificate does not change. */
  @ParameterizedTest
  @CsvSource({"selfSigned", "expired", "wrongHost"})
  void aCertificateThatFailsValidationIsNotRetried(String which) {
    int port = switch (which) {
      case "selfSigned" -> selfSigned;
      case "expired" -> expired;
      default -> wrongHost;
    };

    onceOnly(check(Endpoint.named("tls", "https://127.0.0.1:" + port + "/")), "TLS_INVALID");
  }

  /** RFC 9110 §15.4: a loop, or a chain longer than the client follows, is configuration. */
  @ParameterizedTest
  @CsvSource({"/loop", "/chain/a"})
  void redirectsWithoutEndAreNotRetried(String path) {
    onceOnly(check(Endpoint.named("redirects", url(path))), "TOO_MANY_REDIRECTS");
  }

  /** RFC 9110 §15.5: a client error is an answer about the request, the same every time. */
  @ParameterizedTest
  @CsvSource({"/missing, HTTP_404", "/gone, HTTP_410", "/not-implemented, HTTP_501"})
  void statusesThatDescribeTheRequestOrTheServersAbilitiesAreNotRetried(String path, String code) {
    onceOnly(check(Endpoint.named("status", url(path))), code);
  }

  @Test
  void headerAndCachingExpectationsAreNotRetried() {
    onceOnly(
        check(Endpoint.named("header", url("/ok")).expectHeader("X-Frame-Options", "DENY")),
        "HEADER_MISMATCH");
    onceOnly(
        check(Endpoint.named("cache", url("/no-store")).expectCacheable(true)), "NOT_CACHEABLE");
  }

  /** RFC 9110 §15.6.3: nginx's own 502 for an upstream that refuses is a transient failure. */
  @Test
  void a502FromNginxWithADeadUpstreamIsRetried() {
    everyRetry(check(Endpoint.named("gateway", url("/dead-upstream"))), "HTTP_502");
  }

  /** RFC 9110 §10.2.3: with Retry-After 0 the server allows an immediate retry. */
  @Test
  void a503AllowingAnImmediateRetryIsRetried() {
    everyRetry(check(Endpoint.named("busy", url("/busy"))), "HTTP_503");
  }

  /**
   * RFC 9110 §10.2.3, §15.6.4: a 503 whose Retry-After (an hour) lies beyond the check's deadline
   * will not change before it: one attempt.
   */
  @Test
  void a503AskingForMoreTimeThanTheDeadlineLeavesIsNotRetried() {
    onceOnly(check(Endpoint.named("maintenance", url("/maintenance"))), "HTTP_503");
  }

  @Test
  void aLatencyOverItsBudgetIsRetried() {
    everyRetry(check(Endpoint.named("slow", url("/slow")).maxLatencyMs(100)), "LATENCY_BUDGET");
  }

  /**
   * Two seconds an answer, 3 s for the whole check: the retry has under a second left and is cut
   * by the check's own deadline. That says nothing new about the server, whose complete answers
   * were over budget: LATENCY_BUDGET stays the verdict, not READ_TIMEOUT.
   */
  @Test
  void aRetryCutShortByTheChecksDeadlineDoesNotReplaceTheFailureSeen() {
    CheckResult result =
        new HttpCheck(probe)
            .run(Endpoint.named("slower", url("/slower")).maxLatencyMs(500).timeoutMs(3000)
                .retries(1).spec());

    assertThat(result.status()).isEqualTo(CheckStatus.DOWN);
    assertThat(result.attempts()).hasSize(2);
    assertThat(result.attempts().get(0).outcome()).contains("(budget 500 ms)");
    assertThat(result.attempts().get(1).outcome()).contains("within");
    Finding f = result.finding().orElseThrow();
    assertThat(f.code().id()).isEqualTo("LATENCY_BUDGET");
    assertThat(result.observed()).contains("(budget 500 ms)");
    assertThat(f.summary()).doesNotContain("no complete answer");
  }

  /** RFC 9110 §9.2.2: a GET may be sent again after a connection failure. */
  @Test
  void aRefusedConnectionIsRetried() {
    everyRetry(
        check(Endpoint.named("refused", "http://127.0.0.1:" + dead + "/")), "CONNECT_REFUSED");
  }

  /** RFC 9112 §2: what a server that does not speak HTTP sends does not change. */
  @Test
  void anAnswerThatIsNotHttpIsNotRetried() throws IOException {
    try (HostileServer hostile = HostileServer.start()) {
      onceOnly(
          check(Endpoint.named("not-http", hostile.uri("/not-http"))), "PROTOCOL_ERROR");
      assertThat(hostile.requests("/not-http")).isEqualTo(1);
    }
  }

  private static String url(String path) {
    return "http://127.0.0.1:" + http + path;
  }
}
