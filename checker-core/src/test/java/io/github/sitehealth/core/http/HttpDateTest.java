package io.github.sitehealth.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 9110 section 5.6.7: a recipient reads all three formats of the same instant. */
class HttpDateTest {

  @ParameterizedTest
  @ValueSource(strings = {
      "Sun, 06 Nov 1994 08:49:37 GMT",  // IMF-fixdate
      "Sunday, 06-Nov-94 08:49:37 GMT", // obsolete RFC 850 format
      "Sun Nov  6 08:49:37 1994",       // ANSI C's asctime() format
  })
  void theRfcsExampleInEachFormat(String value) {
    assertThat(HttpDate.parse(value)).contains(Instant.parse("1994-11-06T08:49:37Z"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-1", "", "tomorrow", "2026-11-30T20:00:00Z"})
  void anythingElseIsNoDate(String value) {
    assertThat(HttpDate.parse(value)).isEmpty();
  }

  @org.junit.jupiter.api.Test
  void formatsAsImfFixdate() {
    assertThat(HttpDate.format(Instant.parse("1994-11-06T08:49:37Z")))
        .isEqualTo("Sun, 06 Nov 1994 08:49:37 GMT");
  }
}
