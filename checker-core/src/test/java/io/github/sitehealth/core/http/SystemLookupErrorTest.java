package io.github.sitehealth.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The system resolver's failures, as the JDK words them on Linux, map to the DNS findings. */
class SystemLookupErrorTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "gone.example.com: Name or service not known | UNKNOWN_HOST",
        "www.example.com: Temporary failure in name resolution | DNS_SERVFAIL",
        "mx-only.example.com: No address associated with hostname | DNS_NODATA",
        "some other wording | UNKNOWN_HOST"
      })
  void mapsTheResolversMessage(String message, ProbeError expected) {
    assertThat(HttpProbe.systemLookupError(message)).isEqualTo(expected);
  }
}
