package io.github.sitehealth.core.report;

import static io.github.sitehealth.core.testing.SampleResults.degraded;
import static io.github.sitehealth.core.testing.SampleResults.down502;
import static io.github.sitehealth.core.testing.SampleResults.run;
import static io.github.sitehealth.core.testing.SampleResults.up;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.sitehealth.core.testing.RealServer;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenMetricsTest {

  @TempDir Path dir;

  private static String text(io.github.sitehealth.core.result.RunResult run) throws IOException {
    StringWriter w = new StringWriter();
    new OpenMetrics().write(run, w);
    return w.toString();
  }

  @Test
  void eachCheckHasItsUpStatusLatencyAndFinding() throws IOException {
    String text = text(run(up("home"), degraded("cdn"), down502("shop")));

    assertThat(text)
        .contains("site_health_check_up{check=\"home\",kind=\"http\"} 1\n")
        .contains("site_health_check_up{check=\"cdn\",kind=\"http\"} 1\n")
        .contains("site_health_check_up{check=\"shop\",kind=\"http\"} 0\n")
        .contains("site_health_check_status{check=\"shop\",kind=\"http\",status=\"DOWN\"} 1\n")
        .contains("site_health_check_status{check=\"shop\",kind=\"http\",status=\"UP\"} 0\n")
        .contains("site_health_check_finding{check=\"shop\",kind=\"http\",code=\"HTTP_502\",hop=\"origin\",origin_probed=\"false\"} 1\n")
        .doesNotContain("site_health_check_finding{check=\"home\"")
        .endsWith("# EOF\n");
  }

  @Test
  void labelValuesAreEscaped() {
    assertThat(OpenMetrics.escape("a\"b\\c\nd")).isEqualTo("a\\\"b\\\\c\\nd");
  }

  @Test
  void promtoolAcceptsTheFile() throws Exception {
    RealServer.require("/usr/bin/promtool", "prometheus");
    Path file = dir.resolve(OpenMetrics.FILE_NAME);
    new OpenMetrics().write(run(up("home"), degraded("cdn"), down502("shop")), file);

    Process promtool =
        new ProcessBuilder("/usr/bin/promtool", "check", "metrics")
            .redirectInput(file.toFile())
            .redirectErrorStream(true)
            .start();
    assertThat(promtool.waitFor(30, TimeUnit.SECONDS)).isTrue();
    String output = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(promtool.exitValue()).as(output).isZero();
    assertThat(output).as("lint problems").isBlank();
    assertThat(Files.readString(file)).startsWith("# HELP site_health_check_up ");
  }
}
