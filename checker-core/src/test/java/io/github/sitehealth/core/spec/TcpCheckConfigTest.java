package io.github.sitehealth.core.spec;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sitehealth.core.check.CheckSpec;
import java.time.Duration;
import java.util.List;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Validation of {@code <tcpChecks>} through {@link SpecParser}: defaults, and every bad value. */
class TcpCheckConfigTest {

  private static RunSpec parse(TcpCheckConfig... checks) {
    return SpecParser.parse(RunConfig.builder().tcpChecks(List.of(checks)).build());
  }

  private static TcpCheckSpec one(TcpCheckConfig config) {
    return parse(config).tcpChecks().get(0);
  }

  private static List<String> problems(RunConfig config) {
    try {
      SpecParser.parse(config);
    } catch (InvalidConfigException e) {
      return e.problems().stream().map(ConfigProblem::message).toList();
    }
    throw new AssertionError("expected the configuration to be rejected");
  }

  private static List<String> problems(TcpCheckConfig... checks) {
    return problems(RunConfig.builder().tcpChecks(List.of(checks)).build());
  }

  @Test
  void defaultsAreFiveSecondsTwoRetriesNoTlsNoBanner() {
    TcpCheckSpec spec = one(TcpCheckConfig.of("ssh", " Bastion.Example.com:22 "));

    assertThat(spec.checkName()).isEqualTo("ssh");
    assertThat(spec.kind()).isEqualTo("tcp");
    assertThat(spec.target()).isEqualTo("Bastion.Example.com:22");
    assertThat(spec.hostKey()).isEqualTo("bastion.example.com:22");
    assertThat(spec.address().port()).isEqualTo(22);
    assertThat(spec.timeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(spec.retries()).isEqualTo(2);
    assertThat(spec.tls()).isFalse();
    assertThat(spec.expectBanner()).isEmpty();
    assertThat(spec.maxLatency()).isEmpty();
  }

  @Test
  void everyFieldIsKept() {
    TcpCheckSpec spec = one(TcpCheckConfig.builder("smtps", "[2001:DB8::25]:465")
        .expectBanner("^220 ")
        .tls(true)
        .timeoutMs(2_000L)
        .retries(0)
        .maxLatencyMs(300L)
        .build());

    assertThat(spec.target()).isEqualTo("[2001:DB8::25]:465");
    assertThat(spec.hostKey()).isEqualTo("[2001:db8::25]:465");
    assertThat(spec.expectBanner().orElseThrow().pattern()).isEqualTo("^220 ");
    assertThat(spec.tls()).isTrue();
    assertThat(spec.timeout()).isEqualTo(Duration.ofMillis(2_000));
    assertThat(spec.retries()).isZero();
    assertThat(spec.maxLatency()).contains(Duration.ofMillis(300));
  }

  @Test
  void hostFormsOfAUrlAreAccepted() {
    assertThat(one(TcpCheckConfig.of("a", "192.0.2.10:25")).target()).isEqualTo("192.0.2.10:25");
    assertThat(one(TcpCheckConfig.of("a", "api_backend.example.test.:5432")).address().name())
        .isEqualTo("api_backend.example.test");
    assertThat(one(TcpCheckConfig.of("a", "xn--bcher-kva.example:22")).target())
        .isEqualTo("xn--bcher-kva.example:22");
    assertThat(one(TcpCheckConfig.of("a", "[::1]:65535")).address().port()).isEqualTo(65535);
  }

  @Test
  void tcpChecksComeAfterTheEndpointsAndTheDnsRecords() {
    RunSpec run = SpecParser.parse(RunConfig.builder()
        .tcpChecks(List.of(TcpCheckConfig.of("ssh", "bastion.example.com:22")))
        .dnsRecords(List.of(DnsRecordConfig.of("www.example.com", "A")))
        .endpoints(List.of(EndpointConfig.of("home", "https://www.example.com/")))
        .build());

    assertThat(run.checks()).extracting(CheckSpec::kind).containsExactly("http", "dns", "tcp");
    assertThat(run.checks()).extracting(CheckSpec::checkName)
        .containsExactly("home", "www.example.com. A", "ssh");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    // address | the message's reason
    "bastion.example.com | is not host:port, e.g. bastion.example.com:22, 192.0.2.10:25 or"
        + " [2001:db8::10]:443: it has no port (tcpCheck \"ssh\")",
    "bastion.example.com: | is not host:port, e.g. bastion.example.com:22, 192.0.2.10:25 or"
        + " [2001:db8::10]:443: it has no port (tcpCheck \"ssh\")",
    "bastion.example.com:ssh | is not host:port, e.g. bastion.example.com:22, 192.0.2.10:25 or"
        + " [2001:db8::10]:443: it has an invalid port ssh (tcpCheck \"ssh\")",
    "bastion.example.com:65536 | is not host:port, e.g. bastion.example.com:22, 192.0.2.10:25 or"
        + " [2001:db8::10]:443: it has an invalid port 65536 (tcpCheck \"ssh\")",
    "bastion.example.com:0 | has port 0: the port must be between 1 and 65535 (tcpCheck \"ssh\")",
    "2001:db8::1:22 | is not host:port, e.g. bastion.example.com:22, 192.0.2.10:25 or"
        + " [2001:db8::10]:443: an IPv6 literal goes in brackets (tcpCheck \"ssh\")",
    "[2001:db8::zz]:22 | is not host:port, e.g. bastion.example.com:22, 192.0.2.10:25 or"
        + " [2001:db8::10]:443: it has an invalid IPv6 literal [2001:db8::zz] (tcpCheck \"ssh\")",
    "ssh://bastion.example.com:22 | is not host:port, e.g. bastion.example.com:22, 192.0.2.10:25"
        + " or [2001:db8::10]:443: it has a scheme, user or path (tcpCheck \"ssh\")",
    "bad host:22 | is not host:port, e.g. bastion.example.com:22, 192.0.2.10:25 or"
        + " [2001:db8::10]:443: it has an invalid host name bad host (labels of letters, digits,"
        + " - and _, 1 to 63 characters, RFC 1035 §2.3.4) (tcpCheck \"ssh\")",
  })
  void aBadAddressIsNamedWithItsValue(String address, String reason) {
    assertThat(problems(TcpCheckConfig.of("ssh", address)))
        .containsExactly("<tcpCheck><address> \"" + address + "\" " + reason);
  }

