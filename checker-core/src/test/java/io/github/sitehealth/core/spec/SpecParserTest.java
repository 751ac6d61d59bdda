package io.github.sitehealth.core.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.sitehealth.core.testing.Endpoint;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class SpecParserTest {

  private static RunSpec parse(EndpointConfig... endpoints) {
    return SpecParser.parse(new RunConfig(List.of(endpoints), null, null));
  }

  private static InvalidConfigException invalid(RunConfig config) {
    return catchThrowableOfType(InvalidConfigException.class, () -> SpecParser.parse(config));
  }

  private static InvalidConfigException invalid(EndpointConfig... endpoints) {
    return invalid(new RunConfig(List.of(endpoints), null, null));
  }

  @Test
  void appliesTheDefaults() {
    RunSpec run = parse(EndpointConfig.of("home", "https://www.example.com/"));

    assertThat(run.concurrency()).isEqualTo(64);
    assertThat(run.perHostConcurrency()).isEqualTo(8);
    EndpointSpec home = run.endpoints().get(0);
    assertThat(home.name()).isEqualTo("home");
    assertThat(home.url()).isEqualTo(URI.create("https://www.example.com/"));
    assertThat(home.timeout()).isEqualTo(Duration.ofMillis(10_000));
    assertThat(home.retries()).isEqualTo(2);
    assertThat(home.expectStatus()).hasToString("200-399");
    assertThat(home.expectStatus().contains(200)).isTrue();
    assertThat(home.expectStatus().contains(399)).isTrue();
    assertThat(home.expectStatus().contains(199)).isFalse();
    assertThat(home.expectStatus().contains(400)).isFalse();
    assertThat(home.origin()).isEmpty();
    assertThat(home.maxLatency()).isEmpty();
    assertThat(home.expectHeaders()).isEmpty();
    assertThat(home.headers()).isEmpty();
    assertThat(home.hostKey()).isEqualTo("www.example.com:443");
  }

  @Test
  void keepsEveryConfiguredValue() {
    EndpointSpec spec =
        Endpoint.named(" api ", " http://API.example.com:8080/health ")
            .origin("https://origin.example.com/health")
            .expectStatus("200, 301-302")
            .maxLatencyMs(1500)
            .expectHeader("cache-control", "max-age=\\d+")
            .header("Authorization", "Bearer abc")
            .timeoutMs(2500)
            .retries(0)
            .spec();

    assertThat(spec.name()).isEqualTo("api");
    assertThat(spec.url()).isEqualTo(URI.create("http://API.example.com:8080/health"));
    assertThat(spec.hostKey()).isEqualTo("api.example.com:8080");
    assertThat(spec.origin()).contains(URI.create("https://origin.example.com/health"));
    assertThat(spec.expectStatus()).hasToString("200,301-302");
    assertThat(spec.maxLatency()).contains(Duration.ofMillis(1500));
    assertThat(spec.expectHeaders().get("cache-control").pattern()).isEqualTo("max-age=\\d+");
    assertThat(spec.headers()).containsEntry("Authorization", "Bearer abc");
    assertThat(spec.timeout()).isEqualTo(Duration.ofMillis(2500));
    assertThat(spec.retries()).isZero();
  }

  @Test
  void acceptsTheRunWideLimits() {
    RunSpec run =
        SpecParser.parse(
            new RunConfig(List.of(EndpointConfig.of("a", "http://a.example/")), 3, 1));

    assertThat(run.concurrency()).isEqualTo(3);
    assertThat(run.perHostConcurrency()).isEqualTo(1);
  }

  @Test
  void readsTheAddressModeAndTheSamplingAnyCase() {
    EndpointSpec spec =
        Endpoint.named("home", "https://www.example.com/")
            .addresses(" IPv6 ").samples(20).sampleWindowMs(2000).maxFailureRate(2.5).spec();

    assertThat(spec.addresses()).isEqualTo(AddressMode.IPV6);
    assertThat(spec.samples()).isEqualTo(20);
    assertThat(spec.sampleWindow()).isEqualTo(Duration.ofSeconds(2));
    assertThat(spec.maxFailureRate()).isEqualTo(2.5);
    EndpointSpec defaults = parse(EndpointConfig.of("home", "https://www.example.com/")).endpoints().get(0);
    assertThat(defaults.addresses()).isEqualTo(AddressMode.FIRST);
    assertThat(defaults.samples()).isEqualTo(1);
    assertThat(defaults.sampleWindow()).isZero();
    assertThat(defaults.maxFailureRate()).isZero();
  }

  @Test
  void noEndpointsIsAnEmptyRun() {
    assertThat(SpecParser.parse(new RunConfig(null, null, null)).endpoints()).isEmpty();
  }

  static Stream<Arguments> badEndpointValues() {
    return Stream.of(
        bad("url not absolute", e -> e.url("htp:/nope"),
            "<endpoint><url>", "htp:/nope", "is not an absolute http(s) URL"),
        bad("url relative", e -> e.url("/health"),
            "<endpoint><url>", "/health", "is not an absolute http(s) URL"),
        bad("url not http", e -> e.url("ftp://files.example.com/"),
            "<endpoint><url>", "ftp://files.example.com/", "is not an absolute http(s) URL"),
        bad("url with a space in the host", e -> e.url("http://exa mple.com/"),
            "<endpoint><url>", "http://exa mple.com/",
            "has a character not allowed in a URL's host at index 11: ' ' (endpoint \"home\")"),
        bad("url with a quote in the path", e -> e.url("https://a.example/x\"y"),
            "<endpoint><url>", "https://a.example/x\"y", "has a character not allowed in a URL at"
                + " index 20: '\"' (percent-encode it as %22) (endpoint \"home\")"),
        bad("url with a < in the query", e -> e.url("https://a.example/?q=<x>"),
            "<endpoint><url>", "https://a.example/?q=<x>", "has a character not allowed in a URL"
                + " at index 22: '<' (percent-encode it as %3C)"),
        bad("url with a space after an emoji", e -> e.url("https://a.example/\uD83D\uDE00 x"),
            "<endpoint><url>", "https://a.example/\uD83D\uDE00 x", "has a character not allowed"
                + " in a URL at index 20: ' ' (percent-encode it as %20)"),
        bad("url with a no-break space", e -> e.url("https://a.example/a\u00a0b"),
            "<endpoint><url>", "https://a.example/a\u00a0b", "has a character not allowed in a URL"
                + " at index 20: '\u00a0' (percent-encode it as %C2%A0)"),
        bad("url with a space in the user info", e -> e.url("https://us er@a.example/"),
            "<endpoint><url>", "https://us er@a.example/", "has a character not allowed in a URL"
                + " at index 11: ' ' (percent-encode it as %20)"),
        bad("url with a space in the scheme", e -> e.url("ht tp://a.example/"),
            "<endpoint><url>", "ht tp://a.example/",
            "has a character not allowed in a URL's scheme at index 3: ' '"),
        bad("url with a bad percent escape", e -> e.url("https://a.example/%zz"),
            "<endpoint><url>", "https://a.example/%zz", "has a '%' not followed by two hex digits"
                + " at index 19 (write a '%' itself as %25)"),
        bad("url without a host", e -> e.url("http://"), "<endpoint><url>", "http://",
            "is not an absolute http(s) URL: expected authority at index 8"),
        bad("origin with a space", e -> e.origin("https://origin.example/a b"),
            "<endpoint><origin>", "https://origin.example/a b", "has a character not allowed in a"
                + " URL at index 25: ' ' (percent-encode it as %20) (endpoint \"home\")"),
        bad("url with a Unicode host name", e -> e.url("https://bücher.example.test/"),
            "<endpoint><url>", "https://bücher.example.test/",
            "is not an absolute http(s) URL: it has a host name that is not ASCII"
                + " (bücher.example.test): write it in its ACE form, e.g."
                + " xn--bcher-kva.example.test (RFC 5890 §2.3.2.1)"),
        bad("url with an empty label", e -> e.url("https://www..example.test/"),
            "<endpoint><url>", "https://www..example.test/",
            "is not an absolute http(s) URL: it has an invalid host name"),
        bad("url with a label over 63 characters", e -> e.url("https://" + "a".repeat(64) + ".test/"),
            "<endpoint><url>", "https://" + "a".repeat(64) + ".test/",
            "is not an absolute http(s) URL: it has an invalid host name"),
        bad("url missing", e -> e.url(null),
            "<endpoint><url>", "null", "is missing"),
        bad("origin without scheme", e -> e.origin("origin.example.com"),
            "<endpoint><origin>", "origin.example.com", "is not an absolute http(s) URL"),
        bad("origin blank", e -> e.origin(" "), "<endpoint><origin>", " ",
            "is blank: give it a value, or leave <origin> out (endpoint \"home\")"),
        bad("origin address blank", e -> e.originAddress(""), "<endpoint><originAddress>", "",
            "is blank: give it a value, or leave <originAddress> out (endpoint \"home\")"),
        bad("addresses blank", e -> e.addresses(" "), "<endpoint><addresses>", " ",
            "is blank: give it a value, or leave <addresses> out (endpoint \"home\")"),
        bad("name with a space", e -> Endpoint.named("my site", "https://www.example.com/"),
            "<endpoint><name>", "my site", "may only contain letters, digits"),
        bad("name missing", e -> Endpoint.named(null, "https://www.example.com/"),
            "<endpoint><name>", "null", "is missing (endpoint #1)"),
        bad("status out of range", e -> e.expectStatus("600"),
            "<endpoint><expectStatus>", "600", "is not a list of status codes and ranges"),
        bad("status range reversed", e -> e.expectStatus("399-200"),
            "<endpoint><expectStatus>", "399-200", "is not a list of status codes and ranges"),
        bad("status garbage", e -> e.expectStatus("ok"),
            "<endpoint><expectStatus>", "ok", "is not a list of status codes and ranges"),
        bad("latency zero", e -> e.maxLatencyMs(0),
            "<endpoint><maxLatencyMs>", "0", "must be a positive number of milliseconds"),
        bad("warning latency zero", e -> e.warnLatencyMs(0),
            "<endpoint><warnLatencyMs>", "0", "must be a positive number of milliseconds"),
        bad("warning latency above the budget", e -> e.maxLatencyMs(500).warnLatencyMs(800),
            "<endpoint><warnLatencyMs>", "800", "must be below <maxLatencyMs> 500"),
        bad("timeout zero", e -> e.timeoutMs(0),
            "<endpoint><timeoutMs>", "0", "must be between 1 and 600000 milliseconds"),
        bad("timeout negative", e -> e.timeoutMs(-5),
            "<endpoint><timeoutMs>", "-5", "must be between 1 and 600000 milliseconds"),
        bad("timeout too long", e -> e.timeoutMs(600_001),
            "<endpoint><timeoutMs>", "600001", "must be between 1 and 600000 milliseconds"),
        bad("retries negative", e -> e.retries(-1),
            "<endpoint><retries>", "-1", "must be between 0 and 10"),
        bad("retries too many", e -> e.retries(11),
            "<endpoint><retries>", "11", "must be between 0 and 10"),
        bad("bad regex", e -> e.expectHeader("cache-control", "max-age=(\\d+"),
            "<endpoint><expectHeaders><cache-control>", "max-age=(\\d+",
            "is not a valid regular expression"),
        bad("bad expected body regex", e -> e.expectBody("Welcome (to"),
            "<endpoint><expectBody>", "Welcome (to",
            "is not a valid regular expression: Unclosed group (endpoint \"home\")"),
        bad("bad rejected body regex", e -> e.rejectBody("[maintenance"),
            "<endpoint><rejectBody>", "[maintenance",
            "is not a valid regular expression: Unclosed character class (endpoint \"home\")"),
        bad("bad expected header name", e -> e.expectHeader("cache control", "x"),
            "<endpoint><expectHeaders><cache control>", "cache control",
            "is not a valid HTTP header name"),
        bad("unresolved env", e -> e.header("Authorization", "Bearer ${env.STATUS_TOKEN}"),
            "<endpoint><headers><Authorization>", "${env.STATUS_TOKEN}",
            "was not resolved: define the property or environment variable"),
        bad("line break in header", e -> e.header("X-Token", "abc\r\nX-Evil: 1"),
            "<endpoint><headers><X-Token>", "(value hidden)", "contains a line break"),
        bad("unknown address mode", e -> e.addresses("every"),
            "<endpoint><addresses>", "every", "must be first, all, ipv4 or ipv6"),
        bad("no samples", e -> e.samples(0),
            "<endpoint><samples>", "0", "must be between 1 and 1000"),
        bad("too many samples", e -> e.samples(1001),
            "<endpoint><samples>", "1001", "must be between 1 and 1000"),
        bad("negative sample window", e -> e.samples(5).sampleWindowMs(-1),
            "<endpoint><sampleWindowMs>", "-1", "must be between 0 and 600000 milliseconds"),
        bad("sample window too long", e -> e.samples(5).sampleWindowMs(600_001),
            "<endpoint><sampleWindowMs>", "600001", "must be between 0 and 600000 milliseconds"),
        bad("failure rate above 100", e -> e.samples(5).maxFailureRate(150),
            "<endpoint><maxFailureRate>", "150", "must be a percentage between 0 and 100"),
        bad("negative failure rate", e -> e.samples(5).maxFailureRate(-1),
            "<endpoint><maxFailureRate>", "-1", "must be a percentage between 0 and 100"),
        bad("failure rate without samples", e -> e.maxFailureRate(10),
            "<endpoint><maxFailureRate>", "10", "needs <samples> above 1"),
        bad("IPv6 addresses of an IPv4 literal", e -> e.url("http://192.0.2.10/").addresses("ipv6"),
            "<endpoint><addresses>", "ipv6", "cannot apply to the URL's host 192.0.2.10, an IPv4"
                + " address: it has no DNS records to choose from"),
        bad("IPv4 addresses of an IPv6 literal", e -> e.url("http://[2001:db8::1]/").addresses("ipv4"),
            "<endpoint><addresses>", "ipv4",
            "cannot apply to the URL's host [2001:db8::1], an IPv6 address"),
        bad("sample window without samples", e -> e.sampleWindowMs(1000),
            "<endpoint><sampleWindowMs>", "1000", "needs <samples> above 1"));
  }

  private static Arguments bad(
      String label,
      UnaryOperator<Endpoint> change,
      String element,
      String value,
      String reason) {
    return Arguments.of(label, change, element, value, reason);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badEndpointValues")
  void rejectsABadValueNamingTheElementAndTheValue(
      String label, UnaryOperator<Endpoint> change, String element, String value, String reason) {
    EndpointConfig config = change.apply(Endpoint.named("home", "https://www.example.com/")).config();

    InvalidConfigException e = invalid(config);

    assertThat(e).as(label).isNotNull();
    assertThat(e.problems()).hasSize(1);
    ConfigProblem problem = e.problems().get(0);
    assertThat(problem.element()).isEqualTo(element);
    assertThat(problem.value()).isEqualTo(value);
    assertThat(problem.reason()).contains(reason);
    assertThat(e.getMessage())
        .startsWith("Invalid site-health configuration: ")
        .contains(element + " \"" + value + "\" " + reason);
  }

  /**
   * Every host form RFC 3986 §3.2.2 allows in an http(s) URL is valid configuration, including a
   * reg-name with "_" (for which java.net.URI has no host) and an absolute name's trailing dot.
   */
  @ParameterizedTest
  @ValueSource(strings = {
      "http://api_backend.example.test/",
      "https://user:secret@api_backend.example.test:8443/health?x=1",
      "https://www.example.test.:8443/",
      "https://WWW.Example.TEST/",
      "https://xn--bcher-kva.example.test/",
      "http://[::1]:8080/",
      "http://[2001:db8::10]/",
      "http://192.0.2.10:8080/"})
  void everyValidHostFormIsAValidUrl(String url) {
    EndpointSpec spec = SpecParser.parse(new RunConfig(List.of(EndpointConfig.of("home", url)), null, null))
        .endpoints().get(0);

    assertThat(spec.url()).hasToString(url);
  }

  @Test
  void theHostKeyOfOneHostIsTheSameWhateverItsCaseOrTrailingDot() {
    assertThat(SpecParser.hostKey(java.net.URI.create("https://WWW.example.test.:443/")))
        .isEqualTo(SpecParser.hostKey(java.net.URI.create("https://www.example.test/")))
        .isEqualTo("www.example.test:443");
    assertThat(SpecParser.hostKey(java.net.URI.create("http://api_backend.example.test/")))
        .isEqualTo("api_backend.example.test:80");
    assertThat(SpecParser.hostKey(java.net.URI.create("http://[::1]:8080/"))).isEqualTo("[::1]:8080");
  }

  @Test
  void theMessageForABadUrlReadsAsInTheContract() {
    InvalidConfigException e = invalid(EndpointConfig.of("home", "htp:/nope"));

    assertThat(e.getMessage())
        .isEqualTo(
            "Invalid site-health configuration: <endpoint><url> \"htp:/nope\" is not an absolute"
                + " http(s) URL (endpoint \"home\")");
  }

  @Test
  void anUnresolvedExpressionDoesNotShowTheRestOfTheHeaderValue() {
    InvalidConfigException e =
        invalid(
            Endpoint.named("home", "https://www.example.com/")
                .header("Authorization", "Bearer s3cret-${env.MISSING}")
                .config());

    assertThat(e.getMessage()).contains("\"${env.MISSING}\"").doesNotContain("s3cret");
  }

  @Test
  void rejectsDuplicateNames() {
    InvalidConfigException e =
        invalid(
            EndpointConfig.of("home", "https://www.example.com/"),
            EndpointConfig.of("api", "https://api.example.com/"),
            EndpointConfig.of(" home", "https://www.example.org/"));

    assertThat(e.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.element()).isEqualTo("<endpoint><name>");
              assertThat(p.value()).isEqualTo("home");
              assertThat(p.reason()).contains("names must be unique");
            });
  }

  @Test
  void rejectsNonPositiveRunWideLimits() {
    InvalidConfigException e =
        invalid(new RunConfig(List.of(EndpointConfig.of("a", "http://a.example/")), 0, -1));

    assertThat(e.problems())
        .extracting(ConfigProblem::element, ConfigProblem::value)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("<concurrency>", "0"),
            org.assertj.core.groups.Tuple.tuple("<perHostConcurrency>", "-1"));
  }

  @Test
  void reportsEveryProblemTogether() {
    InvalidConfigException e =
        invalid(
            Endpoint.named("home", "htp:/nope").retries(-1).config(),
            Endpoint.named("api", "https://api.example.com/").timeoutMs(0).config(),
            EndpointConfig.of("fine", "https://fine.example.com/"));

    assertThat(e.problems())
        .extracting(ConfigProblem::element)
        .containsExactly("<endpoint><url>", "<endpoint><retries>", "<endpoint><timeoutMs>");
    List<String> lines = new ArrayList<>(e.getMessage().lines().toList());
    assertThat(lines.remove(0)).isEqualTo("Invalid site-health configuration:");
    assertThat(lines)
        .containsExactly(
            "  - <endpoint><url> \"htp:/nope\" is not an absolute http(s) URL (endpoint \"home\")",
            "  - <endpoint><retries> \"-1\" must be between 0 and 10 (endpoint \"home\")",
            "  - <endpoint><timeoutMs> \"0\" must be between 1 and 600000 milliseconds"
                + " (endpoint \"api\")");
  }

  @Test
  void anExceptionWithoutProblemsCannotBeMade() {
    assertThatThrownBy(() -> new InvalidConfigException(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
