package io.github.sitehealth.core.spec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class StatusRangesTest {

  @ParameterizedTest(name = "\"{0}\" contains {1}: {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "200,301-302 | 200 | true",
        "200,301-302 | 301 | true",
        "200,301-302 | 302 | true",
        "200,301-302 | 201 | false",
        "200,301-302 | 300 | false",
        "200,301-302 | 303 | false",
        "200-399     | 199 | false",
        "200-399     | 200 | true",
        "200-399     | 399 | true",
        "200-399     | 400 | false",
        "204         | 204 | true",
        "204         | 200 | false",
        "100-599     | 100 | true",
        "100-599     | 599 | true",
      })
  void contains(String text, int status, boolean expected) {
    assertThat(StatusRanges.parse(text).orElseThrow().contains(status)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "\"{0}\" is rejected")
  @NullSource
  @ValueSource(
      strings = {
        "", " ", "302-301", "399-200", "099", "600", "200-600", "99", "2000", "20x", "ok",
        "200,", ",200", "200,,301", "200;301", "200-", "-200", "200-300-400"
      })
  void rejectsAnythingButCodesAndAscendingRangesWithin100To599(String text) {
    assertThat(StatusRanges.parse(text)).isEmpty();
  }

  @Test
  void normalizesWhitespaceForDisplayAndEquality() {
    StatusRanges spaced = StatusRanges.parse(" 200 , 301 - 302 ").orElseThrow();
    StatusRanges compact = StatusRanges.parse("200,301-302").orElseThrow();

    assertThat(spaced).hasToString("200,301-302").isEqualTo(compact).hasSameHashCodeAs(compact);
    assertThat(spaced.contains(301)).isTrue();
  }

  @Test
  void theDefaultIs200To399() {
    assertThat(StatusRanges.defaults())
        .hasToString(StatusRanges.DEFAULT_TEXT)
        .hasToString("200-399")
        .isEqualTo(StatusRanges.parse("200-399").orElseThrow());
  }
}
