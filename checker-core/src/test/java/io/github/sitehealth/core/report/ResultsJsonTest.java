package io.github.sitehealth.core.report;

import static io.github.sitehealth.core.testing.SampleResults.degraded;
import static io.github.sitehealth.core.testing.SampleResults.down502;
import static io.github.sitehealth.core.testing.SampleResults.refused;
import static io.github.sitehealth.core.testing.SampleResults.run;
import static io.github.sitehealth.core.testing.SampleResults.someAddressesFail;
import static io.github.sitehealth.core.testing.SampleResults.someRequestsFail;
import static io.github.sitehealth.core.testing.SampleResults.up;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsJsonTest {

  @TempDir Path dir;

  private JsonNode root;

  @BeforeEach
  void writeAndReadBack() throws IOException {
    Path file = dir.resolve("site-health").resolve(ResultsJson.FILE_NAME);
    new ResultsJson().write(run(up("home"), degraded("api"), down502("shop"), refused("cdn")), file);
    root = new ObjectMapper().readTree(file.toFile());
  }

  @Test
  void hasSchemaVersion1AndASummary() {
    assertThat(root.get("schemaVersion").isInt()).isTrue();
    assertThat(root.get("schemaVersion").asInt()).isEqualTo(1);
    assertThat(root.get("startedAt").asText()).isEqualTo("2026-01-02T03:04:05Z");
    assertThat(root.get("durationMs").asLong()).isEqualTo(1234);
    JsonNode summary = root.get("summary");
    assertThat(summary.get("checks").asInt()).isEqualTo(4);
    assertThat(summary.get("UP").asInt()).isEqualTo(1);
    assertThat(summary.get("DEGRADED").asInt()).isEqualTo(1);
    assertThat(summary.get("DOWN").asInt()).isEqualTo(2);
  }

  @Test
  void listsEveryCheckInOrderWithNameKindAndStatus() {
    JsonNode checks = root.get("checks");

    assertThat(checks.isArray()).isTrue();
    assertThat(checks).extracting(c -> c.get("name").asText())
        .containsExactly("home", "api", "shop", "cdn");
    assertThat(checks).extracting(c -> c.get("kind").asText()).containsOnly("http");
    assertThat(checks).extracting(c -> c.get("status").asText())
        .containsExactly("UP", "DEGRADED", "DOWN", "DOWN");
  }

  @Test
  void anUpCheckHasANullFinding() {
    JsonNode home = root.get("checks").get(0);

    assertThat(home.has("finding")).isTrue();
    assertThat(home.get("finding").isNull()).isTrue();
    assertThat(home.get("target").asText()).isEqualTo("https://home.example.com/");
    assertThat(home.get("observed").asText()).isEqualTo("200 OK");
    assertThat(home.get("latencyMs").asLong()).isEqualTo(42);
  }

  @Test
  void aDownCheckHasItsFindingWithALowercaseHop() {
    JsonNode shop = root.get("checks").get(2).get("finding");

    assertThat(shop.get("code").asText()).isEqualTo("HTTP_502");
    assertThat(shop.get("hop").asText()).isEqualTo("origin");
    assertThat(shop.get("summary").asText()).startsWith("The origin fails when asked directly");
    assertThat(shop.get("runbook").asText()).isEqualTo("runbooks/502-bad-gateway.html#origin-unreachable");
    assertThat(shop.get("evidence")).extracting(JsonNode::asText)
        .containsExactly("GET https://shop.example.com/ -> 502 Bad Gateway in 12 ms",
            "server: nginx");

    JsonNode cdn = root.get("checks").get(3).get("finding");
    assertThat(cdn.get("code").asText()).isEqualTo("CONNECT_REFUSED");
    assertThat(cdn.get("hop").asText()).isEqualTo("network");
  }

  @Test
  void aDegradedCheckKeepsItsFindingAndEveryAttempt() {
    JsonNode api = root.get("checks").get(1);

    assertThat(api.get("finding").get("code").asText()).isEqualTo("HTTP_503");
    JsonNode attempts = api.get("attempts");
    assertThat(attempts).hasSize(2);
    assertThat(attempts.get(0).get("number").asInt()).isEqualTo(1);
    assertThat(attempts.get(0).get("httpStatus").asInt()).isEqualTo(503);
    assertThat(attempts.get(0).get("passed").asBoolean()).isFalse();
    assertThat(attempts.get(1).get("passed").asBoolean()).isTrue();
    assertThat(attempts.get(1).get("startedAt").asText()).isEqualTo("2026-01-02T03:04:05.209Z");
  }

  @Test
  void anAttemptWithoutResponseHasANullHttpStatus() {
    JsonNode attempt = root.get("checks").get(3).get("attempts").get(0);

    assertThat(attempt.get("httpStatus").isNull()).isTrue();
    assertThat(attempt.get("outcome").asText()).isEqualTo("connect refused");
  }

  @Test
  void aCheckOfOneAddressAndOneSampleHasNoAddressesAndNullSampling() {
    for (JsonNode check : root.get("checks")) {
      assertThat(check.get("addresses").isArray()).isTrue();
      assertThat(check.get("addresses")).isEmpty();
      assertThat(check.has("sampling")).isTrue();
      assertThat(check.get("sampling").isNull()).isTrue();
    }
  }

  @Test
  void eachAddressHasItsStatusObservedCodeHopAndFailureRate() throws IOException {
    JsonNode addresses = partialChecks().get(0).get("addresses");

    assertThat(addresses).extracting(a -> a.get("address").asText())
        .containsExactly("127.0.0.1", "127.0.0.2", "127.0.0.3");
    JsonNode up = addresses.get(0);
    assertThat(up.get("status").asText()).isEqualTo("UP");
    assertThat(up.get("observed").asText()).isEqualTo("200 OK");
    assertThat(up.get("code").isNull()).isTrue();
    assertThat(up.get("hop").isNull()).isTrue();
    assertThat(up.get("latencyMs").asLong()).isEqualTo(30);
    assertThat(up.get("samples").asInt()).isEqualTo(6);
    assertThat(up.get("failedSamples").asInt()).isZero();
    assertThat(up.get("failureRate").asDouble()).isZero();
    JsonNode down = addresses.get(2);
    assertThat(down.get("status").asText()).isEqualTo("DOWN");
    assertThat(down.get("observed").asText()).isEqualTo("connection refused");
    assertThat(down.get("code").asText()).isEqualTo("CONNECT_REFUSED");
    assertThat(down.get("hop").asText()).isEqualTo("network");
    assertThat(down.get("failedSamples").asInt()).isEqualTo(8);
    assertThat(down.get("failureRate").asDouble()).isEqualTo(100.0);
    assertThat(addresses.get(1).get("code").asText()).isEqualTo("HTTP_502");
  }

  @Test
  void samplingHasItsCountsRatesWindowAndEachFailedSample() throws IOException {
    JsonNode checks = partialChecks();
    JsonNode sampling = checks.get(0).get("sampling");

    assertThat(sampling.get("samples").asInt()).isEqualTo(20);
    assertThat(sampling.get("failed").asInt()).isEqualTo(9);
    assertThat(sampling.get("failureRate").asDouble()).isEqualTo(45.0);
    assertThat(sampling.get("windowMs").asLong()).isEqualTo(10_000);
    assertThat(sampling.get("maxFailureRate").asDouble()).isZero();
    JsonNode failures = sampling.get("failures");
    assertThat(failures).hasSize(9);
    JsonNode refused = failures.get(0);
    assertThat(refused.get("sample").asInt()).isEqualTo(3);
    assertThat(refused.get("startedAt").asText()).isEqualTo("2026-01-02T03:04:06Z");
    assertThat(refused.get("durationMs").asLong()).isEqualTo(1);
    assertThat(refused.get("address").asText()).isEqualTo("127.0.0.3");
    assertThat(refused.get("status").isNull()).isTrue();
    assertThat(refused.get("code").asText()).isEqualTo("CONNECT_REFUSED");
    assertThat(refused.get("observed").asText()).isEqualTo("connection refused");
    assertThat(failures.get(3).get("status").asInt()).isEqualTo(502);

    JsonNode chosen = checks.get(1);
    assertThat(chosen.get("addresses")).isEmpty();
    assertThat(chosen.get("sampling").get("maxFailureRate").asDouble()).isEqualTo(20.0);
    assertThat(chosen.get("sampling").get("failures").get(0).get("address").isNull()).isTrue();
  }

  private JsonNode partialChecks() throws IOException {
    Path file = dir.resolve("partial").resolve(ResultsJson.FILE_NAME);
    new ResultsJson().write(run(someAddressesFail("www"), someRequestsFail("api")), file);
    return new ObjectMapper().readTree(file.toFile()).get("checks");
  }
}
