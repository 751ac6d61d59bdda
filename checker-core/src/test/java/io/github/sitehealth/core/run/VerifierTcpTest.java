package io.github.sitehealth.core.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.sitehealth.core.report.JUnitXml;
import io.github.sitehealth.core.report.ResultsJson;
import io.github.sitehealth.core.result.CheckResult;
import io.github.sitehealth.core.result.CheckStatus;
import io.github.sitehealth.core.result.RunResult;
import io.github.sitehealth.core.spec.EndpointConfig;
import io.github.sitehealth.core.spec.RunConfig;
import io.github.sitehealth.core.spec.SpecParser;
import io.github.sitehealth.core.spec.TcpCheckConfig;
import io.github.sitehealth.core.testing.Nginx;
import io.github.sitehealth.core.testing.RealServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TCP checks in a run next to HTTP checks, against a real nginx: each runs through the one check
 * seam, is told to the listener, and is in every output with its kind.
 */
class VerifierTcpTest {

  @TempDir Path out;

  @Test
  void tcpChecksRunNextToHttpChecksAndAreInTheResults() throws Exception {
    int http = RealServer.freePort();
    int ssh = RealServer.freePort();
    int closed = RealServer.freePort();
    try (Nginx nginx = Nginx.startWithStreams(
        "server { listen 127.0.0.1:" + http + "; location / { return 200 \"ok\\n\"; } }",
        "server { listen 127.0.0.1:" + ssh + "; return \"SSH-2.0-OpenSSH_9.2\\r\\n\"; }",
        http, ssh)) {
      RunConfig config = RunConfig.builder()
          .endpoints(List.of(EndpointConfig.of("home", "http://127.0.0.1:" + http + "/")))
          .tcpChecks(List.of(
              TcpCheckConfig.builder("ssh", "127.0.0.1:" + ssh).expectBanner("^SSH-2\\.0-")
                  .build(),
              TcpCheckConfig.builder("web-port", "127.0.0.1:" + http).build(),
              TcpCheckConfig.builder("db", "127.0.0.1:" + closed).retries(0).group("Data")
                  .build()))
          .build();
      ConcurrentLinkedQueue<String> told = new ConcurrentLinkedQueue<>();

      RunResult run = new Verifier(r -> told.add(r.name())).verify(SpecParser.parse(config), out);

      assertThat(run.checks()).extracting(CheckResult::name)
          .containsExactly("home", "ssh", "web-port", "db");
      assertThat(run.checks()).extracting(CheckResult::kind)
          .containsExactly("http", "tcp", "tcp", "tcp");
      assertThat(run.checks()).extracting(CheckResult::status)
          .containsExactly(CheckStatus.UP, CheckStatus.UP, CheckStatus.UP, CheckStatus.DOWN);
      assertThat(told).containsExactlyInAnyOrder("home", "ssh", "web-port", "db");
      assertThat(run.checks()).extracting(c -> c.group().orElse("-"))
          .containsExactly("-", "-", "-", "Data");

      JsonNode json = new ObjectMapper().readTree(out.resolve(ResultsJson.FILE_NAME).toFile());
      JsonNode sshJson = json.at("/checks/1");
      assertThat(sshJson.get("name").asText()).isEqualTo("ssh");
      assertThat(sshJson.get("kind").asText()).isEqualTo("tcp");
      assertThat(sshJson.get("target").asText()).isEqualTo("127.0.0.1:" + ssh);
      assertThat(sshJson.get("observed").asText())
          .endsWith(", banner \"SSH-2.0-OpenSSH_9.2\"");
      JsonNode db = json.at("/checks/3");
      assertThat(db.get("kind").asText()).isEqualTo("tcp");
      assertThat(db.get("group").asText()).isEqualTo("Data");
      assertThat(db.at("/finding/code").asText()).isEqualTo("CONNECT_REFUSED");
      assertThat(db.at("/finding/hop").asText()).isEqualTo("network");
      assertThat(db.at("/finding/runbook").asText())
          .isEqualTo("runbooks/connection-failures.html#connection-refused");
      assertThat(Files.readString(out.resolve(JUnitXml.FILE_NAME)))
          .contains("name=\"db\"", "CONNECT_REFUSED");
    }
  }
}
