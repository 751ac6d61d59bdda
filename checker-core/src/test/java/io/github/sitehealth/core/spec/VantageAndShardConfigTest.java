package io.github.sitehealth.core.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.sitehealth.core.check.CheckSpec;
import io.github.sitehealth.core.result.Shard;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code <vantage>} and {@code <shard>}: validated, and the share of the checks a run gets. */
class VantageAndShardConfigTest {

  private static List<EndpointConfig> endpoints(int n) {
    return IntStream.range(0, n)
        .mapToObj(i -> EndpointConfig.of("svc-" + i, "https://svc" + i + ".example.com/"))
        .toList();
  }

  private static RunSpec parse(String vantage, String shard, int checks) {
    return SpecParser.parse(
        RunConfig.builder().endpoints(endpoints(checks)).vantage(vantage).shard(shard).build());
  }

  @Test
  void noneByDefault() {
    RunSpec spec = parse(null, null, 3);
    assertThat(spec.vantage()).isEmpty();
    assertThat(spec.shard()).isEmpty();
    assertThat(spec.share()).isSameAs(spec);
    assertThat(parse(" ", "", 3).shard()).isEmpty();
  }

  @Test
  void aShareHoldsTheChecksOfItsNamesInConfigurationOrderAndTheSharesHoldEachCheckOnce() {
    RunSpec whole = parse("eu-west", null, 40);
    List<String> union = new ArrayList<>();
    for (int k = 1; k <= 3; k++) {
      RunSpec share = parse("eu-west", k + "/3", 40).share();
      Shard shard = new Shard(k, 3);
      assertThat(share.shard()).contains(shard);
      assertThat(share.vantage()).contains("eu-west");
      List<String> names = share.checks().stream().map(CheckSpec::checkName).toList();
      assertThat(names).allMatch(shard::contains);
      assertThat(names).isSubsetOf(whole.checks().stream().map(CheckSpec::checkName).toList());
      assertThat(names).isSortedAccordingTo(
          (a, b) -> Integer.compare(Integer.parseInt(a.substring(4)), Integer.parseInt(b.substring(4))));
      union.addAll(names);
    }
    assertThat(union).hasSize(40).doesNotHaveDuplicates();
    assertThat(parse(null, "2/3", 40).size()).as("the spec keeps every check").isEqualTo(40);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0/3", "4/3", "3", "1/1001", "two/three"})
  void aBadShardIsNamed(String value) {
    InvalidConfigException e = catchThrowableOfType(InvalidConfigException.class,
        () -> parse(null, value, 1));

    assertThat(e.problems()).singleElement().satisfies(p -> {
      assertThat(p.element()).isEqualTo("<shard>");
      assertThat(p.value()).isEqualTo(value);
    });
    assertThat(e.getMessage()).contains("<shard> \"" + value + "\" is not a share K/N with 1 <= K"
        + " <= N <= 1000");
  }

  @ParameterizedTest
  @ValueSource(strings = {"eu west", "eu/west", "<b>", "eu,west"})
  void aBadVantageIsNamed(String value) {
    InvalidConfigException e = catchThrowableOfType(InvalidConfigException.class,
        () -> parse(value, null, 1));

    assertThat(e.getMessage()).contains("<vantage> \"" + value + "\" is not a vantage name");
  }

  @Test
  void bothAreReportedWithTheOtherProblems() {
    InvalidConfigException e = catchThrowableOfType(InvalidConfigException.class,
        () -> SpecParser.parse(RunConfig.builder()
            .endpoints(List.of(EndpointConfig.of("a", "htp:/nope")))
            .vantage("x y").shard("9/3").build()));

    assertThat(e.problems()).extracting(ConfigProblem::element)
        .contains("<endpoint><url>", "<vantage>", "<shard>");
  }
}
