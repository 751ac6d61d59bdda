package io.github.sitehealth.core.history;

import io.github.sitehealth.core.result.CheckStatus;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A child process for {@link HistoryCrashTest}: appends runs to a history file as fast as it can,
 * printing {@code attempt N} before the append of run N starts and {@code done N} once it has
 * returned, until it is killed or has appended as many as asked (third argument).
 */
public final class HistoryAppender {

  static final String ATTEMPT = "attempt ";
  static final String DONE = "done ";

  /** Upper bound, so a child that is never killed still ends. */
  static final int MAX_APPENDS = 5_000;

  private HistoryAppender() {}

  public static void main(String[] args) throws Exception {
    HistoryStore store = new HistoryStore(Path.of(args[0]), 1_000_000);
    int first = Integer.parseInt(args[1]);
    int count = args.length > 2 ? Math.min(Integer.parseInt(args[2]), MAX_APPENDS) : MAX_APPENDS;
    for (int n = first; n < first + count; n++) {
      System.out.println(ATTEMPT + n);
      System.out.flush();
      store.append(entry(n));
      System.out.println(DONE + n);
      System.out.flush();
    }
  }

  static HistoryEntry entry(int n) {
    return new HistoryEntry(
        Instant.ofEpochSecond(1_700_000_000L + n),
        n,
        List.of(
            new HistoryEntry.CheckSample(
                "check-" + n, CheckStatus.UP, n % 1000, Optional.empty(), Optional.empty())));
  }
}
