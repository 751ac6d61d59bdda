package io.github.sitehealth.core.report;

import static io.github.sitehealth.core.testing.SampleResults.degraded;
import static io.github.sitehealth.core.testing.SampleResults.down502;
import static io.github.sitehealth.core.testing.SampleResults.refused;
import static io.github.sitehealth.core.testing.SampleResults.run;
import static io.github.sitehealth.core.testing.SampleResults.someAddressesFail;
import static io.github.sitehealth.core.testing.SampleResults.someRequestsFail;
import static io.github.sitehealth.core.testing.SampleResults.up;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextReportTest {

  private static final Path OUT = Path.of("target", "site-health");

  @Test
  void theFailureMessageNamesEachDownCheckWithCodeHopAndRunbook() {
    String message =
        TextReport.failure(
            run(up("home"), down502("shop"), degraded("api"), refused("cdn")), OUT);

    List<String> lines = message.lines().toList();
    assertThat(lines.get(0)).isEqualTo("2 site-health checks DOWN:");
    assertThat(message)
        .contains("  - shop (https://shop.example.com/): 502 Bad Gateway (expected 200-399)\n")
        .contains("    HTTP_502, hop origin: The origin fails when asked directly too")
        .contains("    runbook: " + OUT.resolve("runbooks/502-bad-gateway.html") + "#origin-unreachable\n")
        .contains("  - cdn (https://cdn.example.com/): connect refused (Connection refused)\n")
        .contains("    CONNECT_REFUSED, hop network: Nothing accepts connections")
        .contains(
            "    runbook: " + OUT.resolve("runbooks/connection-failures.html")
                + "#connection-refused\n");
    assertThat(message).doesNotContain("home").doesNotContain("api (");
    assertThat(lines.get(lines.size() - 1))
        .isEqualTo("site-health: 4 checks, 1 UP, 1 DEGRADED, 2 DOWN");
  }

  @Test
  void oneDownCheckIsSingular() {
    String message = TextReport.failure(run(down502("shop")), OUT);

    assertThat(message)
        .startsWith("1 site-health check DOWN:\n")
        .endsWith("\nsite-health: 1 check, 0 UP, 0 DEGRADED, 1 DOWN");
  }

  @Test
  void aLineShowsStatusNameObservedFindingAndAttempts() {
    assertThat(TextReport.line(up("home"))).isEqualTo("[UP] home: 200 OK, latency 42 ms");
    assertThat(TextReport.line(down502("shop")))
        .isEqualTo("[DOWN] shop: 502 Bad Gateway (expected 200-399) [HTTP_502, hop origin], latency 12 ms");
    assertThat(TextReport.line(degraded("api")))
        .isEqualTo("[DEGRADED] api: 200 OK [HTTP_503, hop origin] after 2 attempts, latency 30 ms (whole check 239 ms)");
  }

  @Test
  void aLineGetsAnIndentedLinePerAddressNotUpAndTheSamplesRate() {
    assertThat(TextReport.line(someAddressesFail("www")).lines().toList()).containsExactly(
        "[DOWN] www: 1 of 3 addresses fails [SOME_ADDRESSES_FAIL, hop network]"
            + ", 9 of 20 samples failed (45 %), allowed 0 %, latency 30 ms (whole check 10030 ms)",
        "  127.0.0.2 DEGRADED HTTP_502 (origin): 200 OK, 1 of 6 samples failed (16.7 %)",
        "  127.0.0.3 DOWN CONNECT_REFUSED (network): connection refused, 8 of 8 samples failed (100 %)",
        "  1 of 3 addresses UP");
    assertThat(TextReport.line(someRequestsFail("api"))).isEqualTo(
        "[DEGRADED] api: 200 OK [SOME_REQUESTS_FAIL, hop origin]"
            + ", 3 of 20 samples failed (15 %), allowed 20 %, latency 40 ms (whole check 10040 ms)");
  }

  @Test
  void theFailureMessageListsTheAddressesNotUpAndTheSamples() {
    String message = TextReport.failure(run(up("home"), someAddressesFail("www")), OUT);

    assertThat(message).contains(
        "  - www (https://www.example.com/): 1 of 3 addresses fails\n"
            + "    SOME_ADDRESSES_FAIL, hop network: 1 of 3 addresses fails: 127.0.0.3 refuses the"
            + " connection; fix or remove it.\n"
            + "    127.0.0.2 DEGRADED HTTP_502 (origin): 200 OK, 1 of 6 samples failed (16.7 %)\n"
            + "    127.0.0.3 DOWN CONNECT_REFUSED (network): connection refused, 8 of 8 samples"
            + " failed (100 %)\n"
            + "    1 of 3 addresses UP\n"
            + "    9 of 20 samples failed (45 %), allowed 0 %\n"
            + "    runbook: " + OUT.resolve("runbooks/partial-failures.html") + "#one-address-fails\n");
  }
}
