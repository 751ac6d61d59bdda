package io.github.sitehealth.core.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every value a configuration error echoes shows its control characters escaped: a line break
 * or a tab in it must not split the build log's {@code [ERROR]} line, nor a bell hide in it.
 */
class ConfigProblemTest {

  @TempDir Path dir;

  private static InvalidConfigException invalid(RunConfig config) {
    return catchThrowableOfType(InvalidConfigException.class, () -> SpecParser.parse(config));
  }

  @Test
  void aValueIsQuotedWithItsControlCharactersEscapedAndNothingElseChanged() {
    assertThat(ConfigProblem.quote("a\nb\rc\td\u0007e\u0085f\u2028g\u007f"))
        .isEqualTo("\"a\\nb\\rc\\td\\u0007e\\u0085f\\u2028g\\u007f\"");
    assertThat(ConfigProblem.quote("C:\\work\\checks.yaml \"x\" \uD83D\uDE80 \u00e9"))
        .isEqualTo("\"C:\\work\\checks.yaml \"x\" \uD83D\uDE80 \u00e9\"");
    assertThat(ConfigProblem.quote(null)).isEqualTo("\"null\"");
  }

  @Test
  void aGroupWithALineBreakIsOneLineOfTheMessage() {
    InvalidConfigException e = invalid(RunConfig.builder()
        .endpoints(List.of(EndpointConfig.builder("home", "https://www.example.com/")
            .group("line\nbreak\u0007").build()))
        .build());

    assertThat(e.problems()).singleElement().satisfies(p -> assertThat(p.value())
        .isEqualTo("line\nbreak\u0007"));
    assertThat(e.getMessage()).isEqualTo("Invalid site-health configuration: <endpoint><group>"
        + " \"line\\nbreak\\u0007\" contains a control character such as a line break or a tab"
        + " (check \"home\")");
  }

  @Test
  void aUrlWithATabNamesTheTabEscaped() {
    InvalidConfigException e = invalid(RunConfig.builder()
        .endpoints(List.of(EndpointConfig.of("home", "https://a.example/x\ty")))
        .build());

    assertThat(e.problems()).singleElement().satisfies(p -> assertThat(p.message())
        .isEqualTo("<endpoint><url> \"https://a.example/x\\ty\" has a character not allowed in a"
            + " URL at index 20: '\\t' (percent-encode it as %09) (endpoint \"home\")"));
  }

  /** What the element or the reason quotes (a header name, a checks file's key) is escaped too. */
  @Test
  void aValueInTheElementOrTheReasonIsEscapedToo() throws IOException {
    Path file = dir.resolve("checks.json");
    Files.writeString(file, "{\"endpoints\": [{\"name\": \"home\", \"url\": \"https://a.example/\","
        + " \"head\\u0007er\": 1}]}");
    InvalidConfigException e = invalid(RunConfig.builder()
        .endpoints(List.of(EndpointConfig.builder("api", "https://a.example/")
            .headers(java.util.Map.of("X-\nInjected", "1")).build()))
        .checksFile(file.toString())
        .build());

    assertThat(e.problems()).extracting(ConfigProblem::message).allSatisfy(m ->
        assertThat(m).doesNotContain("\n", "\u0007"));
    assertThat(e.problems()).extracting(ConfigProblem::message).anySatisfy(m ->
        assertThat(m).startsWith("<endpoint><headers><X-\\nInjected> \"X-\\nInjected\""));
    assertThat(e.problems()).extracting(ConfigProblem::message).anySatisfy(m ->
        assertThat(m).contains("unknown element <endpoint><head\\u0007er>"));
  }
}
