package io.github.sitehealth.core.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a JVM with SIGKILL while it appends to the history, again and again, and checks after
 * each kill that every run it had finished appending is still there and every line still reads.
 */
class HistoryCrashTest {

  private static final int KILLS = 15;

  @TempDir Path dir;

  @Test
  void killingTheWriterNeverLosesOrCorruptsAnEarlierRun() throws Exception {
    Path file = dir.resolve("history.jsonl");
    Random random = new Random(4711);
    int next = 0;
    int totalAcknowledged = 0;
    for (int kill = 0; kill < KILLS; kill++) {
      Process child = startAppender(file, next);
      AtomicInteger lastAcknowledged = new AtomicInteger(-1);
      Thread reader = readAcknowledgements(child, lastAcknowledged);
      // Let it write a while, then kill it mid-append (SIGKILL on Linux: no shutdown hooks).
      waitForFirstAppend(lastAcknowledged, next);
      Thread.sleep(20 + random.nextInt(200));
      child.destroyForcibly();
      assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
      reader.join(5_000);

      History history = new HistoryStore(file, 1_000_000).read();
      assertThat(history.warnings()).as("after kill %d", kill + 1).isEmpty();
      List<Long> seconds =
          history.entries().stream().map(e -> e.startedAt().getEpochSecond() - 1_700_000_000L).toList();
      int acknowledged = lastAcknowledged.get();
      assertThat(acknowledged).as("the child appended before it was killed").isGreaterThanOrEqualTo(next);
      // Every run up to the last acknowledged one is there, in order, and nothing else but
      // possibly the one that was being written when the kill came.
      assertThat(seconds.size()).as("after kill %d", kill + 1).isBetween(acknowledged + 1, acknowledged + 2);
      for (long n = 0; n <= acknowledged; n++) {
        assertThat(seconds.get((int) n)).isEqualTo(n);
      }
      totalAcknowledged += acknowledged - next + 1;
      next = seconds.size();
    }
    assertThat(totalAcknowledged).isGreaterThan(KILLS);
  }

  @Test
  void twoBuildsAppendingAtOnceLoseNothing() throws Exception {
    Path file = dir.resolve("shared-history.jsonl");
    int each = 60;

    Process a = startAppender(file, 0, each);
    Process b = startAppender(file, 10_000, each);
    assertThat(a.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(b.waitFor(60, TimeUnit.SECONDS)).isTrue();

    assertThat(a.exitValue()).isZero();
    assertThat(b.exitValue()).isZero();
    History history = new HistoryStore(file, 1_000_000).read();
    assertThat(history.warnings()).isEmpty();
    assertThat(history.entries()).hasSize(2 * each);
    assertThat(history.entries().stream().map(e -> e.startedAt().getEpochSecond() - 1_700_000_000L))
        .containsAll(java.util.stream.LongStream.range(0, each).boxed().toList())
        .containsAll(java.util.stream.LongStream.range(10_000, 10_000 + each).boxed().toList());
  }

  private static Process startAppender(Path file, int first) throws IOException {
    return startAppender(file, first, HistoryAppender.MAX_APPENDS);
  }

  private static Process startAppender(Path file, int first, int count) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    return new ProcessBuilder(
            java,
            "-cp",
            System.getProperty("java.class.path"),
            HistoryAppender.class.getName(),
            file.toString(),
            Integer.toString(first),
            Integer.toString(count))
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
  }

  private static Thread readAcknowledgements(Process child, AtomicInteger last) {
    Thread t =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                  last.set(Integer.parseInt(line.trim()));
                }
              } catch (IOException | NumberFormatException e) {
                // the child was killed mid-line: what was read before stands
              }
            });
    t.setDaemon(true);
    t.start();
    return t;
  }

  private static void waitForFirstAppend(AtomicInteger last, int first) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (last.get() < first && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
  }
}
