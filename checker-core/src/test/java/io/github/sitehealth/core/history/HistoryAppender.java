package io.github.sitehealth.core.history;

import io.github.sitehealth.core.result.CheckStatus;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A child process for {@link HistoryCrashTest}: appends runs to a history file as fast as it can,
 * printing {@code attempt N} before the append of run N starts and {@code done N} once it has
 * returned, until it is killed or has appended as many as asked (third argument). Optional
 * arguments: the retention (fourth; default 1,000,000, so nothing is dropped) and the checks per
 * run (fifth; default 1).
 */
public final class HistoryAppender {

  static final String ATTEMPT = "attempt ";
  static final String DONE = "done ";

  /** Upper bound, so a child that is never killed still ends. */
  static final int MAX_APPENDS = 5_000;

  private HistoryAppender() {}

  public static void main(String[] args) throws Exception {
    int first = Integer.parseInt(args[1]);
    int count = args.length > 2 ? Math.min(Integer.parseInt(args[2]), MAX_APPENDS) : MAX_APPENDS;
    int retention = args.length > 3 ? Integer.parseInt(args[3]) : 1_000_000;
    int checks = args.length > 4 ? Integer.parseInt(args[4]) : 1;
    HistoryStore store = new HistoryStore(Path.of(args[0]), retention);
    for (int n = first; n < first + count; n++) {
      HistoryEntry entry = entry(n, checks);
      System.out.println(ATTEMPT + n);
      System.out.flush();
      store.append(entry);
      System.out.println(DONE + n);
      System.out.flush();
    }
  }

  /** Run n: it started n seconds after 1,700,000,000 s; one check is named after it. */
  static HistoryEntry entry(int n, int checks) {
    List<HistoryEntry.CheckSample> samples = new ArrayList<>(checks);
    samples.add(new HistoryEntry.CheckSample(
        "check-" + n, CheckStatus.UP, n % 1000, Optional.empty(), Optional.empty()));
    for (int c = 1; c < checks; c++) {
      samples.add(new HistoryEntry.CheckSample(
          String.format(Locale.ROOT, "check-%05d", c), CheckStatus.UP, (n + c) % 1000,
          Optional.empty(), Optional.empty()));
    }
    return new HistoryEntry(Instant.ofEpochSecond(1_700_000_000L + n), n, samples);
  }
}
