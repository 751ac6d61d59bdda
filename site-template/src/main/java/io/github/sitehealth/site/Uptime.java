package io.github.sitehealth.site;

import io.github.sitehealth.core.history.HistoryEntry;
import io.github.sitehealth.core.result.CheckStatus;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeMap;

/** A check's history as one bar per day, like the 90-day bars of hosted status pages. */
final class Uptime {

  static final int MAX_DAYS = 90;

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
   * The bars of one check.
   *
   * @param days oldest first, from the first day with data (at most {@link #MAX_DAYS} back) to
   *     the last day
   */
  record Series(List<Day> days) {

    int runs() {
      return days.stream().mapToInt(Day::runs).sum();
    }

    int available() {
      return days.stream().mapToInt(d -> d.up() + d.degraded()).sum();
    }

    /** Share of runs that were UP or DEGRADED, in percent, rounded down to two decimals. */
    String percent() {
      if (runs() == 0) {
        return "no data";
      }
      long hundredths = (long) Math.floor(available() * 10000.0 / runs());
      return String.format(Locale.ROOT, "%d.%02d%%", hundredths / 100, hundredths % 100);
    }
  }

  private Uptime() {}

  /** The series of the named check from the history, ending on {@code lastDay} (UTC). */
  static Series of(String check, CheckHistory history, LocalDate lastDay) {
    LocalDate firstAllowed = lastDay.minusDays(MAX_DAYS - 1);
    TreeMap<LocalDate, int[]> counts = new TreeMap<>();
    List<HistoryEntry> runs = history.newestFirst();
    for (int i = 0; i < runs.size(); i++) {
      LocalDate day = runs.get(i).startedAt().atZone(ZoneOffset.UTC).toLocalDate();
      if (day.isBefore(firstAllowed) || day.isAfter(lastDay)) {
        continue;
      }
      history.sample(check, i).ifPresent(sample -> counts.computeIfAbsent(day, d -> new int[3])[sample.status().ordinal()]++);
    }
    List<Day> days = new ArrayList<>();
    LocalDate first = counts.isEmpty() ? lastDay : counts.firstKey();
    for (LocalDate d = first; !d.isAfter(lastDay); d = d.plusDays(1)) {
      int[] c = counts.getOrDefault(d, new int[3]);
      days.add(new Day(d, c[CheckStatus.UP.ordinal()], c[CheckStatus.DEGRADED.ordinal()], c[CheckStatus.DOWN.ordinal()]));
    }
    return new Series(days);
  }
}
