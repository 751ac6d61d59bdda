package io.github.sitehealth.site;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sitehealth.core.history.HistoryEntry;
import io.github.sitehealth.core.history.HistoryEntry.CheckSample;
import io.github.sitehealth.core.result.CheckStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LatencyTest {

  static final Instant END = UptimeTest.END;

  @Test
  void theMedianOfAnEvenCountIsTheMeanOfTheMiddleTwoAndP95IsTheNearestRank() {
    List<HistoryEntry> runs = new ArrayList<>();
    for (int i = 1; i <= 20; i++) {
      // 1..20 ms, newest the fastest, so order in the history does not decide the figures
      runs.add(run(END.minusSeconds(60L * (i - 1)), "home", CheckStatus.UP, i));
    }
    Latency.Series series = Latency.of("home", CheckHistory.of(runs), END);

    assertThat(series.runs()).hasSize(20);
    assertThat(series.runs().get(0).latencyMs()).isEqualTo(20);
    assertThat(series.runs().get(19).latencyMs()).isEqualTo(1);
    assertThat(series.median()).contains(11L); // (10 + 11) / 2 = 10.5, rounded half up
    assertThat(series.p95()).contains(19L); // rank ceil(0.95 * 20) = 19
    assertThat(series.max()).isEqualTo(20);
  }

  @Test
  void anOddCountHasItsMiddleValueAndFailedRunsCount() {
    CheckHistory history = CheckHistory.of(List.of(
        run(END.minusSeconds(120), "api", CheckStatus.UP, 100),
        run(END.minusSeconds(60), "api", CheckStatus.DOWN, 5000),
        run(END, "api", CheckStatus.DEGRADED, 300)));

    Latency.Series series = Latency.of("api", history, END);

    assertThat(series.runs()).extracting(Latency.Run::status)
        .containsExactly(CheckStatus.UP, CheckStatus.DOWN, CheckStatus.DEGRADED);
    assertThat(series.median()).contains(300L);
    assertThat(series.p95()).contains(5000L);
    assertThat(series.count(CheckStatus.DOWN)).isEqualTo(1);
    assertThat(series.count(CheckStatus.DEGRADED)).isEqualTo(1);
  }

  @Test
  void aSingleRunIsItsOwnMedianAndP95AndNoHistoryHasNoFigures() {
    CheckHistory history = CheckHistory.of(List.of(run(END, "home", CheckStatus.UP, 142)));

    Latency.Series one = Latency.of("home", history, END);
    Latency.Series none = Latency.of("other", history, END);

    assertThat(one.runs()).hasSize(1);
    assertThat(one.median()).contains(142L);
    assertThat(one.p95()).contains(142L);
    assertThat(none.runs()).isEmpty();
    assertThat(none.median()).isEmpty();
    assertThat(none.p95()).isEmpty();
  }

  @Test
  void theChartKeepsTheNewest90RunsWithinThe90DaysOldestFirst() {
    List<HistoryEntry> runs = new ArrayList<>();
    for (int i = 0; i < 120; i++) {
      runs.add(run(END.minus(Duration.ofHours(6L * i)), "home", CheckStatus.UP, 1000 + i));
    }
    runs.add(run(END.plusSeconds(1), "home", CheckStatus.DOWN, 1));

    Latency.Series series = Latency.of("home", CheckHistory.of(runs), END);

    assertThat(series.runs()).hasSize(Latency.MAX_RUNS);
    assertThat(series.runs().get(89).at()).isEqualTo(END);
    assertThat(series.runs().get(0).latencyMs()).isEqualTo(1089);
    assertThat(series.count(CheckStatus.DOWN)).isZero();

    List<HistoryEntry> old = List.of(run(END.minus(Duration.ofDays(95)), "home", CheckStatus.UP, 7),
        run(END, "home", CheckStatus.UP, 9));
    assertThat(Latency.of("home", CheckHistory.of(old), END).runs()).hasSize(1);
  }

  static HistoryEntry run(Instant at, String check, CheckStatus status, long latencyMs) {
    return new HistoryEntry(at, 10,
        List.of(new CheckSample(check, status, latencyMs, Optional.empty(), Optional.empty())));
  }
}
