package io.github.sitehealth.core.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sitehealth.core.result.CheckResult;
import io.github.sitehealth.core.result.CheckStatus;
import io.github.sitehealth.core.result.RunResult;
import io.github.sitehealth.core.spec.EndpointConfig;
import io.github.sitehealth.core.spec.RunConfig;
import io.github.sitehealth.core.spec.RunSpec;
import io.github.sitehealth.core.spec.SpecParser;
import io.github.sitehealth.core.testing.Endpoint;
import io.github.sitehealth.core.testing.LoopbackHttpServer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CheckRunnerTest {

  private LoopbackHttpServer server;

  @BeforeEach
  void startServer() throws IOException {
    server = LoopbackHttpServer.start();
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  private static RunSpec run(List<EndpointConfig> endpoints, int concurrency, int perHost) {
    return SpecParser.parse(new RunConfig(endpoints, concurrency, perHost));
  }

  private List<EndpointConfig> slowChecks(LoopbackHttpServer target, int count, int sleepMs) {
    List<EndpointConfig> endpoints = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      endpoints.add(
          Endpoint.named("slow-" + i, target.uri("/slow?ms=" + sleepMs))
              .timeoutMs(5_000)
              .retries(0)
              .config());
    }
    return endpoints;
  }

  @Test
  void runsChecksConcurrently() {
    RunResult result =
        new CheckRunner(CheckListener.NONE).run(run(slowChecks(server, 20, 300), 20, 20));

    assertThat(result.checks()).extracting(CheckResult::status).containsOnly(CheckStatus.UP);
    // All 20 were at the server at once; one after the other the maximum would be 1.
    assertThat(server.maxInFlight()).isEqualTo(20);
    assertThat(server.requests("/slow")).isEqualTo(20);
  }

  @Test
  void theRunWideConcurrencyIsRespected() {
    RunResult result =
        new CheckRunner(CheckListener.NONE).run(run(slowChecks(server, 8, 200), 3, 8));

    assertThat(result.count(CheckStatus.UP)).isEqualTo(8);
    assertThat(server.maxInFlight()).isEqualTo(3);
  }

  @Test
  void thePerHostConcurrencyIsRespected() {
    RunResult result =
        new CheckRunner(CheckListener.NONE).run(run(slowChecks(server, 6, 200), 20, 2));

    assertThat(result.count(CheckStatus.UP)).isEqualTo(6);
    assertThat(server.maxInFlight()).isEqualTo(2);
  }

  @Test
  void aCheckWaitingForItsHostDoesNotHoldUpAnotherHost() throws IOException {
    try (LoopbackHttpServer other = LoopbackHttpServer.start()) {
      List<EndpointConfig> endpoints = new ArrayList<>(slowChecks(server, 3, 400));
      endpoints.add(Endpoint.named("other", other.uri("/ok")).retries(0).config());

      RunResult result = new CheckRunner(CheckListener.NONE).run(run(endpoints, 2, 1));

      Map<String, CheckResult> byName = byName(result);
      // With one connection per host, slow-1 starts only after slow-0 is done; "other" does not
      // wait for that, although it comes later in the configuration.
      assertThat(byName.get("other").startedAt()).isBefore(byName.get("slow-1").startedAt());
      assertThat(server.maxInFlight()).isEqualTo(1);
    }
  }

  @Test
  void resultsAreInConfigurationOrder() throws IOException {
    int closed = LoopbackHttpServer.closedPort();
    List<EndpointConfig> endpoints =
        List.of(
            Endpoint.named("slowest", server.uri("/slow?ms=600")).retries(0).config(),
            Endpoint.named("down", server.uri("/status/503")).retries(0).config(),
            Endpoint.named("refused", "http://127.0.0.1:" + closed + "/").retries(0).config(),
            Endpoint.named("slow", server.uri("/slow?ms=300")).retries(0).config(),
            Endpoint.named("fast", server.uri("/ok")).retries(0).config());

    RunResult result = new CheckRunner(CheckListener.NONE).run(run(endpoints, 8, 8));

    assertThat(result.checks())
        .extracting(CheckResult::name)
        .containsExactly("slowest", "down", "refused", "slow", "fast");
    assertThat(result.checks())
        .extracting(CheckResult::status)
        .containsExactly(
            CheckStatus.UP, CheckStatus.DOWN, CheckStatus.DOWN, CheckStatus.UP, CheckStatus.UP);
    assertThat(result.summaryLine()).isEqualTo("site-health: 5 checks, 3 UP, 0 DEGRADED, 2 DOWN");
  }

  @Test
  void theListenerIsCalledOncePerCheck() {
    ConcurrentLinkedQueue<String> finished = new ConcurrentLinkedQueue<>();
    Map<String, String> threads = new ConcurrentHashMap<>();
    CheckListener listener =
        r -> {
          finished.add(r.name());
          threads.put(r.name(), Thread.currentThread().getName());
        };

    RunResult result = new CheckRunner(listener).run(run(slowChecks(server, 10, 50), 4, 4));

    assertThat(finished)
        .hasSize(10)
        .containsExactlyInAnyOrderElementsOf(
            result.checks().stream().map(CheckResult::name).toList());
    assertThat(threads.values()).allMatch(name -> name.startsWith("site-health-check-"));
  }

  @Test
  void anEmptyRunHasNoChecks() {
    RunResult result = new CheckRunner(CheckListener.NONE).run(run(List.of(), 4, 4));

    assertThat(result.checks()).isEmpty();
    assertThat(result.summaryLine()).isEqualTo("site-health: 0 checks, 0 UP, 0 DEGRADED, 0 DOWN");
  }

  private static Map<String, CheckResult> byName(RunResult result) {
    return result.checks().stream()
        .collect(Collectors.toMap(CheckResult::name, Function.identity()));
  }
}
