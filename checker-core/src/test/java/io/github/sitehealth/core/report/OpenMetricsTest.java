package io.github.sitehealth.core.report;

import static io.github.sitehealth.core.testing.SampleResults.degraded;
import static io.github.sitehealth.core.testing.SampleResults.down502;
import static io.github.sitehealth.core.testing.SampleResults.run;
import static io.github.sitehealth.core.testing.SampleResults.someAddressesFail;
import static io.github.sitehealth.core.testing.SampleResults.someRequestsFail;
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
  void eachAddressHasItsUpAndFailureRatioAndASampledCheckItsSamples() throws IOException {
    String text = text(run(up("home"), someAddressesFail("www"), someRequestsFail("api")));

    assertThat(text)
        .contains("# TYPE site_health_address_up gauge\n")
        .contains("site_health_address_up{check=\"www\",address=\"127.0.0.1\"} 1\n")
        .contains("site_health_address_up{check=\"www\",address=\"127.0.0.2\"} 1\n")
        .contains("site_health_address_up{check=\"www\",address=\"127.0.0.3\"} 0\n")
        .contains("site_health_address_failure_ratio{check=\"www\",address=\"127.0.0.1\"} 0\n")
        .contains("site_health_address_failure_ratio{check=\"www\",address=\"127.0.0.2\"} 0.166667\n")
        .contains("site_health_address_failure_ratio{check=\"www\",address=\"127.0.0.3\"} 1\n")
        .contains("site_health_check_samples{check=\"www\",kind=\"http\"} 20\n")
        .contains("site_health_check_sample_failure_ratio{check=\"www\",kind=\"http\"} 0.45\n")
        .contains("site_health_check_samples{check=\"api\",kind=\"http\"} 20\n")
        .contains("site_health_check_sample_failure_ratio{check=\"api\",kind=\"http\"} 0.15\n")
        .doesNotContain("site_health_address_up{check=\"api\"")
        .doesNotContain("site_health_check_samples{check=\"home\"")
        .doesNotContain("site_health_check_sample_failure_ratio{check=\"home\"")
        .endsWith("# EOF\n");
  }

  @Test
  void addressLabelsAreEscapedToo() throws IOException {
    var www = someAddressesFail("a\"b");
    String text = text(run(www));

    assertThat(text).contains("site_health_address_up{check=\"a\\\"b\",address=\"127.0.0.3\"} 0\n");
  }

  @Test
  void aNamedVantageLabelsEverySample() throws IOException {
    var run = run(up("home"), down502("shop"), someAddressesFail("www"), someRequestsFail("api"))
        .withLabels(java.util.Optional.of("eu-west"), java.util.Optional.empty());
    String text = text(run);

    assertThat(text)
        .contains("site_health_check_up{check=\"home\",kind=\"http\",vantage=\"eu-west\"} 1\n")
        .contains("site_health_check_status{check=\"shop\",kind=\"http\",vantage=\"eu-west\",status=\"DOWN\"} 1\n")
        .contains("site_health_check_finding{check=\"shop\",kind=\"http\",vantage=\"eu-west\",code=\"HTTP_502\"")
        .contains("site_health_address_up{check=\"www\",address=\"127.0.0.3\",vantage=\"eu-west\"} 0\n")
        .containsPattern("site_health_run_timestamp_seconds\\{vantage=\"eu-west\"\\} \\d");
    assertThat(text.lines().filter(l -> !l.startsWith("#")))
        .allSatisfy(l -> assertThat(l).contains("vantage=\"eu-west\""));
    assertThat(text(run(up("home")))).doesNotContain("vantage");
  }

  @Test
  void ratiosAreFailedOverSamples() {
    assertThat(OpenMetrics.ratio(0, 20)).isEqualTo("0");
    assertThat(OpenMetrics.ratio(9, 20)).isEqualTo("0.45");
    assertThat(OpenMetrics.ratio(20, 20)).isEqualTo("1");
    assertThat(OpenMetrics.ratio(1, 3)).isEqualTo("0.333333");
    assertThat(OpenMetrics.ratio(0, 0)).isEqualTo("0");
  }

  @Test
  void labelValuesAreEscaped() {
    assertThat(OpenMetrics.escape("a\"b\\c\nd")).isEqualTo("a\\\"b\\\\c\\nd");
  }

  @Test
  void promtoolAcceptsTheFile() throws Exception {
    RealServer.require("/usr/bin/promtool", "prometheus");
    Path file = dir.resolve(OpenMetrics.FILE_NAME);
    new OpenMetrics().write(
        run(up("home"), degraded("cdn"), down502("shop"), someAddressesFail("www"),
            someRequestsFail("api"))
            .withLabels(java.util.Optional.of("eu-west"), java.util.Optional.empty()),
        file);

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
