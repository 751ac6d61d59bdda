package io.github.sitehealth.site;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sitehealth.core.history.HistoryEntry;
import io.github.sitehealth.core.history.HistoryEntry.CheckSample;
import io.github.sitehealth.core.result.CheckStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CheckHistoryTest {

  private static final Instant T = Fixtures.T0;

  @Test
  void eachCheckFindsItsOwnSampleInEachRunNewestFirst() {
    HistoryEntry older = entry(T, sample("a", CheckStatus.UP, 1), sample("b", CheckStatus.DOWN, 2));
    HistoryEntry newer = entry(T.plusSeconds(60), sample("b", CheckStatus.UP, 3), sample("a", CheckStatus.DEGRADED, 4));

    CheckHistory history = CheckHistory.of(List.of(older, newer));

    assertThat(history.newestFirst()).containsExactly(newer, older);
    assertThat(history.sample("a", 0)).map(CheckSample::latencyMs).contains(4L);
    assertThat(history.sample("a", 1)).map(CheckSample::latencyMs).contains(1L);
    assertThat(history.sample("b", 0)).map(CheckSample::latencyMs).contains(3L);
    assertThat(history.sample("b", 1)).map(CheckSample::latencyMs).contains(2L);
  }

  @Test
  void aCheckMissingFromARunHasNoSampleThereAndAnUnknownCheckHasNone() {
    HistoryEntry withA = entry(T, sample("a", CheckStatus.UP, 1));
    HistoryEntry withoutA = entry(T.plusSeconds(60), sample("b", CheckStatus.UP, 2));

    CheckHistory history = CheckHistory.of(List.of(withA, withoutA));

    assertThat(history.sample("a", 0)).isEmpty();
    assertThat(history.sample("a", 1)).isPresent();
    assertThat(history.sample("nope", 0)).isEmpty();
  }

  @Test
  void aNameTwiceInOneRunFindsTheFirstLikeHistoryEntryCheck() {
    HistoryEntry run = entry(T, sample("a", CheckStatus.DOWN, 1), sample("a", CheckStatus.UP, 2));

    CheckHistory history = CheckHistory.of(List.of(run));

    assertThat(history.sample("a", 0)).isEqualTo(run.check("a"));
    assertThat(history.sample("a", 0)).map(CheckSample::latencyMs).contains(1L);
  }

  @Test
  void runsOutOfOrderAreSortedAndRunsOfTheSameInstantKeepTheirOrder() {
    HistoryEntry newest = entry(T.plusSeconds(120), sample("a", CheckStatus.UP, 1));
    HistoryEntry tieFirst = entry(T, sample("a", CheckStatus.UP, 2));
    HistoryEntry tieSecond = entry(T, sample("a", CheckStatus.DOWN, 3));
    HistoryEntry middle = entry(T.plusSeconds(60), sample("a", CheckStatus.UP, 4));

    CheckHistory history = CheckHistory.of(List.of(tieFirst, newest, tieSecond, middle));

    assertThat(history.newestFirst()).containsExactly(newest, middle, tieFirst, tieSecond);
    assertThat(history.sample("a", 2)).map(CheckSample::latencyMs).contains(2L);
    assertThat(history.sample("a", 3)).map(CheckSample::latencyMs).contains(3L);
  }

  private static HistoryEntry entry(Instant at, CheckSample... samples) {
    return new HistoryEntry(at, 10, List.of(samples));
  }

  private static CheckSample sample(String name, CheckStatus status, long latencyMs) {
    return new CheckSample(name, status, latencyMs, Optional.empty(), Optional.empty());
  }
}
