package io.github.sitehealth.core.history;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.sitehealth.core.history.HistoryEntry.CheckSample;
import io.github.sitehealth.core.report.AtomicFiles;
import io.github.sitehealth.core.result.Hop;
import io.github.sitehealth.core.result.RunResult;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The history store as it was before appends became O(1), kept to measure against ({@link
 * HistoryStoreAtScale}) and to write files in the first format ({@code "v":1} lines): a file with
 * one JSON line per run, oldest first.
 *
 * <p>Appending rewrites the file atomically (temporary file, then a move), so readers never see a
 * torn file, and holds a lock on a {@code .lock} file beside it, so concurrent builds do not lose
 * each other's runs. Only the newest {@code retention} runs are kept. A line that cannot be read is
 * reported as a warning and written back byte for byte: the history never loses data it does not
 * understand.
 */
final class RewritingHistoryStore {

  static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofSeconds(60);

  /** One line of the file: the bytes as they were, and the entry when they could be read. */
  private record Line(byte[] bytes, Optional<HistoryEntry> entry) {}

  private final Path file;
  private final int retention;
  private final Duration lockTimeout;
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final HistoryCodec codec = new HistoryCodec();

  RewritingHistoryStore(Path file) {
    this(file, HistoryStore.DEFAULT_RETENTION);
  }

  /**
   * @param file the history file; it and its directory are created on the first append
   * @param retention how many runs to keep, at least 1
   */
  RewritingHistoryStore(Path file, int retention) {
    this(file, retention, DEFAULT_LOCK_TIMEOUT);
  }

  RewritingHistoryStore(Path file, int retention, Duration lockTimeout) {
    if (retention < 1) {
      throw new IllegalArgumentException("history retention must be at least 1, was " + retention);
    }
    this.file = file;
    this.retention = retention;
    this.lockTimeout = lockTimeout;
  }

  public Path file() {
    return file;
  }

  /** Every run the file holds; an absent file is an empty history. */
  public History read() throws IOException {
    List<HistoryEntry> entries = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    for (Line line : readLines(warnings)) {
      line.entry().ifPresent(entries::add);
    }
    return new History(entries, warnings);
  }

  /** Appends the run; returns a warning per unreadable line, each of which is kept. */
  public List<String> append(RunResult run) throws IOException {
    return append(HistoryEntry.of(run));
  }

  /** Appends the entry; returns a warning per unreadable line, each of which is kept. */
  public List<String> append(HistoryEntry entry) throws IOException {
    try (FileChannel lock = lock()) {
      List<String> warnings = new ArrayList<>();
      List<Line> lines = new ArrayList<>(readLines(warnings));
      lines.add(new Line(encodeV1(entry), Optional.of(entry)));
      long readable = lines.stream().filter(l -> l.entry().isPresent()).count();
      for (var it = lines.iterator(); it.hasNext() && readable > retention; ) {
        if (it.next().entry().isPresent()) {
          it.remove();
          readable--;
        }
      }
      AtomicFiles.write(file, out -> {
        for (Line line : lines) {
          out.write(line.bytes());
          out.write('\n');
        }
      });
      return warnings;
    }
  }

  /** The entry as a {@code "v":1} line, without the line break: one object per check. */
  static byte[] encodeV1(HistoryEntry entry) throws IOException {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("v", 1);
    root.put("startedAt", entry.startedAt().toString());
    root.put("durationMs", entry.durationMs());
    ArrayNode checks = root.putArray("checks");
    for (CheckSample c : entry.checks()) {
      ObjectNode node = checks.addObject();
      node.put("name", c.name());
      node.put("status", c.status().name());
      node.put("latencyMs", c.latencyMs());
      node.put("code", c.code().orElse(null));
      node.put("hop", c.hop().map(Hop::id).orElse(null));
    }
    return MAPPER.writeValueAsString(root).getBytes(StandardCharsets.UTF_8);
  }

  private List<Line> readLines(List<String> warnings) throws IOException {
    byte[] content;
    try {
      content = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return List.of();
    }
    List<Line> lines = new ArrayList<>();
    int start = 0;
    int number = 0;
    while (start < content.length) {
      int end = start;
      while (end < content.length && content[end] != '\n') {
        end++;
      }
      number++;
      byte[] bytes = Arrays.copyOfRange(content, start, end);
      start = end + 1;
      if (isBlank(bytes)) {
        continue;
      }
      try {
        lines.add(new Line(bytes, Optional.of(codec.decode(bytes))));
      } catch (HistoryCodec.BadLine e) {
        warnings.add(file.getFileName() + " line " + number + " is not a run record ("
            + e.getMessage() + "); it is kept as it is");
        lines.add(new Line(bytes, Optional.empty()));
      }
    }
    return lines;
  }

  private static boolean isBlank(byte[] bytes) {
    for (byte b : bytes) {
      if (b != ' ' && b != '\t' && b != '\r') {
        return false;
      }
    }
    return true;
  }

  /**
   * Locks the {@code .lock} file beside the history and returns its channel; closing the channel
   * releases the lock. The history file itself is replaced on every append, so it cannot carry
   * the lock. Threads of this JVM see {@link OverlappingFileLockException} instead of blocking,
   * hence the polling.
   */
  private FileChannel lock() throws IOException {
    Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
    Files.createDirectories(lockFile.toAbsolutePath().getParent());
    FileChannel channel =
        FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    long deadline = System.nanoTime() + lockTimeout.toNanos();
    long pauseMs = 2;
    try {
      while (true) {
        try {
          if (channel.tryLock() != null) {
            return channel;
          }
        } catch (OverlappingFileLockException e) {
          // another thread of this JVM holds it; wait like for another process
        }
        if (System.nanoTime() > deadline) {
          throw new IOException("timed out after " + lockTimeout.toSeconds()
              + " s waiting for the lock on " + lockFile + ": another build is writing the history");
        }
        Thread.sleep(pauseMs);
        pauseMs = Math.min(pauseMs * 2, 50);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      channel.close();
      throw new InterruptedIOException("interrupted waiting for the lock on " + lockFile);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }
}
