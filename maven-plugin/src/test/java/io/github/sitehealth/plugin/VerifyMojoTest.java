package io.github.sitehealth.plugin;

import io.github.sitehealth.core.spec.DnsRecordConfig;
import io.github.sitehealth.core.spec.EndpointConfig;
import io.github.sitehealth.core.spec.TcpCheckConfig;
import static org.apache.maven.api.plugin.testing.MojoExtension.getVariableValueFromObject;
import static org.apache.maven.api.plugin.testing.MojoExtension.setVariableValueToObject;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.sitehealth.plugin.testing.FixtureHttpServer;
import io.github.sitehealth.plugin.testing.RecordingLog;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.execution.DefaultMavenExecutionRequest;
import org.apache.maven.execution.DefaultMavenExecutionResult;
import org.apache.maven.execution.MavenExecutionRequest;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@MojoTest
class VerifyMojoTest {

  private static final String VERIFY_POM = "src/test/resources/unit/verify/pom.xml";
  private static final String BODY_POM = "src/test/resources/unit/body/pom.xml";
  private static final String TCP_POM = "src/test/resources/unit/tcp/pom.xml";

  private static FixtureHttpServer server;

  @TempDir Path out;

  @BeforeAll
  static void startServer() throws Exception {
    server = FixtureHttpServer.start();
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  /** Points the pom's single endpoint at {@code path} on the fixture server. */
  private void pointAt(VerifyMojo mojo, String path) throws Exception {
    List<EndpointConfig> endpoints = getVariableValueFromObject(mojo, "endpoints");
    setVariableValueToObject(endpoints.get(0), "url", server.url(path));
    setVariableValueToObject(mojo, "outputDirectory", out.toFile());
  }

  @Test
  @InjectMojo(goal = "verify", pom = VERIFY_POM)
  void injectsTheEndpointsFromThePom(VerifyMojo mojo) throws Exception {
    List<EndpointConfig> endpoints = getVariableValueFromObject(mojo, "endpoints");
    assertThat(endpoints).hasSize(1);
    // Maven made the element as the class named after it in the goal's package, the first class
    // it looks for, not from the list's type argument after failed lookups.
    assertThat(endpoints.get(0)).isExactlyInstanceOf(Endpoint.class);
    EndpointConfig home = endpoints.get(0);
    assertThat((String) getVariableValueFromObject(home, "name")).isEqualTo("home");
    assertThat((Map<String, String>) getVariableValueFromObject(home, "expectHeaders"))
        .containsEntry("cache-control", "max-age=\\d+");
    assertThat((Long) getVariableValueFromObject(home, "timeoutMs")).isEqualTo(3000L);
  }

  @Test
  @InjectMojo(goal = "verify", pom = "src/test/resources/unit/dns/pom.xml")
  void everyExpectElementOfADnsRecordCounts(VerifyMojo mojo) throws Exception {
    List<DnsRecordConfig> records = getVariableValueFromObject(mojo, "dnsRecords");

    assertThat(records).hasSize(1);
    assertThat(records.get(0)).isExactlyInstanceOf(DnsRecord.class);
    var config = records.get(0);
    assertThat(config.expect()).containsExactly("192.0.2.1", "192.0.2.2");
    assertThat(config.match()).isEqualTo("contains");
    assertThat(config.authoritativeServers()).containsExactly("127.0.0.1:5354");
    assertThat((String) getVariableValueFromObject(mojo, "resolver")).isEqualTo("127.0.0.1:5353");
  }

  @Test
  @InjectMojo(goal = "verify", pom = TCP_POM)
  void tcpChecksFromThePomRunAndADownOneFailsTheBuild(VerifyMojo mojo) throws Exception {
    List<TcpCheckConfig> checks = getVariableValueFromObject(mojo, "tcpChecks");
    assertThat(checks).extracting(TcpCheckConfig::name).containsExactly("web-port", "ssh");
    assertThat(checks).allMatch(check -> check.getClass() == TcpCheck.class);
    TcpCheckConfig ssh = checks.get(1);
    assertThat(ssh.expectBanner()).isEqualTo("^SSH-2\\.0-");
    assertThat(ssh.tls()).isFalse();
    assertThat(ssh.timeoutMs()).isEqualTo(2000L);
    assertThat(ssh.retries()).isZero();
    assertThat(ssh.maxLatencyMs()).isEqualTo(1000L);
    // The fixture server listens, and sends nothing before the request: no SSH banner.
    setVariableValueToObject(checks.get(0), "address", "127.0.0.1:" + server.port());
    setVariableValueToObject(ssh, "address", "127.0.0.1:" + server.port());
    setVariableValueToObject(mojo, "outputDirectory", out.toFile());

    assertThatThrownBy(mojo::execute)
        .isInstanceOf(MojoFailureException.class)
        .hasMessageContaining("ssh (127.0.0.1:" + server.port() + "): connected, but nothing"
            + " received within")
        .hasMessageContaining("READ_TIMEOUT, hop origin")
        .hasMessageContaining("site-health: 2 checks, 1 UP, 0 DEGRADED, 1 DOWN");
    JsonNode results = new ObjectMapper().readTree(out.resolve("results.json").toFile());
    assertThat(results.at("/checks/0/kind").asText()).isEqualTo("tcp");
    assertThat(results.at("/checks/0/status").asText()).isEqualTo("UP");
    assertThat(results.at("/checks/1/finding/code").asText()).isEqualTo("READ_TIMEOUT");
  }

  @Test
  @InjectMojo(goal = "verify", pom = VERIFY_POM)
  void aHealthyEndpointPassesAndWritesResults(VerifyMojo mojo) throws Exception {
    pointAt(mojo, "/ok");

    mojo.execute();

    JsonNode results = new ObjectMapper().readTree(out.resolve("results.json").toFile());
    assertThat(results.get("schemaVersion").asInt()).isEqualTo(1);
    assertThat(results.at("/checks/0/name").asText()).isEqualTo("home");
    assertThat(results.at("/checks/0/status").asText()).isEqualTo("UP");
    assertThat(results.at("/checks/0/finding").isNull()).isTrue();
    assertThat(Files.readString(out.resolve("TEST-site-health.xml")))
        .contains("<testcase classname=\"site-health.http\" name=\"home\"");
  }

  @Test
  @InjectMojo(goal = "verify", pom = VERIFY_POM)
  void aBadGatewayFailsTheBuildNamingCheckCodeHopAndRunbook(VerifyMojo mojo) throws Exception {
    pointAt(mojo, "/bad-gateway");

    assertThatThrownBy(mojo::execute)
        .isInstanceOf(MojoFailureException.class)
        .hasMessageContaining("home")
        .hasMessageContaining("502 Bad Gateway")
        .hasMessageContaining("HTTP_502, hop origin")
        .hasMessageContaining("runbooks" + File.separator + "502-bad-gateway.html#origin-unreachable")
        .hasMessageContaining("site-health: 1 check, 0 UP, 0 DEGRADED, 1 DOWN");
    JsonNode results = new ObjectMapper().readTree(out.resolve("results.json").toFile());
    assertThat(results.at("/checks/0/status").asText()).isEqualTo("DOWN");
    assertThat(results.at("/checks/0/finding/code").asText()).isEqualTo("HTTP_502");
    assertThat(results.at("/checks/0/attempts").size()).isEqualTo(2);
  }

  @Test
  @InjectMojo(goal = "verify", pom = VERIFY_POM)
  void aTeamRunbookThatClaimsTheCodeIsWhatTheFindingLinks(VerifyMojo mojo) throws Exception {
    pointAt(mojo, "/bad-gateway");
    Path team = Files.createDirectories(out.resolve("team-runbooks"));
    Files.writeString(team.resolve("our-502.md"),
        "---\ntitle: Our 502\ncodes: [HTTP_502]\n---\n\n# Our 502\n\nCall the origin team.\n");
    setVariableValueToObject(mojo, "runbooksDirectory", team.toFile());

    assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
        .hasMessageContaining("runbooks" + File.separator + "our-502.html");
    JsonNode results = new ObjectMapper().readTree(out.resolve("results.json").toFile());
    assertThat(results.at("/checks/0/finding/runbook").asText()).isEqualTo("runbooks/our-502.html");
    assertThat(out.resolve("runbooks/our-502.html")).isRegularFile();
  }

  @Test
  @InjectMojo(goal = "verify", pom = VERIFY_POM)
  void aTeamRunbookThatCannotBeReadFailsTheGoalNamingIt(VerifyMojo mojo) throws Exception {
    pointAt(mojo, "/bad-gateway");
    Path team = Files.createDirectories(out.resolve("team-runbooks"));
    Files.writeString(team.resolve("broken.md"), "---\ntitle: Never closed\n\n# Broken\n");
    setVariableValueToObject(mojo, "runbooksDirectory", team.toFile());

    assertThatThrownBy(mojo::execute).isInstanceOf(MojoExecutionException.class)
        .hasMessageContaining("cannot read the team's runbooks")
        .hasMessageContaining("broken.md");
  }

  /**
   * The summary line is said once: at the end of the log of a run with no check DOWN, at the end
   * of the failure report (the build's error, or the warning of failOnError=false) otherwise.
   */
  @Test
  @InjectMojo(goal = "verify", pom = VERIFY_POM)
  void theSummaryLineOfAFailingRunIsSaidOnceAtTheEndOfItsReport(VerifyMojo mojo) throws Exception {
    pointAt(mojo, "/bad-gateway");
    RecordingLog log = new RecordingLog();
    mojo.setLog(log);

    MojoFailureException failure = catchThrowableOfType(MojoFailureException.class, mojo::execute);

    String summary = "site-health: 1 check, 0 UP, 0 DEGRADED, 1 DOWN";
    assertThat(failure.getMessage()).endsWith(summary);
    assertThat(log.count(summary, failure.getMessage())).isEqualTo(1);
  }

  @Test
  @InjectMojo(goal = "verify", pom = VERIFY_POM)
  void theSummaryLineIsSaidOnceWhenTheBuildGoesOnOrPasses(VerifyMojo mojo) throws Exception {
    pointAt(mojo, "/bad-gateway");
    setVariableValueToObject(mojo, "failOnError", false);
    RecordingLog log = new RecordingLog();
    mojo.setLog(log);
    mojo.execute();
    assertThat(log.count("site-health: 1 check, 0 UP, 0 DEGRADED, 1 DOWN")).isEqualTo(1);
    // <failOnError> written in the pom beats -D: the advice names both ways.
    assertThat(log.lines()).contains("site-health: site-health.failOnError=false, the build goes on"
        + " (set <failOnError> to true to fail it, or write it as ${site-health.failOnError} in"
        + " the POM to let -Dsite-health.failOnError=true decide)");

    pointAt(mojo, "/ok");
    RecordingLog passing = new RecordingLog();
    mojo.setLog(passing);
    mojo.execute();
    assertThat(passing.count("site-health: 1 check, 1 UP, 0 DEGRADED, 0 DOWN")).isEqualTo(1);
  }

  @Test
  @InjectMojo(goal = "verify", pom = BODY_POM)
  void rejectBodyFromThePomReachesTheCheck(VerifyMojo mojo) throws Exception {
    pointAt(mojo, "/maintenance");

    assertThatThrownBy(mojo::execute)
        .isInstanceOf(MojoFailureException.class)
        .hasMessageContaining("BODY_REJECTED, hop origin")
        .hasMessageContaining("body contains /(?i)down for maintenance/")
        .hasMessageContaining("runbooks" + File.separator + "expectations.html#body-rejected");
    JsonNode results = new ObjectMapper().readTree(out.resolve("results.json").toFile());
    assertThat(results.at("/checks/0/finding/code").asText()).isEqualTo("BODY_REJECTED");
  }

  @Test
  @InjectMojo(goal = "verify", pom = BODY_POM)
  void expectBodyFromThePomReachesTheCheck(VerifyMojo mojo) throws Exception {
    pointAt(mojo, "/ok");

    assertThatThrownBy(mojo::execute)
        .isInstanceOf(MojoFailureException.class)
        .hasMessageContaining("BODY_MISMATCH, hop origin")
        .hasMessageContaining("/<h1>Welcome/ not found in the body (3 characters); it begins \"ok\\n\"");
  }

  @Test
  @InjectMojo(goal = "verify", pom = VERIFY_POM)
  void failOnErrorFalseReportsAndGoesOn(VerifyMojo mojo) throws Exception {
    pointAt(mojo, "/bad-gateway");
    setVariableValueToObject(mojo, "failOnError", false);

    mojo.execute();

    JsonNode results = new ObjectMapper().readTree(out.resolve("results.json").toFile());
    assertThat(results.at("/checks/0/status").asText()).isEqualTo("DOWN");
  }

  @Test
  @InjectMojo(goal = "verify", pom = "src/test/resources/unit/bad-url/pom.xml")
  void aBadUrlIsAConfigurationErrorAndNothingIsProbed(VerifyMojo mojo) throws Exception {
    setVariableValueToObject(mojo, "outputDirectory", out.toFile());

    assertThatThrownBy(mojo::execute)
        .isInstanceOf(MojoExecutionException.class)
        .hasMessageContaining("<endpoint><url> \"htp:/nope\" is not an absolute http(s) URL");
    assertThat(out.resolve("results.json")).doesNotExist();
  }

  @Test
  @InjectMojo(goal = "verify", pom = "src/test/resources/unit/bad-config/pom.xml")
  void everyBadValueIsNamedWithItsElementBeforeAnythingIsProbed(VerifyMojo mojo) throws Exception {
    setVariableValueToObject(mojo, "outputDirectory", out.toFile());

    assertThatThrownBy(mojo::execute)
        .isInstanceOf(MojoExecutionException.class)
        .hasMessageContaining("<endpoint><origin> \"ftp://origin.example.com/\" is not an absolute http(s) URL")
        .hasMessageContaining("<endpoint><expectStatus> \"399-200\"")
        .hasMessageContaining("<endpoint><timeoutMs> \"0\"")
        .hasMessageContaining("<endpoint><expectHeaders><cache-control> \"max-age=(\"")
        .hasMessageContaining("<endpoint><expectBody> \"Welcome (to\" is not a valid regular"
            + " expression: Unclosed group (endpoint \"home\")")
        .hasMessageContaining("<endpoint><rejectBody> \"[maintenance\" is not a valid regular"
            + " expression: Unclosed character class (endpoint \"home\")")
        .hasMessageContaining(
            "<endpoint><headers><Authorization> \"${env.SITE_HEALTH_TEST_TOKEN_THAT_IS_NOT_SET}\"")
        .hasMessageContaining("<endpoint><name> \"home\" is used by more than one endpoint")
        .hasMessageContaining("<dnsRecord><type> \"PTR\"")
        .hasMessageContaining("<tcpCheck><name> \"home\" is used by more than one endpoint or"
            + " TCP check")
        .hasMessageContaining("<tcpCheck><address> \"bastion.example.com\" is not host:port")
        .hasMessageContaining("<tcpCheck><expectBanner> \"^SSH-(2\" is not a valid regular"
            + " expression: Unclosed group (tcpCheck \"home\")");
    assertThat(out).isEmptyDirectory();
  }

  /**
   * Maven hands an empty or all-space element over as null, as if it were not written: only a
   * blank {@code <group>} that keeps its space ({@code xml:space="preserve"}) reaches the plugin,
   * and it is named like any other bad value.
   */
  @Test
  @InjectMojo(goal = "verify", pom = "src/test/resources/unit/blank-group/pom.xml")
  void aBlankGroupThatReachesThePluginIsNamed(VerifyMojo mojo) throws Exception {
    setVariableValueToObject(mojo, "outputDirectory", out.toFile());

    assertThatThrownBy(mojo::execute)
        .isInstanceOf(MojoExecutionException.class)
        .hasMessage("Invalid site-health configuration: <endpoint><group> \" \" is blank: give it"
            + " a value, or leave <group> out (check \"preserved\")");
    assertThat(out).isEmptyDirectory();
  }

  /**
   * Offline mode (-o) is about artifact repositories: the checks download nothing and still run,
   * so an offline CI job cannot ship behind a gate that never ran.
   */
  @Test
  @InjectMojo(goal = "verify", pom = VERIFY_POM)
  void offlineModeStillChecksAndFailsOnADownCheck(VerifyMojo mojo) throws Exception {
    pointAt(mojo, "/bad-gateway");
    MavenExecutionRequest request = new DefaultMavenExecutionRequest().setOffline(true);
    @SuppressWarnings("deprecation")
    MavenSession offline =
        new MavenSession(null, null, request, new DefaultMavenExecutionResult());
    setVariableValueToObject(mojo, "session", offline);

    assertThatThrownBy(mojo::execute)
        .isInstanceOf(MojoFailureException.class)
        .hasMessageContaining("HTTP_502");
    JsonNode results = new ObjectMapper().readTree(out.resolve("results.json").toFile());
    assertThat(results.at("/checks/0/status").asText()).isEqualTo("DOWN");
  }

  @Test
  @InjectMojo(goal = "verify", pom = VERIFY_POM)
  void skipDoesNothing(VerifyMojo mojo) throws Exception {
    pointAt(mojo, "/bad-gateway");
    setVariableValueToObject(mojo, "skip", true);

    mojo.execute();

    assertThat(out.resolve("results.json")).doesNotExist();
  }
}
