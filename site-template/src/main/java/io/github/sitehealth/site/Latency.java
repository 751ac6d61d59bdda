package io.github.sitehealth.site;

import io.github.sitehealth.core.history.HistoryEntry;
import io.github.sitehealth.core.result.CheckStatus;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * A check's latency over its latest runs, for the response-time chart: each run's latency as the
 * history keeps it (the latency of the run's last attempt, as the table's Latency column and the
 * console show it), oldest first.
 *
 * <p>The chart shows at most {@link #MAX_RUNS} runs, the check's newest ones within the
 * {@link Uptime#DAYS} days of the day slots, one point per run. The median and the 95th
 * percentile are taken over the same runs, failed ones included: a run that timed out is part of
 * what users waited. The median of an even count is the mean of the two middle values, rounded
 * to the millisecond; the 95th percentile is the nearest rank, the smallest latency that at least
 * 95 % of the runs did not exceed.
 */
final class Latency {

  static final int MAX_RUNS = 90;

  /** One run of the check. */
  record Run(Instant at, long latencyMs, CheckStatus status) {}

  /** @param runs oldest first, at most {@link #MAX_RUNS}; empty when the check has no history */
  record Series(List<Run> runs) {

    Optional<Long> median() {
      long[] sorted = sorted();
      if (sorted.length == 0) {
        return Optional.empty();
      }
      int mid = sorted.length / 2;
      return Optional.of(sorted.length % 2 == 1 ? sorted[mid]
          : Math.round((sorted[mid - 1] + sorted[mid]) / 2.0));
    }

    Optional<Long> p95() {
      long[] sorted = sorted();
      if (sorted.length == 0) {
        return Optional.empty();
      }
      int rank = (int) Math.ceil(0.95 * sorted.length);
      return Optional.of(sorted[rank - 1]);
    }

    long max() {
      return runs.stream().mapToLong(Run::latencyMs).max().orElse(0);
    }

    long count(CheckStatus status) {
      return runs.stream().filter(r -> r.status() == status).count();
    }

    private long[] sorted() {
      long[] values = runs.stream().mapToLong(Run::latencyMs).toArray();
      Arrays.sort(values);
      return values;
    }
  }

  private Latency() {}

  /** The named check's newest runs up to {@code end}, the latest run's start. */
  static Series of(String check, CheckHistory history, Instant end) {
    Instant first = end.atZone(ZoneOffset.UTC).toLocalDate()
        .minusDays(Uptime.DAYS - 1).atStartOfDay(ZoneOffset.UTC).toInstant();
    List<HistoryEntry> runs = history.newestFirst();
    List<Run> newestFirst = new ArrayList<>();
    for (int i = 0; i < runs.size() && newestFirst.size() < MAX_RUNS; i++) {
      Instant at = runs.get(i).startedAt();
      if (at.isAfter(end)) {
        continue;
      }
      if (at.isBefore(first)) {
        break;
      }
      history.sample(check, i).ifPresent(s -> newestFirst.add(new Run(at, s.latencyMs(), s.status())));
    }
    Collections.reverse(newestFirst);
    return new Series(List.copyOf(newestFirst));
  }
}