  @Test
  void aNonAsciiHostIsNamedWithItsAceForm() {
    assertThat(problems(TcpCheckConfig.of("ssh", "bücher.example:22")))
        .singleElement(InstanceOfAssertFactories.STRING)
        .startsWith("<tcpCheck><address> \"bücher.example:22\" is not host:port")
        .contains("write it in its ACE form, e.g. xn--bcher-kva.example");
  }

  @Test
  void aMissingNameAndAddressAreNamed() {
    assertThat(problems(new TcpCheckConfig()))
        .containsExactly(
            "<tcpCheck><name> \"null\" is missing (tcpCheck #1)",
            "<tcpCheck><address> \"null\" is missing (tcpCheck #1)");
  }

  @Test
  void aNameWithOtherCharactersIsNamed() {
    assertThat(problems(TcpCheckConfig.of("ssh check", "bastion.example.com:22")))
        .containsExactly("<tcpCheck><name> \"ssh check\" may only contain letters, digits, '.',"
            + " '_' and '-'");
  }

  @Test
  void everyBadValueOfOneCheckIsNamedAtOnce() {
    assertThat(problems(TcpCheckConfig.builder("ssh", "bastion.example.com:22")
            .expectBanner("^SSH-(2")
            .timeoutMs(0L)
            .retries(11)
            .maxLatencyMs(0L)
            .build()))
        .containsExactly(
            "<tcpCheck><expectBanner> \"^SSH-(2\" is not a valid regular expression: Unclosed"
                + " group (tcpCheck \"ssh\")",
            "<tcpCheck><timeoutMs> \"0\" must be between 1 and 600000 milliseconds"
                + " (tcpCheck \"ssh\")",
            "<tcpCheck><retries> \"11\" must be between 0 and 10 (tcpCheck \"ssh\")",
            "<tcpCheck><maxLatencyMs> \"0\" must be a positive number of milliseconds"
                + " (tcpCheck \"ssh\")");
    assertThat(problems(TcpCheckConfig.builder("ssh", "bastion.example.com:22")
            .timeoutMs(600_001L)
            .retries(-1)
            .build()))
        .containsExactly(
            "<tcpCheck><timeoutMs> \"600001\" must be between 1 and 600000 milliseconds"
                + " (tcpCheck \"ssh\")",
            "<tcpCheck><retries> \"-1\" must be between 0 and 10 (tcpCheck \"ssh\")");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "169.254.169.254:80 | 169.254.169.254, the cloud metadata service",
    "[fe80::1]:22 | fe80::1, a link-local address",
    "2852039166:80 | 169.254.169.254, the cloud metadata service",
  })
  void aMetadataOrLinkLocalLiteralIsRefusedUnlessAllowed(String address, String what) {
    assertThat(problems(TcpCheckConfig.of("meta", address)))
        .containsExactly("<tcpCheck><address> \"" + address + "\" is a cloud metadata or"
            + " link-local address (" + what + "), refused as a target; set"
            + " <allowMetadataTargets>true</allowMetadataTargets> if you mean to check it"
            + " (tcpCheck \"meta\")");

    RunSpec allowed = SpecParser.parse(RunConfig.builder()
        .tcpChecks(List.of(TcpCheckConfig.of("meta", address)))
        .allowMetadataTargets(true)
        .build());
    assertThat(allowed.tcpChecks()).hasSize(1);
  }

  @Test
  void namesAreUniqueAcrossEndpointsAndTcpChecks() {
    List<String> problems = problems(RunConfig.builder()
        .endpoints(List.of(EndpointConfig.of("ssh", "https://www.example.com/")))
        .tcpChecks(List.of(
            TcpCheckConfig.of("ssh", "bastion.example.com:22"),
            TcpCheckConfig.of("smtp", "mail.example.com:25"),
            TcpCheckConfig.of("smtp", "mail2.example.com:25")))
        .build());

    assertThat(problems).containsExactly(
        "<tcpCheck><name> \"ssh\" is used by more than one endpoint or TCP check; names must be"
            + " unique",
        "<tcpCheck><name> \"smtp\" is used by more than one endpoint or TCP check; names must be"
            + " unique");
  }
}
