package io.github.sitehealth.site;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sitehealth.core.history.HistoryEntry;
import io.github.sitehealth.core.history.HistoryEntry.CheckSample;
import io.github.sitehealth.core.result.CheckStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Uptime per window and per day, at fixed instants: the latest run starts at {@link #END}. */
class UptimeTest {

  static final Instant END = Instant.parse("2025-03-20T10:15:00Z");

  @Test
  void eachWindowCountsTheRunsThatStartedInItAndOnlyThose() {
    CheckHistory history = CheckHistory.of(List.of(
        run(END, "home", CheckStatus.UP),
        run(END.minus(Duration.ofHours(1)), "home", CheckStatus.DOWN),
        run(END.minus(Duration.ofHours(24)).plusSeconds(1), "home", CheckStatus.DEGRADED),
        // exactly 24 h before the latest run: outside the 24 h window, inside the 7 days
        run(END.minus(Duration.ofHours(24)), "home", CheckStatus.DOWN),
        run(END.minus(Duration.ofDays(3)), "home", CheckStatus.UP),
        run(END.minus(Duration.ofDays(10)), "home", CheckStatus.DOWN),
        run(END.minus(Duration.ofDays(60)), "home", CheckStatus.UP),
        run(END.minus(Duration.ofDays(100)), "home", CheckStatus.DOWN),
        // after the latest run (a clock skewed history line): not counted anywhere
        run(END.plusSeconds(60), "home", CheckStatus.DOWN)));

    Uptime.Series series = Uptime.of("home", history, END);

    assertThat(series.share(Uptime.Window.DAY)).isEqualTo(new Uptime.Share(3, 2));
    assertThat(series.share(Uptime.Window.DAY).percent()).isEqualTo("66.66%");
    assertThat(series.share(Uptime.Window.WEEK)).isEqualTo(new Uptime.Share(5, 3));
    assertThat(series.share(Uptime.Window.WEEK).percent()).isEqualTo("60.00%");
    assertThat(series.share(Uptime.Window.MONTH)).isEqualTo(new Uptime.Share(6, 3));
    assertThat(series.share(Uptime.Window.QUARTER)).isEqualTo(new Uptime.Share(7, 4));
    assertThat(series.share(Uptime.Window.QUARTER).percent()).isEqualTo("57.14%");
  }

  @Test
  void aDegradedRunCountsAsUpButItsDayShowsDegraded() {
    CheckHistory history = CheckHistory.of(List.of(
        run(END, "cert", CheckStatus.DEGRADED), run(END.minusSeconds(3600), "cert", CheckStatus.UP)));

    Uptime.Series series = Uptime.of("cert", history, END);

    assertThat(Arrays.stream(Uptime.Window.values()).map(w -> series.share(w).percent()))
        .containsOnly("100.00%");
    Uptime.Day today = series.days().get(Uptime.DAYS - 1);
    assertThat(today.status()).contains(CheckStatus.DEGRADED);
    assertThat(today.runs()).isEqualTo(2);
  }

  @Test
  void thereAreAlways90DaysEndingOnTheLatestRunsDayAndDaysWithoutRunsHaveNoData() {
    CheckHistory history = CheckHistory.of(List.of(
        run(END, "home", CheckStatus.UP),
        run(END.minus(Duration.ofDays(2)), "home", CheckStatus.DOWN),
        run(END.minus(Duration.ofDays(2)).plusSeconds(60), "home", CheckStatus.UP)));

    Uptime.Series series = Uptime.of("home", history, END);

    assertThat(series.days()).hasSize(90);
    assertThat(series.days().get(0).date()).isEqualTo(LocalDate.parse("2024-12-21"));
    assertThat(series.days().get(89).date()).isEqualTo(LocalDate.parse("2025-03-20"));
    assertThat(series.days().get(89).status()).contains(CheckStatus.UP);
    assertThat(series.days().get(88).status()).isEmpty();
    assertThat(series.days().get(87)).isEqualTo(new Uptime.Day(LocalDate.parse("2025-03-18"), 1, 0, 1));
    assertThat(series.days().get(87).status()).contains(CheckStatus.DOWN);
    assertThat(series.daysWithoutData()).isEqualTo(88);
    assertThat(series.count(CheckStatus.DOWN)).isEqualTo(1);
  }

  @Test
  void aCheckAddedRecentlyIsMeasuredOverItsOwnRunsAndHasNoDataBefore() {
    List<HistoryEntry> runs = new ArrayList<>();
    for (int daysAgo = 40; daysAgo >= 0; daysAgo--) {
      Instant at = END.minus(Duration.ofDays(daysAgo));
      List<CheckSample> samples = new ArrayList<>(List.of(sample("old", CheckStatus.UP)));
      if (daysAgo <= 2) {
        samples.add(sample("new", daysAgo == 1 ? CheckStatus.DOWN : CheckStatus.UP));
      }
      runs.add(new HistoryEntry(at, 10, samples));
    }
    CheckHistory history = CheckHistory.of(runs);

    Uptime.Series added = Uptime.of("new", history, END);
    Uptime.Series old = Uptime.of("old", history, END);

    assertThat(added.share(Uptime.Window.WEEK)).isEqualTo(new Uptime.Share(3, 2));
    assertThat(added.share(Uptime.Window.MONTH)).isEqualTo(new Uptime.Share(3, 2));
    assertThat(added.share(Uptime.Window.QUARTER).percent()).isEqualTo("66.66%");
    assertThat(added.daysWithoutData()).isEqualTo(87);
    assertThat(added.days().subList(0, 87)).allSatisfy(d -> assertThat(d.status()).isEmpty());
    assertThat(old.share(Uptime.Window.QUARTER)).isEqualTo(new Uptime.Share(41, 41));
    assertThat(old.daysWithoutData()).isEqualTo(49);
  }

  @Test
  void aWindowWithoutTheChecksRunsHasNoFigureRatherThanZeroOrAHundred() {
    CheckHistory history = CheckHistory.of(List.of(
        run(END, "other", CheckStatus.UP),
        run(END.minus(Duration.ofDays(3)), "home", CheckStatus.UP)));

    Uptime.Series series = Uptime.of("home", history, END);

    assertThat(series.share(Uptime.Window.DAY)).isEqualTo(new Uptime.Share(0, 0));
    assertThat(series.share(Uptime.Window.DAY).percent()).isEqualTo("no data");
    assertThat(series.share(Uptime.Window.WEEK).percent()).isEqualTo("100.00%");
    assertThat(Uptime.of("unknown", history, END).days()).hasSize(90)
        .allSatisfy(d -> assertThat(d.runs()).isZero());
  }

  @Test
  void oneFailedRunInManyIsNotRoundedUpTo100() {
    assertThat(new Uptime.Share(10_000, 9_999).percent()).isEqualTo("99.99%");
    assertThat(new Uptime.Share(100_000, 99_999).percent()).isEqualTo("99.99%");
    assertThat(new Uptime.Share(3, 0).percent()).isEqualTo("0.00%");
  }

  /**
   * Rounded down, worked out exactly: never a hundredth lost to floating point (29 of 100 as
   * 28.99, as 29 / 100.0 * 100 * 100 gives, or 23 of 125 as 18.39), nor 100.00 % for a window
   * with a failed run, however many runs it has.
   */
  @ParameterizedTest(name = "{1} of {0} runs: {2}")
  @CsvSource({
      "7, 5, 71.42%",
      "100, 29, 29.00%",
      "125, 23, 18.40%",
      "3, 2, 66.66%",
      "3, 1, 33.33%",
      "8, 1, 12.50%",
      "1, 1, 100.00%",
      "20000, 19999, 99.99%",
      "2147483647, 2147483646, 99.99%",
      "2147483647, 2147483647, 100.00%",
      "2147483647, 1, 0.00%",
  })
  void theFigureIsTheExactShareRoundedDownToTwoDecimals(int runs, int available, String shown) {
    assertThat(new Uptime.Share(runs, available).percent()).isEqualTo(shown);
  }

  static HistoryEntry run(Instant at, String check, CheckStatus status) {
    return new HistoryEntry(at, 10, List.of(sample(check, status)));
  }

  static CheckSample sample(String check, CheckStatus status) {
    return new CheckSample(check, status, 100, Optional.empty(), Optional.empty());
  }
}
