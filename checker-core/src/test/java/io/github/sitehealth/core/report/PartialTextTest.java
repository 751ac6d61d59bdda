package io.github.sitehealth.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sitehealth.core.result.AddressResult;
import io.github.sitehealth.core.result.CheckStatus;
import io.github.sitehealth.core.result.FindingCode;
import io.github.sitehealth.core.result.Hop;
import io.github.sitehealth.core.result.Sample;
import io.github.sitehealth.core.result.Sampling;
import io.github.sitehealth.core.testing.SampleResults;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PartialTextTest {

  @Test
  void anAddressSaysItsStatusCodeHopAndWhatItAnswered() {
    assertThat(PartialText.address(new AddressResult("127.0.0.3", CheckStatus.DOWN,
        "connection refused", Optional.of(FindingCode.CONNECT_REFUSED), Optional.of(Hop.NETWORK),
        1, 1, 1)))
        .isEqualTo("127.0.0.3 DOWN CONNECT_REFUSED (network): connection refused");
    assertThat(PartialText.address(new AddressResult("::1", CheckStatus.UP, "200 OK",
        Optional.empty(), Optional.empty(), 12, 5, 0)))
        .isEqualTo("::1 UP: 200 OK, 0 of 5 samples failed (0 %)");
  }

  @Test
  void theAddressesUpAreCounted() {
    AddressResult up = new AddressResult("192.0.2.1", CheckStatus.UP, "200 OK", Optional.empty(),
        Optional.empty(), 12, 1, 0);
    assertThat(PartialText.addressesUp(List.of(up))).isEqualTo("1 of 1 address UP");
    assertThat(PartialText.addressesUp(List.of(up, up))).isEqualTo("2 of 2 addresses UP");
  }

  @Test
  void samplingSaysTheRateAndWhatIsAllowed() {
    assertThat(PartialText.sampling(new Sampling(20, 9, 10_000, 0, List.of())))
        .isEqualTo("9 of 20 samples failed (45 %), allowed 0 %");
    assertThat(PartialText.sampling(new Sampling(3, 1, 1_000, 2.5, List.of())))
        .isEqualTo("1 of 3 samples failed (33.3 %), allowed 2.5 %");
  }

  @Test
  void aSampleSaysWhenWhereAndWhat() {
    assertThat(PartialText.sample(new Sample(7, SampleResults.T0, 12, Optional.of("2001:db8::1"),
        Optional.of(502), FindingCode.http(502), "502 Bad Gateway")))
        .isEqualTo("sample 7 to 2001:db8::1 at 2026-01-02T03:04:05Z, 12 ms: HTTP_502, 502 Bad Gateway");
    assertThat(PartialText.sample(new Sample(1, SampleResults.T0, 2000, Optional.empty(),
        Optional.empty(), FindingCode.READ_TIMEOUT, "no answer")))
        .isEqualTo("sample 1 at 2026-01-02T03:04:05Z, 2000 ms: READ_TIMEOUT, no answer");
  }

  @Test
  void aPercentageKeepsOneDecimalAndNeverRoundsToNoneOrAll() {
    assertThat(PartialText.percent(45)).isEqualTo("45");
    assertThat(PartialText.percent(100.0 / 3)).isEqualTo("33.3");
    assertThat(PartialText.percent(0)).isEqualTo("0");
    assertThat(PartialText.percent(100)).isEqualTo("100");
    assertThat(PartialText.percent(0.04)).isEqualTo("<0.1");
    assertThat(PartialText.percent(99.96)).isEqualTo(">99.9");
  }
}
