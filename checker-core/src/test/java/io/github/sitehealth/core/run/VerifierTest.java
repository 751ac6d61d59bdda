package io.github.sitehealth.core.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.sitehealth.core.report.JUnitXml;
import io.github.sitehealth.core.report.OpenMetrics;
import io.github.sitehealth.core.report.ResultsJson;
import io.github.sitehealth.core.result.CheckStatus;
import io.github.sitehealth.core.result.RunResult;
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
