package io.github.sitehealth.core.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Validation of {@code <dnsRecords>} and {@code <resolver>} through {@link SpecParser}. */
class DnsRecordParserTest {

  private static RunSpec parse(String resolver, DnsRecordConfig... records) {
    return SpecParser.parse(RunConfig.builder().dnsRecords(List.of(records)).resolver(resolver).build());
  }

  private static DnsRecordSpec one(DnsRecordConfig config) {
    return parse(null, config).dnsRecords().get(0);
  }

  private static DnsRecordConfig record(String name, String type, String match, String... expect) {
    return new DnsRecordConfig(
        name, type, List.of(expect), match, null, null, null, null, null, null);
  }

  private static List<ConfigProblem> problems(String resolver, DnsRecordConfig... records) {
    try {
      parse(resolver, records);
    } catch (InvalidConfigException e) {
      return e.problems();
    }
    throw new AssertionError("expected the configuration to be rejected");
  }

  @Test
  void defaultsAreTypeAExactMatchAndFiveSeconds() {
    DnsRecordSpec spec = one(record("WWW.Example.com", null, null));

    assertThat(spec.name()).isEqualTo("www.example.com.");
    assertThat(spec.type()).isEqualTo(DnsType.A);
    assertThat(spec.match()).isEqualTo(DnsRecordSpec.Match.EXACT);
    assertThat(spec.expect()).isEmpty();
    assertThat(spec.timeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(spec.checkAuthoritative()).isFalse();
    assertThat(spec.resolver()).isEmpty();
    assertThat(spec.target()).isEqualTo("www.example.com. A");
    assertThat(spec.checkName()).isEqualTo("www.example.com. A");
  }

  @Test
  void expectedValuesAreNormalizedPerType() {
    assertThat(
            one(record("www.example.com.", "cname", null, "D111111abcdef8.CloudFront.net"))
                .expect())
        .containsExactly("d111111abcdef8.cloudfront.net.");
    assertThat(
            one(record("example.com", "MX", null, "10 Mail.example.com", "20 mx2.example.com."))
                .expect())
        .containsExactly("10 mail.example.com.", "20 mx2.example.com.");
    assertThat(one(record("example.com", "AAAA", null, "2001:DB8:0::10")).expect())
        .containsExactly("2001:db8:0:0:0:0:0:10");
    assertThat(one(record("example.com", "CAA", null, "0 issue letsencrypt.org")).expect())
        .containsExactly("0 issue \"letsencrypt.org\"");
    assertThat(one(record("example.com", "TXT", null, "\"v=spf1 -all\"", "plain text")).expect())
        .containsExactly("v=spf1 -all", "plain text");
    assertThat(
            one(record("example.com", "NS", null, "ns1.example.com", "NS1.example.com.")).expect())
        .as("duplicates after normalization are one value")
        .containsExactly("ns1.example.com.");
  }

  @Test
  void matchContainsAndTtlBoundsAndAuthoritativeServersAreKept() {
    DnsRecordSpec spec =
        one(
            new DnsRecordConfig(
                "www.example.com",
                "A",
                List.of("192.0.2.1"),
                "Contains",
                60L,
                3600L,
                "[::1]:5353",
                true,
                List.of("127.0.0.1:5301", "127.0.0.2"),
                2500L));

    assertThat(spec.match()).isEqualTo(DnsRecordSpec.Match.CONTAINS);
    assertThat(spec.minTtl()).contains(60L);
    assertThat(spec.maxTtl()).contains(3600L);
    assertThat(spec.resolver()).contains(new ServerAddress("::1", 5353));
    assertThat(spec.checkName()).isEqualTo("www.example.com. A @[::1]:5353");
    assertThat(spec.authoritativeServers())
        .containsExactly(new ServerAddress("127.0.0.1", 5301), new ServerAddress("127.0.0.2", 53));
    assertThat(spec.timeout()).isEqualTo(Duration.ofMillis(2500));
  }

  @Test
  void runResolverAcceptsIpv4AndBracketedIpv6WithOptionalPort() {
    assertThat(parse("127.0.0.1:5353").resolver()).contains(new ServerAddress("127.0.0.1", 5353));
    assertThat(parse("127.0.0.1").resolver().map(ServerAddress::toString)).contains("127.0.0.1:53");
    assertThat(parse("[::1]:5353").resolver().map(ServerAddress::toString)).contains("[::1]:5353");
    assertThat(parse("::1").resolver().map(ServerAddress::toString)).contains("[::1]:53");
    assertThat(parse(null).resolver()).isEqualTo(Optional.empty());
  }

  /** A record's resolver written blank is a mistake; the run's, blank, is the system's. */
  @Test
  void aBlankResolverOrAuthoritativeServerOfARecordIsNamed() {
    DnsRecordConfig blank = new DnsRecordConfig("www.example.com", "A", List.of(), null, null,
        null, " ", true, List.of("127.0.0.1", ""), null);

    assertThat(problems(" ", blank)).extracting(ConfigProblem::message).containsExactly(
        "<dnsRecord><resolver> \" \" is blank: give it a value, or leave <resolver> out"
            + " (dnsRecord \"www.example.com.\")",
        "<dnsRecord><authoritativeServers> \"\" is blank: give it a value, or leave"
            + " <authoritativeServers> out (dnsRecord \"www.example.com.\")");
    assertThat(parse(" ").resolver()).isEmpty();
  }

  @Test
  void badResolverNamesTheElementAndTheValue() {
    for (String bad :
        List.of("dns.google", "127.0.0.1:0", "127.0.0.1:70000", "[::1", "[::1]5353", "1.2.3:53")) {
      assertThat(problems(bad))
          .as(bad)
          .singleElement()
          .satisfies(
              p -> {
                assertThat(p.element()).isEqualTo("<resolver>");
                assertThat(p.value()).isEqualTo(bad);
                assertThat(p.message()).contains("is not an IP address with an optional port");
              });
    }
  }

  @Test
  void unsupportedTypeIsRejectedWithTheSupportedOnes() {
    assertThatThrownBy(() -> parse(null, record("www.example.com", "PTR", null)))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage(
            "Invalid site-health configuration: <dnsRecord><type> \"PTR\" is not supported: use one"
                + " of A, AAAA, CNAME, NS, MX, TXT, CAA, SOA (dnsRecord \"www.example.com.\")");
  }

  @Test
  void invalidExpectedValueSaysWhatTheTypeNeeds() {
    assertThat(problems(null, record("www.example.com", "A", null, "300.1.1.1")))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.element()).isEqualTo("<dnsRecord><expect>");
              assertThat(p.value()).isEqualTo("300.1.1.1");
              assertThat(p.reason()).startsWith("is not a valid A value: expected an IPv4 address");
            });
    assertThat(problems(null, record("example.com", "MX", null, "mail.example.com")))
        .singleElement()
        .satisfies(p -> assertThat(p.reason()).contains("a preference and a host name"));
  }

  @Test
  void everyProblemIsReportedAtOnce() {
    List<ConfigProblem> problems =
        problems(
            "nope",
            record(null, "A", null),
            record("exa mple.com", "A", null),
            record("www.example.com", "A", "similar"),
            new DnsRecordConfig(
                "www.example.com", "A", List.of(), null, 600L, 60L, null, null, null, 0L),
            new DnsRecordConfig(
                "api.example.com",
                "A",
                List.of(),
                null,
                -1L,
                null,
                "localhost",
                null,
                List.of("127.0.0.1:5301"),
                null));

    assertThat(problems)
        .extracting(ConfigProblem::element)
        .containsExactly(
            "<dnsRecord><name>",
            "<dnsRecord><name>",
            "<dnsRecord><match>",
            "<dnsRecord><minTtl>",
            "<dnsRecord><timeoutMs>",
            "<dnsRecord><minTtl>",
            "<dnsRecord><resolver>",
            "<dnsRecord><authoritativeServers>",
            "<resolver>");
    assertThat(problems.get(1).value()).isEqualTo("exa mple.com");
    assertThat(problems.get(3).message())
        .isEqualTo(
            "<dnsRecord><minTtl> \"600\" is greater than <maxTtl> 60 (dnsRecord"
                + " \"www.example.com.\")");
    assertThat(problems.get(7).reason())
        .startsWith("is only used with <checkAuthoritative>true</checkAuthoritative>");
  }

  @Test
  void tooLongLabelIsNotAName() {
    assertThat(problems(null, record("a".repeat(64) + ".example.com", "A", null)))
        .singleElement()
        .satisfies(p -> assertThat(p.reason()).startsWith("is not a valid DNS name"));
  }

  @Test
  void sameRecordTwiceIsRejectedButAnotherResolverIsAnotherCheck() {
    assertThat(
            problems(
                null, record("www.example.com", "A", null), record("WWW.example.com.", "a", null)))
        .singleElement()
        .satisfies(
            p ->
                assertThat(p.message())
                    .isEqualTo(
                        "<dnsRecord><name> \"www.example.com.\" is checked more than once for type"
                            + " A; merge the <expect> values into one <dnsRecord>"));

    RunSpec two =
        parse(
            null,
            record("www.example.com", "A", null),
            new DnsRecordConfig(
                "www.example.com",
                "A",
                List.of(),
                null,
                null,
                null,
                "127.0.0.1:5353",
                null,
                null,
                null));
    assertThat(two.dnsRecords()).hasSize(2);
    assertThat(two.size()).isEqualTo(2);
  }

  @Test
  void httpOnlyConfigurationsStillParse() {
    RunSpec spec =
        SpecParser.parse(
            new RunConfig(List.of(EndpointConfig.of("home", "https://example.com/")), null, null));

    assertThat(spec.dnsRecords()).isEmpty();
    assertThat(spec.resolver()).isEmpty();
    assertThat(spec.size()).isEqualTo(1);
  }
}
