package io.github.sitehealth.core.report;

import io.github.sitehealth.core.result.AddressResult;
import io.github.sitehealth.core.result.CheckStatus;
import io.github.sitehealth.core.result.Sample;
import io.github.sitehealth.core.result.Sampling;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * The words every output uses for a check's addresses and samples, so the console, the JUnit XML
 * and the status page say the same thing: {@code 127.0.0.3 DOWN CONNECT_REFUSED (network):
 * connection refused}, {@code 9 of 20 samples failed (45 %), allowed 0 %}.
 */
public final class PartialText {

  /** Failed samples listed one by one at most; the rest are counted ("and 7 more"). */
  public static final int MAX_LISTED_SAMPLES = 20;

  private PartialText() {}

  /**
   * One address and its verdict: {@code 127.0.0.3 DOWN CONNECT_REFUSED (network): connection
   * refused}, {@code 127.0.0.2 UP: 200 OK}; with more than one sample to the address, {@code , 3 of
   * 10 samples failed (30 %)} follows.
   */
  public static String address(AddressResult a) {
    StringBuilder sb = new StringBuilder(a.address()).append(' ').append(a.status());
    a.code().ifPresent(code -> sb.append(' ').append(code.id()));
    a.hop().ifPresent(hop -> sb.append(" (").append(hop.id()).append(')'));
    sb.append(": ").append(a.observed());
    if (a.samples() > 1) {
      sb.append(", ").append(samplesFailed(a.failedSamples(), a.samples()));
    }
    return sb.toString();
  }

  /** {@code 2 of 3 addresses UP}: how many of the check's addresses passed. */
  public static String addressesUp(List<AddressResult> addresses) {
    long up = addresses.stream().filter(a -> a.status() == CheckStatus.UP).count();
    return up + " of " + addresses.size() + " address" + (addresses.size() == 1 ? "" : "es")
        + " UP";
  }

  /** {@code 9 of 20 samples failed (45 %), allowed 0 %}. */
  public static String sampling(Sampling s) {
    return samplesFailed(s.failed(), s.samples()) + ", allowed " + percent(s.maxFailureRate())
        + " %";
  }

  /** {@code 9 of 20 samples failed (45 %)}. */
  public static String samplesFailed(int failed, int samples) {
    double rate = samples == 0 ? 0 : 100.0 * failed / samples;
    return failed + " of " + samples + " sample" + (samples == 1 ? "" : "s") + " failed ("
        + percent(rate) + " %)";
  }

  /**
   * One failed sample: {@code sample 3 to 127.0.0.3 at 2026-01-02T03:04:05.200Z, 12 ms:
   * CONNECT_REFUSED, connection refused}; without an address when the resolver chose it.
   */
  public static String sample(Sample f) {
    StringBuilder sb = new StringBuilder("sample ").append(f.index());
    f.address().ifPresent(a -> sb.append(" to ").append(a));
    return sb.append(" at ").append(f.startedAt()).append(", ").append(f.durationMs())
        .append(" ms: ").append(f.code().id()).append(", ").append(f.observed()).toString();
  }

  /** {@code and 7 more} when more samples failed than {@link #MAX_LISTED_SAMPLES} are listed. */
  public static String more(int count) {
    return "and " + count + " more";
  }

  /**
   * A percentage to one decimal at most, without a trailing {@code .0}: {@code 45}, {@code 33.3}.
   * A rate above 0 never shows as 0, nor one below 100 as 100: {@code <0.1}, {@code >99.9}.
   */
  public static String percent(double value) {
    BigDecimal rounded = BigDecimal.valueOf(value).setScale(1, RoundingMode.HALF_UP);
    if (value > 0 && rounded.signum() == 0) {
      return "<0.1";
    }
    if (value < 100 && rounded.compareTo(BigDecimal.valueOf(100)) >= 0) {
      return ">99.9";
    }
    return rounded.stripTrailingZeros().toPlainString();
  }
}
