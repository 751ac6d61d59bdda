package io.github.sitehealth.core.history;

import io.github.sitehealth.core.report.AtomicFiles;
import io.github.sitehealth.core.result.RunResult;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.security.NoSuchAlgorithmException;
import java.security.MessageDigest;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The run history: a file with one JSON line per run, oldest first (see {@link HistoryCodec} for
 * the forms of a line; files written before the compact form are read as they are).
 *
 * <p>Appending adds one line at the end of the file and forces it to disk before it returns; it
 * neither reads nor rewrites the runs already there, so its work does not grow with the history.
 * Every append holds a lock on a file of its own (see {@link #lockFile()}), so concurrent builds
 * serialise and do not lose each other's runs. The file keeps the newest {@code retention} runs,
 * and up to 10 % more between compactions: once it holds more, the append that finds so rewrites
 * it atomically (temporary file, then a move) with the newest {@code retention} runs, lines of the
 * first form re-encoded in the compact one. Appends judge "more" by the file's size against their
 * own run's, and count lines only when the size says so; a file that then turns out to start with
 * a line of the first form is rewritten in the compact one at once.
 *
 * <p>A line that cannot be read is reported as a warning naming the file, by its full path, and the
 * line, by {@link #read()} and by the append that compacts the file, and is kept byte for byte
 * through appends and compactions alike: the history never loses data it does not understand. A
 * process killed while appending leaves at worst its own line cut short, which was never
 * acknowledged; it is reported and kept like any unreadable line, and the next append starts on a
 * new line. Every failure's message names the file by its full path too.
 *
 * <p>A warning numbers the line as it is in the file when the warning is returned, blank lines
 * counted as an editor counts them: after a compaction, in the file it wrote. So the append that
 * compacts and the {@link #read()} after it (the status page's) say the same words of one line,
 * and the number is right wherever the line has moved since an earlier run's warning. Only the
 * runs that compactions drop move a line: it stays after the runs that were before it and before
 * the runs that were after it. A line of nothing but spaces, tabs or a carriage return is not
 * damage: it holds no part of a run (an append cut short leaves at least the start of its record),
 * so it is not reported, and a compaction drops it.
 */
public final class HistoryStore {

  public static final String FILE_NAME = "history.jsonl";
  public static final int DEFAULT_RETENTION = 500;
  static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofSeconds(60);

  /**
   * One line of the file that is not blank: its number there, its bytes as they were, and the
   * entry when they could be read, or else (and only then) why not.
   */
  private record Line(int number, byte[] bytes, Optional<HistoryEntry> entry, String problem) {}

  private final Path file;
  private final int retention;
  private final Duration lockTimeout;
  private final HistoryCodec codec = new HistoryCodec();

  public HistoryStore(Path file) {
    this(file, DEFAULT_RETENTION);
  }

  /**
   * @param file the history file; it and its directory are created on the first append
   * @param retention how many runs to keep, at least 1; the file may hold 10 % more (rounded
   *     down) between compactions
   */
  public HistoryStore(Path file, int retention) {
    this(file, retention, DEFAULT_LOCK_TIMEOUT);
  }

  HistoryStore(Path file, int retention, Duration lockTimeout) {
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

  /**
   * The file whose lock serialises the writers of this history: in the system's temporary
   * directory ({@code java.io.tmpdir}), under {@code site-health-locks-USER}, named after the
   * history file and the SHA-256 of its real path, so that every path to one history (relative,
   * absolute, through a symbolic link) takes the same lock. It is not beside the history because
   * the history's directory is often the one published (a status page on a web server or branch),
   * and a lock file does not belong there. It exists while a build holds or waits for the lock:
   * the holder removes it as it lets go, in a way that keeps the builds waiting for it in line
   * (see {@link HistoryLock}), so lock files do not pile up. One is left where a build was killed
   * while holding the lock, until the next build on that history; and on file systems without
   * file keys (Windows), where they are left in place, one per history.
   *
   * @throws IOException when the history's directory or the lock directory cannot be created
   */
  public Path lockFile() throws IOException {
    Path directory = file.toAbsolutePath().getParent();
    Files.createDirectories(directory);
    String real = directory.toRealPath().resolve(file.getFileName()).toString();
    byte[] digest;
    try {
      digest = MessageDigest.getInstance("SHA-256").digest(real.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
    String user = System.getProperty("user.name", "").replaceAll("[^A-Za-z0-9._-]", "_");
    Path locks = Path.of(System.getProperty("java.io.tmpdir"), "site-health-locks-" + user);
    Files.createDirectories(locks);
    return locks.resolve(file.getFileName() + "-" + HexFormat.of().formatHex(digest, 0, 8) + ".lock");
  }

  /** How many runs the file may hold before an append compacts it. */
  int compactionThreshold() {
    return retention + retention / 10;
  }

  /**
   * Every run the file holds, oldest first; an absent file is an empty history.
   *
   * <p>Takes no lock unless the file does not end with a line break, which is what a reader sees
   * while an append is under way: it then reads again once it can have the lock (or, where the lock
   * file cannot be written, reports the last line as it found it).
   *
   * @throws IOException when the file cannot be read; its message names the file
   */
  public History read() throws IOException {
    byte[] content;
    try {
      content = settledContent();
    } catch (IOException e) {
      throw naming("read", e);
    }
    List<HistoryEntry> entries = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    HistoryCodec.Names names = new HistoryCodec.Names();
    forEachLine(content, (number, start, end) ->
        decode(content, start, end, names, why -> warnings.add(warning(number, why)))
            .ifPresent(entries::add));
    return new History(entries, warnings);
  }

  /**
   * Appends the run.
   *
   * @return a warning per unreadable line that this append came across, each of which is kept: a
   *     last line cut short that it had to end, and, when it compacted the file, every one; each
   *     numbered as the line is in the file this append leaves
   * @throws IOException when the file cannot be written or the lock not had in time; its message
   *     names the file
   */
  public List<String> append(RunResult run) throws IOException {
    return append(HistoryEntry.of(run));
  }

  /**
   * Appends the entry.
   *
   * @return as {@link #append(RunResult)}
   * @throws IOException as {@link #append(RunResult)}
   */
  public List<String> append(HistoryEntry entry) throws IOException {
    byte[] record = codec.encode(entry);
    try {
      return appendLocked(record);
    } catch (IOException e) {
      throw naming("append to", e);
    }
  }

  private List<String> appendLocked(byte[] record) throws IOException {
    try (HistoryLock lock = lock()) {
      List<String> warnings = new ArrayList<>();
      long size;
      try (FileChannel out = FileChannel.open(file,
          StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
        long end = out.size();
        boolean unfinished = end > 0 && lastByte(out, end) != '\n';
        if (unfinished) {
          warnings.addAll(lastLineWarning());
        }
        ByteBuffer bytes = ByteBuffer.allocate(record.length + 2);
        if (unfinished) {
          bytes.put((byte) '\n');
        }
        bytes.put(record).put((byte) '\n').flip();
        // One write where the system allows it: a kill can then cut only this line short.
        for (long at = end; bytes.hasRemaining(); ) {
          at += out.write(bytes, at);
        }
        out.force(false);
        size = out.size();
      }
      // Runs of one configuration are of about one size, so only a file larger than the
      // threshold's worth of this run can hold too many runs, and only then are its lines counted.
      // Runs much smaller than this one (a configuration that grew) are so dropped later, once
      // enough of the larger ones have been added.
      if (size > (long) compactionThreshold() * (record.length + 1)) {
        Optional<List<String>> compacted = compactIfDue();
        if (compacted.isPresent()) {
          // It read every line, the one just ended too.
          return compacted.get();
        }
      }
      return warnings;
    }
  }

  /** The warning for the last line of the file, when it cannot be read; a blank one is none. */
  private List<String> lastLineWarning() throws IOException {
    byte[] content = readContent();
    int start = content.length;
    while (start > 0 && content[start - 1] != '\n') {
      start--;
    }
    if (isBlank(content, start, content.length)) {
      return List.of();
    }
    int number = 1;
    for (int i = 0; i < start; i++) {
      if (content[i] == '\n') {
        number++;
      }
    }
    List<String> warnings = new ArrayList<>();
    int line = number;
    decode(content, start, content.length, new HistoryCodec.Names(),
        why -> warnings.add(warning(line, why)));
    return warnings;
  }

  /**
   * When the file holds more than {@link #compactionThreshold()} lines, or starts with a line of
   * the first form, rewrites it atomically with the newest {@code retention} runs, all in the
   * compact form, and every unreadable line as it was, in their order; blank lines are dropped.
   * The caller holds the lock.
   *
   * @return the warnings for the unreadable lines, numbered in the file as it leaves it, once every
   *     line was read; empty when the lines were only counted
   */
  private Optional<List<String>> compactIfDue() throws IOException {
    byte[] content = readContent();
    int[] count = {0};
    boolean[] firstForm = {false};
    forEachLine(content, (number, start, end) -> {
      if (count[0]++ == 0) {
        firstForm[0] = HistoryCodec.isFirstForm(content, start, end);
      }
    });
    // A file of the first form is carried over at once: its lines are three times the size.
    if (count[0] <= compactionThreshold() && !firstForm[0]) {
      return Optional.empty();
    }
    List<Line> lines = lines(content);
    long readable = lines.stream().filter(l -> l.entry().isPresent()).count();
    boolean reencode = lines.stream()
        .anyMatch(l -> l.entry().isPresent() && !HistoryCodec.isCurrent(l.bytes()));
    if (readable > retention || reencode) {
      for (var it = lines.iterator(); it.hasNext() && readable > retention; ) {
        if (it.next().entry().isPresent()) {
          it.remove();
          readable--;
        }
      }
      removeLeftoverTemporaryFiles();
      AtomicFiles.write(file, out -> {
        for (Line line : lines) {
          boolean current = line.entry().isEmpty() || HistoryCodec.isCurrent(line.bytes());
          out.write(current ? line.bytes() : codec.encode(line.entry().get()));
          out.write('\n');
        }
      });
      // Numbered as written: without the runs dropped and the blank lines.
      List<String> warnings = new ArrayList<>();
      for (int i = 0; i < lines.size(); i++) {
        String problem = lines.get(i).problem();
        if (problem != null) {
          warnings.add(warning(i + 1, problem));
        }
      }
      return Optional.of(warnings);
    }
    return Optional.of(lines.stream()
        .filter(l -> l.problem() != null).map(l -> warning(l.number(), l.problem())).toList());
  }

  /**
   * Deletes the temporary files of compactions whose process was killed before it moved them into
   * place ({@link AtomicFiles} names them {@code .<file name>.<random>.tmp}). Only the holder of the
   * lock writes them, so under the lock every one is a leftover.
   */
  private void removeLeftoverTemporaryFiles() throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    String prefix = "." + file.getFileName() + ".";
    DirectoryStream.Filter<Path> leftover = p -> {
      String name = p.getFileName().toString();
      return name.startsWith(prefix) && name.endsWith(".tmp");
    };
    try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(dir, leftover)) {
      for (Path p : leftovers) {
        Files.deleteIfExists(p);
      }
    }
  }

  /**
   * The file's bytes; read again under the lock when they do not end with a line break, which is
   * what a reader sees while an append is under way. Where the lock file cannot be written (a
   * read-only copy, say), the bytes as first read.
   */
  private byte[] settledContent() throws IOException {
    byte[] content = readContent();
    if (content.length > 0 && content[content.length - 1] != '\n') {
      try (HistoryLock lock = lock()) {
        return readContent();
      } catch (InterruptedIOException e) {
        throw e;
      } catch (IOException e) {
        return content;
      }
    }
    return content;
  }

  private byte[] readContent() throws IOException {
    try {
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return new byte[0];
    }
  }

  private List<Line> lines(byte[] content) {
    List<Line> lines = new ArrayList<>();
    HistoryCodec.Names names = new HistoryCodec.Names();
    forEachLine(content, (number, start, end) -> {
      String[] problem = {null};
      Optional<HistoryEntry> entry = decode(content, start, end, names, why -> problem[0] = why);
      lines.add(new Line(number, Arrays.copyOfRange(content, start, end), entry, problem[0]));
    });
    return lines;
  }

  /** What is done with each line that is not blank. */
  @FunctionalInterface
  private interface LineVisitor {
    /**
     * @param number the line's number, from 1, blank lines counted
     * @param start the index of its first byte
     * @param end the index of the line break after it, or the content's length
     */
    void line(int number, int start, int end);
  }

  private static void forEachLine(byte[] content, LineVisitor visitor) {
    int number = 0;
    for (int start = 0; start < content.length; ) {
      int end = start;
      while (end < content.length && content[end] != '\n') {
        end++;
      }
      number++;
      if (!isBlank(content, start, end)) {
        visitor.line(number, start, end);
      }
      start = end + 1;
    }
  }

  /**
   * The entry on the line, or empty when it cannot be read, why told to {@code problem}.
   *
   * @param names one per reading of the file, so that 500 runs of 2,000 checks hold 2,000 names,
   *     not a million
   */
  private Optional<HistoryEntry> decode(byte[] content, int start, int end,
      HistoryCodec.Names names, Consumer<String> problem) {
    try {
      return Optional.of(codec.decode(content, start, end - start, names));
    } catch (HistoryCodec.BadLine e) {
      problem.accept(e.getMessage());
      return Optional.empty();
    }
  }

  /** The warning for an unreadable line, naming the file by its full path and the line. */
  private String warning(int number, String problem) {
    return file.toAbsolutePath() + " line " + number + " is not a run record (" + problem
        + "); it is kept as it is";
  }

  private static boolean isBlank(byte[] content, int start, int end) {
    for (int i = start; i < end; i++) {
      byte b = content[i];
      if (b != ' ' && b != '\t' && b != '\r') {
        return false;
      }
    }
    return true;
  }

  /**
   * The failure, its message naming the history by its full path, so that a user with several
   * projects knows which file; an interruption as it was, for its type.
   */
  private IOException naming(String doing, IOException e) {
    if (e instanceof InterruptedIOException || e instanceof ClosedByInterruptException) {
      return e;
    }
    String why = e.getMessage();
    if (e instanceof FileSystemException f && f.getReason() == null) {
      // Its message is then the file alone ("/tmp/x.lock"): say what happened to it.
      why = (f instanceof AccessDeniedException ? "permission denied"
          : f instanceof NoSuchFileException ? "no such file or directory"
          : f.getClass().getSimpleName()) + ": " + f.getMessage();
    }
    return new IOException(
        "cannot " + doing + " the history " + file.toAbsolutePath() + ": " + why, e);
  }

  private static byte lastByte(FileChannel channel, long size) throws IOException {
    ByteBuffer last = ByteBuffer.allocate(1);
    while (last.hasRemaining()) {
      if (channel.read(last, size - 1) < 0) {
        throw new IOException("it shrank while locked");
      }
    }
    return last.get(0);
  }

  /**
   * Locks the {@link #lockFile()}; closing the lock releases it. The history file itself is
   * replaced by compactions, so it cannot carry the lock.
   *
   * @throws IOException when the lock file cannot be opened or the lock not had in time
   */
  private HistoryLock lock() throws IOException {
    return HistoryLock.acquire(lockFile(), file, lockTimeout);
  }
}
