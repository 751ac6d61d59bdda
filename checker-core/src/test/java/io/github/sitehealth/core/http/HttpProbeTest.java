package io.github.sitehealth.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sitehealth.core.testing.LoopbackHttpServer;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HttpProbeTest {

  private static final Duration BUDGET = Duration.ofSeconds(5);
  private static final int CAP = HttpProbe.DEFAULT_BODY_CAP;

  private static HttpProbe probe;
  private LoopbackHttpServer server;

  @BeforeAll
  static void startProbe() {
    probe = new HttpProbe(16, 16, CAP);
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

  private ProbeOutcome fetch(String path) {
    return probe.fetch(server.uri(path), Map.of(), BUDGET);
  }

  @Test
  void returnsStatusHeadersAndBody() {
    ProbeOutcome outcome = fetch("/headers");

    assertThat(outcome.error()).isEmpty();
    HttpSnapshot r = outcome.response().orElseThrow();
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.statusLine()).isEqualTo("200 OK");
    assertThat(r.uri()).isEqualTo(server.uri("/headers"));
    assertThat(r.field("cache-control")).contains("public, max-age=60");
    assertThat(r.field("X-CACHE")).contains("HIT");
    assertThat(r.bodyText()).isEqualTo("with headers");
    assertThat(r.truncated()).isFalse();
    assertThat(r.headersMs()).isBetween(0L, r.totalMs());
    assertThat(outcome.durationMs()).isEqualTo(r.totalMs());
  }

  @Test
  void plainHttpSetsUpNoTls() {
    try (HttpProbe fresh = new HttpProbe(4, 4, CAP)) {
      assertThat(fresh.fetch(server.uri("/headers"), Map.of(), BUDGET).error()).isEmpty();

      assertThat(fresh.tlsSetUp()).as("the JDK's trust store read for plain HTTP").isFalse();
    }
  }

  @Test
  void anAuthenticationChallengeIsTheAnswerNotAnsweredAgain() {
    ProbeOutcome outcome = fetch("/challenge");

    assertThat(outcome.error()).isEmpty();
    assertThat(outcome.response().orElseThrow().status()).isEqualTo(401);
    assertThat(outcome.response().orElseThrow().field("www-authenticate")).isPresent();
    assertThat(server.requests("/challenge")).isEqualTo(1);
  }

  @Test
  void anErrorStatusIsAResponseNotAnError() {
    ProbeOutcome outcome = fetch("/status/502");

    assertThat(outcome.error()).isEmpty();
    assertThat(outcome.response().orElseThrow().status()).isEqualTo(502);
    assertThat(outcome.describe()).isEqualTo("502 Bad Gateway");
  }

  @Test
  void sendsTheConfiguredRequestHeaders() {
    probe.fetch(server.uri("/ok"), Map.of("Authorization", "Bearer t0ken"), BUDGET);

    var headers = server.lastRequestHeaders("/ok").orElseThrow();
    assertThat(headers.getFirst("Authorization")).isEqualTo("Bearer t0ken");
    assertThat(headers.getFirst("User-Agent")).isEqualTo("site-health");
  }

  @Test
  void followsARedirectAndReportsTheFinalUri() {
    ProbeOutcome outcome = fetch("/redirect");

    HttpSnapshot r = outcome.response().orElseThrow();
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.uri()).isEqualTo(server.uri("/ok"));
    assertThat(server.requests("/redirect")).isEqualTo(1);
    assertThat(server.requests("/ok")).isEqualTo(1);
  }

  @Test
  void followsAChainWithinTheRedirectLimit() {
    ProbeOutcome outcome = fetch("/chain/" + (HttpProbe.MAX_REDIRECTS - 1));

    assertThat(outcome.response().orElseThrow().uri()).isEqualTo(server.uri("/ok"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"/loop", "/chain/20"})
  void aRedirectLoopOrAnEndlessChainIsTooManyRedirects(String path) {
    ProbeOutcome outcome = fetch(path);

    assertThat(outcome.error()).contains(ProbeError.TOO_MANY_REDIRECTS);
    assertThat(outcome.response()).isEmpty();
    assertThat(server.requests("/ok")).isZero();
  }

  @Test
  void aClosedPortIsConnectionRefused() throws IOException {
    URI closed = URI.create("http://127.0.0.1:" + LoopbackHttpServer.closedPort() + "/");

    ProbeOutcome outcome = probe.fetch(closed, Map.of(), BUDGET);

    assertThat(outcome.error()).contains(ProbeError.CONNECT_REFUSED);
    assertThat(outcome.describe()).containsIgnoringCase("refused");
  }

  @Test
  void aSilentServerIsAReadTimeoutEndedAtTheBudget() {
    Duration budget = Duration.ofMillis(700);
    long start = System.nanoTime();

    ProbeOutcome outcome = probe.fetch(server.uri("/slow?ms=4000"), Map.of(), budget);

    long elapsedMs = (System.nanoTime() - start) / 1_000_000;
    assertThat(outcome.error()).contains(ProbeError.READ_TIMEOUT);
    assertThat(outcome.detail()).isEqualTo("no response within 700 ms");
    assertThat(elapsedMs).isGreaterThanOrEqualTo(650).isLessThan(700 + 1500);
  }

  @Test
  void aTricklingBodyIsAReadTimeoutEndedAtTheBudget() {
    Duration budget = Duration.ofMillis(700);
    long start = System.nanoTime();

    ProbeOutcome outcome = probe.fetch(server.uri("/trickle?ms=4000"), Map.of(), budget);

    long elapsedMs = (System.nanoTime() - start) / 1_000_000;
    assertThat(outcome.error()).contains(ProbeError.READ_TIMEOUT);
    assertThat(outcome.detail()).isEqualTo("the body did not complete within 700 ms");
    assertThat(elapsedMs).isLessThan(700 + 1500);
  }

  @Test
  void aBodyLargerThanTheCapIsCutAtTheCap() {
    ProbeOutcome outcome = fetch("/large");

    HttpSnapshot r = outcome.response().orElseThrow();
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.truncated()).isTrue();
    assertThat(r.body()).hasSize(CAP);
    assertThat(LoopbackHttpServer.LARGE_BODY_BYTES).isGreaterThan(CAP);
  }

  @Test
  void aBodyOfExactlyTheCapIsKeptWhole() {
    ProbeOutcome outcome = fetch("/large?bytes=" + CAP);

    HttpSnapshot r = outcome.response().orElseThrow();
    assertThat(r.truncated()).isFalse();
    assertThat(r.body()).hasSize(CAP);
  }

  @Test
  void theCapIsConfigurable() {
    try (HttpProbe small = new HttpProbe(2, 2, 1000)) {
      HttpSnapshot r =
          small.fetch(server.uri("/large?bytes=5000"), Map.of(), BUDGET).response().orElseThrow();

      assertThat(r.truncated()).isTrue();
      assertThat(r.body()).hasSize(1000);
    }
  }
}
