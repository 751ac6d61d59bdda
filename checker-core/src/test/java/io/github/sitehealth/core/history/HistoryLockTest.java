package io.github.sitehealth.core.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sitehealth.core.result.CheckStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The history's lock file is removed as its holder lets go, and the builds waiting for it still
 * take their turns one at a time.
 */
class HistoryLockTest {

  private static final Instant T0 = Instant.parse("2025-03-01T00:00:00Z");

  @TempDir Path dir;

  private static HistoryEntry entry(int minute) {
    return new HistoryEntry(T0.plusSeconds(60L * minute), 10, List.of(new HistoryEntry.CheckSample(
        "home", CheckStatus.UP, 40, Optional.empty(), Optional.empty())));
  }

  @Test
  void noLockFileIsLeftOnceAWriterLetsGo() throws IOException {
    Path file = dir.resolve("history.jsonl");
    HistoryStore store = new HistoryStore(file, 2);
    for (int i = 0; i < 4; i++) {
      store.append(entry(i));
      assertThat(store.lockFile()).doesNotExist();
    }
    // A reader that finds the last line unfinished takes the lock too.
    Files.writeString(file, "{\"v\":2,", StandardOpenOption.APPEND);
    assertThat(store.read().warnings()).hasSize(1);
    assertThat(store.lockFile()).doesNotExist();
  }

  /** A writer killed after marking the lock file and before removing it, or while marking it. */
  @Test
  void aLockFileLeftByAWriterKilledWhileLettingGoIsTakenOver() throws IOException {
    Path file = dir.resolve("history.jsonl");
    HistoryStore store = new HistoryStore(file, 10, Duration.ofSeconds(5));
    Path lock = store.lockFile();
    Files.writeString(lock, "");
    Object key = Files.readAttributes(lock, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
    for (String left : List.of("released " + key + "\n", "released (dev=")) {
      Files.writeString(lock, left);
      long started = System.nanoTime();
      store.append(entry(0));
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
      assertThat(lock).doesNotExist();
    }
    assertThat(store.read().entries()).hasSize(2);
  }

  /** Each holder adds one to a counter, reading it, pausing and writing it back. */
  @Test
  void threadsTakeTheLockOneAtATimeWhileItsFileIsRemovedAndCreatedAgain() throws Exception {
    Path lock = dir.resolve("h.lock");
    Path counter = dir.resolve("counter");
    int threads = 4;
    int each = 40;
    AtomicInteger inside = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        futures.add(pool.submit(() -> {
          for (int i = 0; i < each; i++) {
            try (HistoryLock held = HistoryLock.acquire(lock, counter, Duration.ofSeconds(60))) {
              most.accumulateAndGet(inside.incrementAndGet(), Math::max);
              HistoryLockCounter.addOne(counter);
              inside.decrementAndGet();
            }
          }
          return null;
        }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(most.get()).isEqualTo(1);
    assertThat(Files.readString(counter)).isEqualTo(Integer.toString(threads * each));
    assertThat(lock).doesNotExist();
  }

  @Test
  void processesTakeTheLockOneAtATimeWhileItsFileIsRemovedAndCreatedAgain() throws Exception {
    Path lock = dir.resolve("h.lock");
    Path counter = dir.resolve("counter");
    int each = 150;
    List<Process> children = new ArrayList<>();
    for (int c = 0; c < 2; c++) {
      children.add(new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
              "-cp", System.getProperty("java.class.path"), HistoryLockCounter.class.getName(),
              lock.toString(), counter.toString(), Integer.toString(each))
          .redirectErrorStream(true).start());
    }
    // This process takes a turn too.
    HistoryLockCounter.add(lock, counter);
    for (Process child : children) {
      assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
      assertThat(child.exitValue())
          .as(new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();
    }
    assertThat(Files.readString(counter)).isEqualTo(Integer.toString(2 * each + 1));
    assertThat(lock).doesNotExist();
  }
}
