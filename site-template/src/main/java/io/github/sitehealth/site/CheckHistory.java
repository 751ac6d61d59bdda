package io.github.sitehealth.site;

import io.github.sitehealth.core.history.HistoryEntry;
import io.github.sitehealth.core.history.HistoryEntry.CheckSample;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The history indexed by check name, built once per page: looking up a check's sample in a run is
 * then a map lookup, not a scan of every check of that run. With 2,000 checks and 400 runs the
 * scans made the page quadratic in the number of checks.
 */
final class CheckHistory {

  private final List<HistoryEntry> newestFirst;
  /** Per check, its sample in each run of {@link #newestFirst}, at the same index; null if absent. */
  private final Map<String, CheckSample[]> samples;

  private CheckHistory(List<HistoryEntry> newestFirst, Map<String, CheckSample[]> samples) {
    this.newestFirst = newestFirst;
    this.samples = samples;
  }

  /** @param history the runs in any order; runs that started at the same instant keep theirs */
  static CheckHistory of(List<HistoryEntry> history) {
    List<HistoryEntry> runs = new ArrayList<>(history);
    runs.sort(Comparator.comparing(HistoryEntry::startedAt).reversed());
    Map<String, CheckSample[]> samples = new HashMap<>();
    for (int i = 0; i < runs.size(); i++) {
      for (CheckSample sample : runs.get(i).checks()) {
        CheckSample[] perRun = samples.computeIfAbsent(sample.name(), n -> new CheckSample[runs.size()]);
        // A name twice in one run: the first counts, as in HistoryEntry.check.
        if (perRun[i] == null) {
          perRun[i] = sample;
        }
      }
    }
    return new CheckHistory(List.copyOf(runs), samples);
  }

  /** Every check name the history holds. */
  java.util.Set<String> names() {
    return java.util.Collections.unmodifiableSet(samples.keySet());
  }

  /** Every run, newest first. */
  List<HistoryEntry> newestFirst() {
    return newestFirst;
  }

  /** The named check's sample in the run at {@code index} of {@link #newestFirst()}. */
  Optional<CheckSample> sample(String check, int index) {
    CheckSample[] perRun = samples.get(check);
    return perRun == null ? Optional.empty() : Optional.ofNullable(perRun[index]);
  }
}
