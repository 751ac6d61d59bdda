package io.github.sitehealth.core.history;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A child process for {@link HistoryLockTest}: takes the lock (first argument) as many times as
 * asked (third), and each time adds one to the number in the counter file (second), reading it,
 * pausing and writing it back. Any two holders at once lose an addition.
 */
public final class HistoryLockCounter {

  private HistoryLockCounter() {}

  public static void main(String[] args) throws Exception {
    Path lock = Path.of(args[0]);
    Path counter = Path.of(args[1]);
    int times = Integer.parseInt(args[2]);
    for (int i = 0; i < times; i++) {
      add(lock, counter);
    }
  }

  /** Adds one to the counter while holding the lock. */
  static void add(Path lock, Path counter) throws Exception {
    try (HistoryLock held = HistoryLock.acquire(lock, counter, Duration.ofSeconds(60))) {
      addOne(counter);
    }
  }

  /** Reads the counter, pauses, and writes it back one more: a holder at once loses an addition. */
  static void addOne(Path counter) throws Exception {
    int n = Files.exists(counter) ? Integer.parseInt(Files.readString(counter).trim()) : 0;
    Thread.sleep(1);
    Files.writeString(counter, Integer.toString(n + 1));
  }
}
