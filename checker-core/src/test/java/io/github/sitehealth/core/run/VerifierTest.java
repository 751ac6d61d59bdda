package io.github.sitehealth.core.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.sitehealth.core.report.JUnitXml;
import io.github.sitehealth.core.report.OpenMetrics;
import io.github.sitehealth.core.report.ResultsJson;
import io.github.sitehealth.core.result.CheckStatus;
import io.github.sitehealth.core.result.RunResult;
import io.github.sitehealth.core.result.Shard;
import io.github.sitehealth.core.spec.EndpointConfig;
import io.github.sitehealth.core.spec.RunConfig;
import io.github.sitehealth.core.spec.SpecParser;
import io.github.sitehealth.core.testing.Endpoint;
import io.github.sitehealth.core.testing.LoopbackHttpServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class VerifierTest {

  @TempDir Path out;

  @Test
  void theRunbookLinksDecideTheLinkOfEveryOutput() throws Exception {
    try (LoopbackHttpServer server = LoopbackHttpServer.start()) {
      var spec =
          SpecParser.parse(
              new RunConfig(
                  List.of(
                      Endpoint.named("asset", server.uri("/ok"))
                          .expectHeader("X-Never-Sent", ".")
                          .retries(0)
                          .config()),
                  null,
                  null));
      List<String> seen = new java.util.ArrayList<>();
      String team = "runbooks/team-caching.html#header-mismatch";

      RunResult run =
          new Verifier(
                  r -> seen.add(r.finding().orElseThrow().runbook()),
                  (code, hop) -> code.id().equals("HEADER_MISMATCH") ? team : "runbooks/other.html")
              .verify(spec, out);

      assertThat(seen).containsExactly(team);
      assertThat(run.checks().get(0).finding().orElseThrow().runbook()).isEqualTo(team);
      JsonNode json = new ObjectMapper().readTree(out.resolve(ResultsJson.FILE_NAME).toFile());
      assertThat(json.at("/checks/0/finding/runbook").asText()).isEqualTo(team);
      assertThat(Files.readString(out.resolve(JUnitXml.FILE_NAME))).contains("runbook: " + team);
    }
  }

  @Test
  void aShardRunsOnlyItsShareAndTheResultsRecordTheShardAndTheVantage() throws Exception {
    try (LoopbackHttpServer server = LoopbackHttpServer.start()) {
      List<EndpointConfig> endpoints = java.util.stream.IntStream.range(0, 6)
          .mapToObj(i -> Endpoint.named("page-" + i, server.uri("/ok")).config())
          .toList();
      List<String> ran = new java.util.ArrayList<>();
      for (int k = 1; k <= 2; k++) {
        var spec = SpecParser.parse(RunConfig.builder().endpoints(endpoints).vantage("eu-west")
            .shard(k + "/2").build());
        Path dir = out.resolve("share-" + k);

        RunResult run = new Verifier(r -> { }).verify(spec, dir);

        assertThat(run.shard()).contains(new Shard(k, 2));
        assertThat(run.vantage()).contains("eu-west");
        assertThat(run.checks()).hasSize(spec.share().size());
        run.checks().forEach(c -> ran.add(c.name()));
        JsonNode json = new ObjectMapper().readTree(dir.resolve(ResultsJson.FILE_NAME).toFile());
        assertThat(json.get("shard").asText()).isEqualTo(k + "/2");
        assertThat(json.get("vantage").asText()).isEqualTo("eu-west");
        assertThat(Files.readString(dir.resolve(OpenMetrics.FILE_NAME)))
            .contains("vantage=\"eu-west\"");
      }
      assertThat(ran).containsExactlyInAnyOrder(
          "page-0", "page-1", "page-2", "page-3", "page-4", "page-5");
    }
  }

  @Test
  void anEmptyShareWritesResultsWithoutChecks() throws Exception {
    // One check: one of two shares holds it, the other is empty.
    int empty = Shard.of("only", 2) == 1 ? 2 : 1;
    var spec = SpecParser.parse(RunConfig.builder()
        .endpoints(List.of(Endpoint.named("only", "http://127.0.0.1:9/").config()))
        .shard(empty + "/2").build());

    RunResult run = new Verifier(r -> { }).verify(spec, out);

    assertThat(run.checks()).isEmpty();
    assertThat(new ResultsJson().read(out.resolve(ResultsJson.FILE_NAME)).shard())
        .contains(new Shard(empty, 2));
  }

  @Test
  void runsTheChecksAndWritesTheResultFiles() throws Exception {
    try (LoopbackHttpServer server = LoopbackHttpServer.start()) {
      var spec =
          SpecParser.parse(
              new RunConfig(
                  List.of(
                      Endpoint.named("home", server.uri("/ok")).config(),
                      Endpoint.named("shop", server.uri("/status/502"))
                          .origin(server.uri("/ok"))
                          .retries(0)
                          .config(),
                      Endpoint.named("debug", server.uri("/control-chars"))
                          .expectHeader("X-Debug", "^ok$")
                          .retries(0)
                          .config()),
                  null,
                  null));
      AtomicInteger finished = new AtomicInteger();

      RunResult run = new Verifier(r -> finished.incrementAndGet()).verify(spec, out);

      assertThat(finished).hasValue(3);
      assertThat(run.checks())
          .extracting(c -> c.status())
          .containsExactly(CheckStatus.UP, CheckStatus.DOWN, CheckStatus.DOWN);

      JsonNode json = new ObjectMapper().readTree(out.resolve(ResultsJson.FILE_NAME).toFile());
      assertThat(json.get("schemaVersion").asInt()).isEqualTo(1);
      JsonNode shop = json.get("checks").get(1).get("finding");
      assertThat(shop.get("code").asText()).isEqualTo("HTTP_502");
      assertThat(shop.get("hop").asText()).isEqualTo("edge");
      assertThat(shop.get("runbook").asText())
          .isEqualTo("runbooks/502-bad-gateway.html#edge-to-origin");
      assertThat(json.get("checks").get(2).get("finding").get("code").asText())
          .isEqualTo("HEADER_MISMATCH");

      // The server's control characters reach the XML through the observed header value.
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      Document xml =
          factory.newDocumentBuilder().parse(out.resolve(JUnitXml.FILE_NAME).toFile());
      assertThat(xml.getDocumentElement().getAttribute("tests")).isEqualTo("3");
      assertThat(xml.getDocumentElement().getAttribute("failures")).isEqualTo("2");
      Element debugFailure = (Element) xml.getElementsByTagName("failure").item(1);
      assertThat(debugFailure.getAttribute("type")).isEqualTo("HEADER_MISMATCH");
      assertThat(debugFailure.getAttribute("message")).startsWith("header X-Debug: \"a");

      try (var files = Files.list(out)) {
        assertThat(files.map(p -> p.getFileName().toString()))
            .containsExactlyInAnyOrder(
                ResultsJson.FILE_NAME, JUnitXml.FILE_NAME, OpenMetrics.FILE_NAME);
      }
    }
  }
}
