package io.github.sitehealth.core.report;

import static io.github.sitehealth.core.testing.SampleResults.someAddressesFail;
import static io.github.sitehealth.core.testing.SampleResults.someRequestsFail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.sitehealth.core.result.Attempt;
import io.github.sitehealth.core.result.CheckResult;
import io.github.sitehealth.core.result.CheckStatus;
import io.github.sitehealth.core.result.Finding;
import io.github.sitehealth.core.result.Hop;
import io.github.sitehealth.core.result.RunResult;
import io.github.sitehealth.core.result.Shard;
import io.github.sitehealth.core.result.VantageResult;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsJsonReadTest {

  @TempDir Path dir;

  private final ResultsJson json = new ResultsJson();

  static RunResult sampleRun() {
    Instant t0 = Instant.parse("2025-03-01T10:15:30.123Z");
    CheckResult up = new CheckResult(
        "home", "http", "https://www.example.com/", CheckStatus.UP, "200 OK", Optional.empty(),
        List.of(new Attempt(1, t0, 42, Optional.of(200), "200 OK", true)), t0, 43);
    CheckResult down = new CheckResult(
        "api \"quoted\" <b>", "http", "https://api.example.com/health", CheckStatus.DOWN,
        "502 Bad Gateway (expected 200-399)",
        Optional.of(new Finding(
            "HTTP_502", Hop.ORIGIN, "The origin fails when asked directly too.",
            "runbooks/502-bad-gateway.html#origin-unreachable",
            List.of("GET https://api.example.com/health -> 502 in 12 ms", "server: nginx\nx"))),
        List.of(
            new Attempt(1, t0, 12, Optional.of(502), "502 Bad Gateway", false),
            new Attempt(2, t0.plusMillis(500), 11, Optional.empty(), "connection reset", false)),
        t0, 530);
    return new RunResult(t0, 600, List.of(up, down));
  }

  @Test
  void readsBackWhatItWrote() throws IOException {
    RunResult run = sampleRun();
    Path file = dir.resolve(ResultsJson.FILE_NAME);
    json.write(run, file);

    assertThat(json.read(file)).isEqualTo(run);
  }

  @Test
  void missingFileIsNoSuchFile() {
    assertThatThrownBy(() -> json.read(dir.resolve("results.json")))
        .isInstanceOf(NoSuchFileException.class);
  }

  @Test
  void invalidJsonNamesTheFile() throws IOException {
    Path file = Files.writeString(dir.resolve("results.json"), "{\"schemaVersion\": 1,");
    assertThatThrownBy(() -> json.read(file))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("not valid JSON");
  }

  @Test
  void badFieldIsNamedByItsPath() throws IOException {
    Path file = dir.resolve("results.json");
    json.write(sampleRun(), file);
    Files.writeString(file, Files.readString(file).replace("\"DOWN\"", "\"BROKEN\""));

    assertThatThrownBy(() -> json.read(file))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("$.checks[1].status")
        .hasMessageContaining("BROKEN");
  }

  @Test
  void unknownHopIsRejected() throws IOException {
    Path file = dir.resolve("results.json");
    json.write(sampleRun(), file);
    Files.writeString(file, Files.readString(file).replace("\"origin\"", "\"moon\""));

    assertThatThrownBy(() -> json.read(file)).hasMessageContaining("$.checks[1].finding.hop");
  }

  @Test
  void unknownFindingCodeIsRejected() throws IOException {
    Path file = dir.resolve("results.json");
    json.write(sampleRun(), file);
    Files.writeString(file, Files.readString(file).replace("\"HTTP_502\"", "\"<script>\""));

    assertThatThrownBy(() -> json.read(file))
        .hasMessageContaining("$.checks[1].finding.code")
        .hasMessageContaining("<script>");
  }

  @Test
  void otherSchemaVersionIsRejected() throws IOException {
    Path file = Files.writeString(dir.resolve("results.json"),
        "{\"schemaVersion\": 2, \"startedAt\": \"2025-03-01T10:15:30Z\", \"durationMs\": 1, \"checks\": []}");
    assertThatThrownBy(() -> json.read(file)).hasMessageContaining("unsupported version 2");
  }

  @Test
  void readsBackEachAddressAndTheSamples() throws IOException {
    RunResult run = new RunResult(sampleRun().startedAt(), 10_100,
        List.of(someAddressesFail("www"), someRequestsFail("api"), sampleRun().checks().get(0)));
    Path file = dir.resolve(ResultsJson.FILE_NAME);
    json.write(run, file);

    RunResult read = json.read(file);

    assertThat(read).isEqualTo(run);
    assertThat(read.checks().get(0).addresses()).hasSize(3);
    assertThat(read.checks().get(1).sampling().orElseThrow().failures().get(0).address()).isEmpty();
  }

  @Test
  void aFileWrittenBeforeAddressesAndSamplesReadsAsNeither() throws IOException {
    Path file = dir.resolve(ResultsJson.FILE_NAME);
    json.write(sampleRun(), file);
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode root = (ObjectNode) mapper.readTree(file.toFile());
    root.get("checks").forEach(c -> ((ObjectNode) c).remove(List.of("addresses", "sampling")));
    mapper.writeValue(file.toFile(), root);
    assertThat(Files.readString(file)).doesNotContain("addresses").doesNotContain("sampling");

    RunResult read = json.read(file);

    assertThat(read).isEqualTo(sampleRun());
    assertThat(read.checks()).allSatisfy(c -> {
      assertThat(c.addresses()).isEmpty();
      assertThat(c.sampling()).isEmpty();
    });
  }

  @Test
  void aBadAddressIsNamedByItsPath() throws IOException {
    Path file = dir.resolve(ResultsJson.FILE_NAME);
    json.write(new RunResult(sampleRun().startedAt(), 1, List.of(someAddressesFail("www"))), file);
    Files.writeString(file, Files.readString(file).replace("\"CONNECT_REFUSED\"", "\"REFUSED\""));

    assertThatThrownBy(() -> json.read(file))
        .hasMessageContaining("$.checks[0].addresses[2].code")
        .hasMessageContaining("REFUSED");
  }

  @Test
  void badSamplingIsNamedByItsPath() throws IOException {
    Path file = dir.resolve(ResultsJson.FILE_NAME);
    json.write(new RunResult(sampleRun().startedAt(), 1, List.of(someRequestsFail("api"))), file);
    ObjectMapper mapper = new ObjectMapper();
    String written = Files.readString(file);

    ObjectNode root = (ObjectNode) mapper.readTree(written);
    ObjectNode sampling = (ObjectNode) root.get("checks").get(0).get("sampling");
    ((ObjectNode) sampling.get("failures").get(1)).put("status", "504");
    mapper.writeValue(file.toFile(), root);
    assertThatThrownBy(() -> json.read(file))
        .hasMessageContaining("$.checks[0].sampling.failures[1].status")
        .hasMessageContaining("expected an integer or null");

    root = (ObjectNode) mapper.readTree(written);
    ((ObjectNode) root.get("checks").get(0).get("sampling")).put("failed", 21);
    mapper.writeValue(file.toFile(), root);
    assertThatThrownBy(() -> json.read(file))
        .hasMessageContaining("$.checks[0].sampling.failed")
        .hasMessageContaining("at most samples (20)");

    root = (ObjectNode) mapper.readTree(written);
    ((ObjectNode) root.get("checks").get(0)).put("sampling", "yes");
    mapper.writeValue(file.toFile(), root);
    assertThatThrownBy(() -> json.read(file))
        .hasMessageContaining("$.checks[0].sampling: expected an object");

    root = (ObjectNode) mapper.readTree(written);
    ((ObjectNode) root.get("checks").get(0)).put("addresses", 3);
    mapper.writeValue(file.toFile(), root);
    assertThatThrownBy(() -> json.read(file))
        .hasMessageContaining("$.checks[0].addresses: expected an array");
  }

  @Test
  void readsBackTheVantageTheShardAndWhatEachVantageSaw() throws IOException {
    CheckResult down = sampleRun().checks().get(1);
    CheckResult merged = down.merged(CheckStatus.DEGRADED, "eu-west: " + down.observed(),
        down.finding(), List.of(
            VantageResult.of("eu-west", down),
            VantageResult.of("us-east", sampleRun().checks().get(0))));
    RunResult run = new RunResult(sampleRun().startedAt(), 600,
        List.of(sampleRun().checks().get(0), merged), Optional.of("eu-west"),
        Optional.of(new Shard(2, 3)));
    Path file = dir.resolve(ResultsJson.FILE_NAME);
    json.write(run, file);
    var tree = new ObjectMapper().readTree(file.toFile());
    assertThat(tree.get("vantage").asText()).isEqualTo("eu-west");
    assertThat(tree.get("shard").asText()).isEqualTo("2/3");
    assertThat(tree.at("/checks/1/vantages/0/code").asText()).isEqualTo("HTTP_502");
    assertThat(tree.at("/checks/1/vantages/1/code").isNull()).isTrue();

    assertThat(json.read(file)).isEqualTo(run);
  }

  @Test
  void readsBackTheGroupAndAFileWithoutGroupsReadsAsNone() throws IOException {
    CheckResult grouped = sampleRun().checks().get(0).withGroup(Optional.of("Storefront <b>"));
    RunResult run = new RunResult(sampleRun().startedAt(), 600,
        List.of(grouped, sampleRun().checks().get(1)));
    Path file = dir.resolve(ResultsJson.FILE_NAME);
    json.write(run, file);
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode root = (ObjectNode) mapper.readTree(file.toFile());
    assertThat(root.at("/checks/0/group").asText()).isEqualTo("Storefront <b>");
    assertThat(root.at("/checks/1/group").isNull()).isTrue();
    assertThat(json.read(file)).isEqualTo(run);

    root.get("checks").forEach(c -> ((ObjectNode) c).remove("group"));
    mapper.writeValue(file.toFile(), root);
    assertThat(json.read(file).checks()).allSatisfy(c -> assertThat(c.group()).isEmpty());

    ((ObjectNode) root.get("checks").get(0)).put("group", 7);
    mapper.writeValue(file.toFile(), root);
    assertThatThrownBy(() -> json.read(file)).hasMessageContaining("$.checks[0].group: expected a string");
  }

  @Test
  void aRunWithoutVantageOrShardWritesNullsAndAFileWithoutThemReadsAsNone() throws IOException {
    Path file = dir.resolve(ResultsJson.FILE_NAME);
    json.write(sampleRun(), file);
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode root = (ObjectNode) mapper.readTree(file.toFile());
    assertThat(root.get("vantage").isNull()).isTrue();
    assertThat(root.get("shard").isNull()).isTrue();
    assertThat(root.at("/checks/0/vantages").isArray()).isTrue();
    root.remove(List.of("vantage", "shard"));
    root.get("checks").forEach(c -> ((ObjectNode) c).remove("vantages"));
    mapper.writeValue(file.toFile(), root);

    RunResult read = json.read(file);

    assertThat(read).isEqualTo(sampleRun());
    assertThat(read.vantage()).isEmpty();
    assertThat(read.shard()).isEmpty();
  }

  @Test
  void aBadVantageOrShardIsNamedByItsPath() throws IOException {
    Path file = dir.resolve(ResultsJson.FILE_NAME);
    ObjectMapper mapper = new ObjectMapper();
    json.write(sampleRun(), file);
    String written = Files.readString(file);

    ObjectNode root = (ObjectNode) mapper.readTree(written);
    root.put("shard", "4/3");
    mapper.writeValue(file.toFile(), root);
    assertThatThrownBy(() -> json.read(file)).hasMessageContaining("$.shard").hasMessageContaining("4/3");

    root = (ObjectNode) mapper.readTree(written);
    root.put("vantage", "eu west");
    mapper.writeValue(file.toFile(), root);
    assertThatThrownBy(() -> json.read(file)).hasMessageContaining("$.vantage").hasMessageContaining("eu west");

    root = (ObjectNode) mapper.readTree(written);
    ((ObjectNode) root.get("checks").get(0)).putArray("vantages").addObject()
        .put("vantage", "eu-west").put("status", "GONE");
    mapper.writeValue(file.toFile(), root);
    assertThatThrownBy(() -> json.read(file)).hasMessageContaining("$.checks[0].vantages[0].status");
  }
}
