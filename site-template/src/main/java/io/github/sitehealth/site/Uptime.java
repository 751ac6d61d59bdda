package io.github.sitehealth.site;

import io.github.sitehealth.core.history.HistoryEntry;
import io.github.sitehealth.core.result.CheckStatus;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A check's uptime from the history: one slot per day for the last {@link #DAYS} days, like the
 * 90-day bars of hosted status pages, and the uptime over 24 hours, 7, 30 and 90 days.
 *
 * <p><b>Uptime</b> over a window is the share of the check's runs that started in the window and
 * were UP or DEGRADED. The window ends at the latest run's start and reaches back its length:
 * a run at exactly {@code end - length} is outside, the latest run is inside. Runs the check was
 * not part of do not count, so a check added three days ago has the same figure over 30 days as
 * over 7; a window with none of its runs has no figure ("no data"), never 0 % or 100 %. A
 * DEGRADED run counts as up, as Atlassian Statuspage's uptime counts only outages as downtime
 * and "degraded performance" as up: the site answered correctly, and the degradation shows as
 * a status of its own in the day slots, the latency chart and the table. The figure is rounded
 * down to two decimals, so one failed run of 10,000 is not shown as 100.00 %.
 */
final class Uptime {

  static final int DAYS = 90;

  /** The windows uptime is given over, shortest first. */
  enum Window {
    DAY("24 h", Duration.ofHours(24)),
    WEEK("7 d", Duration.ofDays(7)),
    MONTH("30 d", Duration.ofDays(30)),
    QUARTER("90 d", Duration.ofDays(90));

    final String label;
    final Duration length;

    Window(String label, Duration length) {
      this.label = label;
      this.length = length;
    }
  }

  /** One day's runs of one check. A day without runs has none of them. */
  record Day(LocalDate date, int up, int degraded, int down) {

    int runs() {
      return up + degraded + down;
    }

    /** The worst status of the day; empty on a day without runs. */
    Optional<CheckStatus> status() {
      if (runs() == 0) {
        return Optional.empty();
      }
      return Optional.of(down > 0 ? CheckStatus.DOWN : degraded > 0 ? CheckStatus.DEGRADED : CheckStatus.UP);
    }
  }

  /**
   * The check's runs in one window.
   *
   * @param runs runs of the check that started in the window
   * @param available those that were UP or DEGRADED
   */
  record Share(int runs, int available) {

    /**
     * In percent, rounded down to two decimals, e.g. {@code 99.95%}; "no data" without runs. The
     * hundredths are worked out in whole numbers: 5 of 7 runs is 71.42 % (71.428...), 29 of 100
     * exactly 29.00 %, and only every run up is 100.00 %.
     */
    String percent() {
      if (runs == 0) {
        return "no data";
      }
      long hundredths = available * 10_000L / runs;
      return BigDecimal.valueOf(hundredths, 2).toPlainString() + "%";
    }
  }

  /**
   * The uptime of one check.
   *
   * @param days exactly {@link #DAYS} days, oldest first, the last one the UTC day of the latest
   *     run; days before the check's first run or without runs have no runs
   * @param windows the share of each window
   */
  record Series(List<Day> days, Map<Window, Share> windows) {

    Share share(Window window) {
      return windows.get(window);
    }

    /** How many of the days had the given status as their worst. */
    long count(CheckStatus status) {
      return days.stream().filter(d -> d.status().equals(Optional.of(status))).count();
    }

    long daysWithoutData() {
      return days.stream().filter(d -> d.runs() == 0).count();
    }
  }

  private Uptime() {}

  /** The named check's uptime from the history, up to the latest run, which started at {@code end}. */
  static Series of(String check, CheckHistory history, Instant end) {
    LocalDate lastDay = end.atZone(ZoneOffset.UTC).toLocalDate();
    LocalDate firstDay = lastDay.minusDays(DAYS - 1);
    int[][] counts = new int[DAYS][3];
    Map<Window, int[]> windows = new EnumMap<>(Window.class);
    for (Window w : Window.values()) {
      windows.put(w, new int[2]);
    }
    List<HistoryEntry> runs = history.newestFirst();
    for (int i = 0; i < runs.size(); i++) {
      Instant at = runs.get(i).startedAt();
      if (at.isAfter(end)) {
        continue;
      }
      Optional<HistoryEntry.CheckSample> sample = history.sample(check, i);
      if (sample.isEmpty()) {
        continue;
      }
      CheckStatus status = sample.get().status();
      LocalDate day = at.atZone(ZoneOffset.UTC).toLocalDate();
      if (!day.isBefore(firstDay)) {
        counts[(int) (day.toEpochDay() - firstDay.toEpochDay())][status.ordinal()]++;
      }
      for (Window w : Window.values()) {
        if (at.isAfter(end.minus(w.length))) {
          int[] share = windows.get(w);
          share[0]++;
          share[1] += status == CheckStatus.DOWN ? 0 : 1;
        }
      }
    }
    List<Day> days = new ArrayList<>(DAYS);
    for (int d = 0; d < DAYS; d++) {
      int[] c = counts[d];
      days.add(new Day(firstDay.plusDays(d), c[CheckStatus.UP.ordinal()],
          c[CheckStatus.DEGRADED.ordinal()], c[CheckStatus.DOWN.ordinal()]));
    }
    Map<Window, Share> shares = new EnumMap<>(Window.class);
    windows.forEach((w, s) -> shares.put(w, new Share(s[0], s[1])));
    return new Series(List.copyOf(days), shares);
  }
}
