package io.github.sitehealth.core.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TargetsTest {

  /** RFC 5952 §4: lower case, no leading zeros, the longest run of zero groups as "::". */
  @ParameterizedTest
  @CsvSource({
    "::1, ::1",
    "0:0:0:0:0:0:0:0, ::",
    "2001:db8:0:0:0:0:0:10, 2001:db8::10",
    "2001:0DB8:0000:0000:0001:0000:0000:0001, 2001:db8::1:0:0:1",
    "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
    "fe80:0:0:0:0:0:0:1, fe80::1",
    "2001:db8:0:0:1:0:0:0, 2001:db8:0:0:1::",
    "192.0.2.3, 192.0.2.3",
  })
  void addressesAreWrittenInTheirUsualForm(String literal, String text) throws Exception {
    assertThat(Targets.text(InetAddress.getByName(literal))).isEqualTo(text);
  }
}
