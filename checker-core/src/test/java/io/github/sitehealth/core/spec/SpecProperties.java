package io.github.sitehealth.core.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Properties of status ranges and configuration parsing, over generated input. */
class SpecProperties {

  @Property
  void aRangeContainsExactlyItsCodes(
      @ForAll @IntRange(min = 100, max = 599) int a,
      @ForAll @IntRange(min = 100, max = 599) int b,
      @ForAll @IntRange(min = 100, max = 599) int code) {
    int low = Math.min(a, b);
    int high = Math.max(a, b);

    StatusRanges ranges = StatusRanges.parse(low + "-" + high).orElseThrow();

    assertThat(ranges.contains(code)).isEqualTo(code >= low && code <= high);
  }

  @Property
  void aNormalizedListParsesBackToTheSameSet(
      @ForAll("statusLists") String text, @ForAll @IntRange(min = 100, max = 599) int code) {
    StatusRanges ranges = StatusRanges.parse(text).orElseThrow();

    StatusRanges again = StatusRanges.parse(ranges.toString()).orElseThrow();

    assertThat(again).isEqualTo(ranges);
    assertThat(again.contains(code)).isEqualTo(ranges.contains(code));
  }

  @Provide
  Arbitrary<String> statusLists() {
    Arbitrary<String> single = Arbitraries.integers().between(100, 599).map(String::valueOf);
    Arbitrary<String> range =
        Arbitraries.integers().between(100, 599).flatMap(low ->
            Arbitraries.integers().between(low, 599).map(high -> low + " - " + high));
    return Arbitraries.oneOf(single, range).list().ofMinSize(1).ofMaxSize(5)
        .map(parts -> String.join(" , ", parts));
  }

  @Property
  void anyStatusTextIsEitherAcceptedOrRejectedNeverThrown(@ForAll String text) {
    Optional<StatusRanges> parsed = StatusRanges.parse(text);

    parsed.ifPresent(r -> assertThat(StatusRanges.parse(r.toString())).contains(r));
  }

  @Property
  void anyUrlIsAcceptedOrRejectedNamingTheElementAndTheValue(@ForAll("urls") String url) {
    RunConfig config = new RunConfig(List.of(EndpointConfig.of("check", url)), null, null);
    try {
      RunSpec spec = SpecParser.parse(config);
      assertThat(spec.endpoints().get(0).url().getScheme()).isIn("http", "https", "HTTP", "HTTPS", "Http", "Https");
    } catch (InvalidConfigException e) {
      assertThat(e.getMessage()).contains("<endpoint><url>");
      assertThat(e.problems()).allSatisfy(p -> assertThat(p.element()).startsWith("<endpoint>"));
      if (!url.isBlank()) {
        assertThat(e.getMessage()).contains("\"" + url.trim() + "\"");
      }
    }
  }

  @Provide
  Arbitrary<String> urls() {
    Arbitrary<String> schemes = Arbitraries.of("http://", "https://", "htp:/", "ftp://", "", "HTTP://", "//");
    Arbitrary<String> hosts =
        Arbitraries.oneOf(
            Arbitraries.of("example.com", "127.0.0.1", "[::1]", "", "a b", "exa%mple.com"),
            Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(12));
    Arbitrary<String> rest = Arbitraries.strings().ofMaxLength(20);
    return net.jqwik.api.Combinators.combine(schemes, hosts, rest).as((s, h, r) -> s + h + r);
  }

  @Property
  void anyTimeoutIsAcceptedWithinBoundsAndRejectedOutside(@ForAll long timeoutMs) {
    EndpointConfig endpoint =
        EndpointConfig.builder("check", "http://127.0.0.1/").timeoutMs(timeoutMs).build();
    boolean valid = timeoutMs >= 1 && timeoutMs <= 600_000;
    try {
      RunSpec spec = SpecParser.parse(new RunConfig(List.of(endpoint), null, null));
      assertThat(valid).isTrue();
      assertThat(spec.endpoints().get(0).timeout().toMillis()).isEqualTo(timeoutMs);
    } catch (InvalidConfigException e) {
      assertThat(valid).isFalse();
      assertThat(e.getMessage()).contains("<endpoint><timeoutMs> \"" + timeoutMs + "\"");
    }
  }
}
