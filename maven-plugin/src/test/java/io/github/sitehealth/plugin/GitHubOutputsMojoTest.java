package io.github.sitehealth.plugin;

import static org.apache.maven.api.plugin.testing.MojoExtension.getVariableValueFromObject;
import static org.apache.maven.api.plugin.testing.MojoExtension.setVariableValueToObject;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.sitehealth.core.spec.EndpointConfig;
import io.github.sitehealth.plugin.testing.FixtureHttpServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** verify's GitHub Actions outputs, and its vantage and shard. */
@MojoTest
class GitHubOutputsMojoTest {

  private static final String VERIFY_POM = "src/test/resources/unit/verify/pom.xml";

  private static FixtureHttpServer server;

  @TempDir Path out;

  private final Map<String, String> env = new HashMap<>();
  private final ByteArrayOutputStream console = new ByteArrayOutputStream();

  @BeforeAll
  static void startServer() throws Exception {
    server = FixtureHttpServer.start();
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  private void prepare(VerifyMojo mojo, String path) throws Exception {
    List<EndpointConfig> endpoints = getVariableValueFromObject(mojo, "endpoints");
    setVariableValueToObject(endpoints.get(0), "url", server.url(path));
    setVariableValueToObject(mojo, "outputDirectory", out.resolve("site-health").toFile());
    setVariableValueToObject(mojo, "historyFile", out.resolve("history.jsonl").toFile());
    mojo.environment = env::get;
    mojo.console = new PrintStream(console, true, StandardCharsets.UTF_8);
  }

  private String printed() {
    return console.toString(StandardCharsets.UTF_8);
  }

  @Test
  @InjectMojo(goal = "verify", pom = VERIFY_POM)
  void underGitHubActionsADownCheckIsAnErrorAnnotationAndARowOfTheStepSummary(VerifyMojo mojo)
      throws Exception {
    prepare(mojo, "/bad-gateway");
    Path summary = Files.writeString(out.resolve("summary.md"), "earlier\n");
    env.put("GITHUB_ACTIONS", "true");
    env.put("GITHUB_STEP_SUMMARY", summary.toString());
    env.put("GITHUB_WORKSPACE", out.toString());

    assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class);

    assertThat(printed()).startsWith("::error title=site-health home::HTTP_502 (origin) ")
        .contains(" Runbook: site-health/runbooks/502-bad-gateway.html#origin-unreachable");
    assertThat(Files.readString(summary)).startsWith("earlier\n\n### site-health: 1 check, 0 UP")
        .contains("| **DOWN** | home |");
  }

  @Test
  @InjectMojo(goal = "verify", pom = VERIFY_POM)
  void elsewhereNothingIsWrittenUnlessForced(VerifyMojo mojo) throws Exception {
    prepare(mojo, "/bad-gateway");
    setVariableValueToObject(mojo, "failOnError", false);
    Path summary = out.resolve("summary.md");
    env.put("GITHUB_STEP_SUMMARY", summary.toString());

    mojo.execute();
    assertThat(printed()).isEmpty();
    assertThat(summary).doesNotExist();

    setVariableValueToObject(mojo, "githubActions", true);
    mojo.execute();
    assertThat(printed()).startsWith("::error title=site-health home::HTTP_502 (origin) ");
    assertThat(summary).exists();
  }

  @Test
  @InjectMojo(goal = "verify", pom = VERIFY_POM)
  void forcedOffWritesNothingUnderGitHubActions(VerifyMojo mojo) throws Exception {
    prepare(mojo, "/ok");
    env.put("GITHUB_ACTIONS", "true");
    env.put("GITHUB_STEP_SUMMARY", out.resolve("summary.md").toString());
    setVariableValueToObject(mojo, "githubActions", false);

    mojo.execute();

    assertThat(printed()).isEmpty();
    assertThat(out.resolve("summary.md")).doesNotExist();
  }

  @Test
  @InjectMojo(goal = "verify", pom = VERIFY_POM)
  void theVantageAndShardAreRecorded(VerifyMojo mojo) throws Exception {
    prepare(mojo, "/ok");
    setVariableValueToObject(mojo, "vantage", "eu-west");
    setVariableValueToObject(mojo, "shard", "1/1");

    mojo.execute();

    JsonNode results =
        new ObjectMapper().readTree(out.resolve("site-health/results.json").toFile());
    assertThat(results.get("vantage").asText()).isEqualTo("eu-west");
    assertThat(results.get("shard").asText()).isEqualTo("1/1");
    assertThat(Files.readString(out.resolve("site-health/metrics.prom")))
        .contains("site_health_check_up{check=\"home\",kind=\"http\",vantage=\"eu-west\"} 1");
    assertThat(Files.readString(out.resolve("history.jsonl"))).contains("\"vantage\":\"eu-west\"");
  }

  @Test
  @InjectMojo(goal = "verify", pom = VERIFY_POM)
  void aBadShardOrVantageNamesItsElement(VerifyMojo mojo) throws Exception {
    prepare(mojo, "/ok");
    setVariableValueToObject(mojo, "vantage", "eu west");
    setVariableValueToObject(mojo, "shard", "4/3");

    assertThatThrownBy(mojo::execute)
        .isInstanceOf(MojoExecutionException.class)
        .hasMessageContaining("<shard> \"4/3\" is not a share K/N")
        .hasMessageContaining("<vantage> \"eu west\" is not a vantage name");
    assertThat(out.resolve("site-health")).doesNotExist();
  }
}
