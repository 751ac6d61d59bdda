package io.github.sitehealth.core.history;

import io.github.sitehealth.core.history.HistoryEntry.CheckSample;
import io.github.sitehealth.core.result.CheckStatus;
import io.github.sitehealth.core.result.Hop;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Times the history stores on one history of many checks: a measurement to print, not a test.
 *
 * <p>For each store and each number of runs already in the file (1, 100, 500), it prepares the file
 * once, then per round copies it (forced to disk) and times {@code read()} and one {@code append}
 * on the copy, each after a garbage collection; it prints the medians in milliseconds, of the wall
 * clock and of the CPU time of the JVM, the MiB a read allocates on the heap, and the file's size
 * in KiB. The stores:
 *
 * <ul>
 *   <li>{@code rewrite v1}: the store as it was ({@link RewritingHistoryStore}): every append reads
 *       and rewrites the whole file of {@code "v":1} lines;
 *   <li>{@code append v2}: {@link HistoryStore}: appends one compact line and forces it to disk;
 *       its extra rows time the append that compacts the file (it holds retention + 10 % runs) and
 *       the appends to a file of {@code "v":1} lines written by the old store;
 *   <li>{@code sqlite ...}: SQLite through JDBC, one row per run and per sample, check names in a
 *       table of their own, a connection per call as a build would open it, {@code
 *       synchronous=FULL}, with the rollback journal and with WAL. Only when {@code sqlite-jdbc} is
 *       on the class path: the project does not depend on it.
 * </ul>
 *
 * <p>One check in ten is DOWN with a finding, the rest UP; names are {@code check-00000} and on.
 * Run (from the repository root):
 *
 * <pre>
 * ./mvnw -B -q -o -pl checker-core test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * ./mvnw -B -q dependency:copy -Dartifact=org.xerial:sqlite-jdbc:3.53.4.0 \
 *     -DoutputDirectory=checker-core/target/sqlite
 * java -Xmx2g -cp checker-core/target/test-classes:checker-core/target/classes:$(cat checker-core/target/cp.txt):checker-core/target/sqlite/sqlite-jdbc-3.53.4.0.jar \
 *     io.github.sitehealth.core.history.HistoryStoreAtScale [checks] [rounds]
 * </pre>
 */
final class HistoryStoreAtScale {

  private static final Instant T0 = Instant.parse("2025-03-01T00:00:00Z");
  private static final int RETENTION = HistoryStore.DEFAULT_RETENTION;
  private static final int[] RUNS = {1, 100, 500};

  /** The operations timed, whatever the store. */
  private interface Store {
    History read() throws IOException;

    void append(HistoryEntry entry) throws IOException;
  }

  /** Makes a store on a file, and writes a file holding the given runs. */
  private interface Kind {
    Store open(Path file);

    void prepare(Path file, List<HistoryEntry> runs) throws IOException;
  }

  private HistoryStoreAtScale() {}

  public static void main(String[] args) throws Exception {
    int checks = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    Path dir = Files.createTempDirectory("history-at-scale");
    HistoryCodec codec = new HistoryCodec();
    List<HistoryEntry> runs = new ArrayList<>();
    for (int r = 0; r < RETENTION + RETENTION / 10 + 1; r++) {
      runs.add(run(r, checks));
    }
    Kind v1 = new Kind() {
      @Override
      public Store open(Path file) {
        RewritingHistoryStore store = new RewritingHistoryStore(file, RETENTION);
        return store(store::read, store::append);
      }

      @Override
      public void prepare(Path file, List<HistoryEntry> entries) throws IOException {
        writeLines(file, entries, RewritingHistoryStore::encodeV1);
      }
    };
    Kind v2 = new Kind() {
      @Override
      public Store open(Path file) {
        HistoryStore store = new HistoryStore(file, RETENTION);
        return store(store::read, store::append);
      }

      @Override
      public void prepare(Path file, List<HistoryEntry> entries) throws IOException {
        writeLines(file, entries, codec::encode);
      }
    };
    // The old store's file, appended to by the new one: the migration.
    Kind v1ThenV2 = new Kind() {
      @Override
      public Store open(Path file) {
        return v2.open(file);
      }

      @Override
      public void prepare(Path file, List<HistoryEntry> entries) throws IOException {
        v1.prepare(file, entries);
      }
    };

    System.out.printf(Locale.ROOT, "history of %d checks, retention %d: median of %d rounds, ms"
        + " (wall clock, and CPU time of the whole JVM, garbage collection included)%n",
        checks, RETENTION, rounds);
    System.out.printf(Locale.ROOT, "%-26s %5s %12s %11s %10s %9s %10s %9s%n",
        "store", "runs", "append wall", "append cpu", "read wall", "read cpu", "read MiB", "file KiB");
    measure("rewrite v1 (today)", v1, RUNS, runs, dir, rounds);
    measure("append v2", v2, RUNS, runs, dir, rounds);
    measure("append v2, compacting", v2, new int[] {RETENTION + RETENTION / 10}, runs, dir, rounds);
    measure("append v2 to a v1 file", v1ThenV2, new int[] {100, RETENTION}, runs, dir, rounds);
    if (sqliteAvailable()) {
      measure("sqlite, rollback journal", new Sqlite("DELETE"), RUNS, runs, dir, rounds);
      measure("sqlite, WAL", new Sqlite("WAL"), RUNS, runs, dir, rounds);
    } else {
      System.out.println("(sqlite-jdbc is not on the class path: no SQLite rows)");
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Collections.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  private static void measure(String name, Kind kind, int[] sizes, List<HistoryEntry> runs,
      Path dir, int rounds) throws IOException {
    // A round unmeasured first, so that the figures are of compiled code.
    time(kind, 100, runs, dir, 1);
    for (int n : sizes) {
      long[] f = time(kind, n, runs, dir, rounds);
      System.out.printf(Locale.ROOT, "%-26s %5d %12.1f %11.1f %10.1f %9.1f %10d %9d%n",
          name, n, f[0] / 1e6, f[1] / 1e6, f[2] / 1e6, f[3] / 1e6, f[4] >> 20, f[5] >> 10);
    }
  }

  /**
   * Median nanoseconds of append (wall, CPU) and of read (wall, CPU), the bytes a read allocates on
   * the heap, and the size of the prepared file in bytes.
   */
  private static long[] time(Kind kind, int n, List<HistoryEntry> runs, Path dir, int rounds)
      throws IOException {
    Path template = dir.resolve("template-" + n);
    Files.createDirectories(template);
    kind.prepare(template.resolve("history"), runs.subList(0, n));
    long size = size(template);
    List<Long> appendWall = new ArrayList<>();
    List<Long> appendCpu = new ArrayList<>();
    List<Long> readWall = new ArrayList<>();
    List<Long> readCpu = new ArrayList<>();
    List<Long> readAllocated = new ArrayList<>();
    for (int r = 0; r < rounds; r++) {
      Path work = dir.resolve("work-" + n + "-" + r);
      copy(template, work);
      Store store = kind.open(work.resolve("history"));
      // Collected before each timing, so that a pause for the garbage of the last one is not in it.
      System.gc();
      long wall = System.nanoTime();
      long cpu = processCpuNanos();
      long allocated = allocatedBytes();
      History history = store.read();
      readWall.add(System.nanoTime() - wall);
      readCpu.add(processCpuNanos() - cpu);
      readAllocated.add(allocatedBytes() - allocated);
      if (history.entries().size() != n || !history.warnings().isEmpty()) {
        throw new IllegalStateException("read " + history.entries().size() + " runs of " + n
            + ", warnings " + history.warnings());
      }
      history = null; // garbage for the collection before the append
      System.gc();
      wall = System.nanoTime();
      cpu = processCpuNanos();
      store.append(runs.get(n));
      appendWall.add(System.nanoTime() - wall);
      appendCpu.add(processCpuNanos() - cpu);
      delete(work);
    }
    delete(template);
    return new long[] {
      median(appendWall), median(appendCpu), median(readWall), median(readCpu),
      median(readAllocated), size
    };
  }

  /**
   * CPU time of every thread of this JVM: on a machine shared with other work the wall clock
   * counts the waits for a core too, this does not (nor the waits for the disk).
   */
  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /**
   * Bytes this thread has allocated on the heap so far: unlike times, not changed by other work on
   * the machine. SQLite's own memory is not on the heap, so not in it.
   */
  private static long allocatedBytes() {
    return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
        .getCurrentThreadAllocatedBytes();
  }

  private static long median(List<Long> values) {
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }

  static HistoryEntry run(int index, int checks) {
    List<CheckSample> samples = new ArrayList<>(checks);
    for (int c = 0; c < checks; c++) {
      String name = String.format(Locale.ROOT, "check-%05d", c);
      boolean down = c % 10 == 0 && (index + c) % 3 == 0;
      samples.add(down
          ? new CheckSample(name, CheckStatus.DOWN, 30_000, Optional.of("HTTP_502"), Optional.of(Hop.ORIGIN))
          : new CheckSample(name, CheckStatus.UP, 20 + (index * 31 + c * 17) % 400, Optional.empty(), Optional.empty()));
    }
    return new HistoryEntry(T0.plus(Duration.ofHours(6L * index)), 65_000, samples);
  }

  private interface Encoder {
    byte[] encode(HistoryEntry entry) throws IOException;
  }

  private interface Reader {
    History read() throws IOException;
  }

  private interface Appender {
    Object append(HistoryEntry entry) throws IOException;
  }

  private static Store store(Reader reader, Appender appender) {
    return new Store() {
      @Override
      public History read() throws IOException {
        return reader.read();
      }

      @Override
      public void append(HistoryEntry entry) throws IOException {
        appender.append(entry);
      }
    };
  }

  private static void writeLines(Path file, List<HistoryEntry> entries, Encoder encoder)
      throws IOException {
    try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(file))) {
      for (HistoryEntry e : entries) {
        out.write(encoder.encode(e));
        out.write('\n');
      }
    }
  }

  private static long size(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      long total = 0;
      for (Path p : files.toList()) {
        total += Files.size(p);
      }
      return total;
    }
  }

  private static void copy(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    try (Stream<Path> files = Files.list(from)) {
      for (Path p : files.toList()) {
        Path copy = to.resolve(p.getFileName());
        Files.copy(p, copy, StandardCopyOption.REPLACE_EXISTING);
        // On disk before the timing starts, as a file from an earlier build would be: otherwise
        // the first fsync of a store would write the whole copy.
        try (FileChannel channel = FileChannel.open(copy, StandardOpenOption.WRITE)) {
          channel.force(true);
        }
      }
    }
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      for (Path p : files.toList()) {
        Files.delete(p);
      }
    }
    Files.delete(dir);
  }

  private static boolean sqliteAvailable() {
    try {
      Class.forName("org.sqlite.JDBC");
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  /**
   * The history in SQLite, as status tools keep theirs: a row per run, a row per sample, check
   * names once in a table of their own. Each call opens its own connection, as each build would.
   */
  private static final class Sqlite implements Kind {

    private final String journalMode;

    Sqlite(String journalMode) {
      this.journalMode = journalMode;
    }

    @Override
    public Store open(Path file) {
      return new Store() {
        @Override
        public History read() throws IOException {
          try (Connection db = connect(file)) {
            return Sqlite.read(db);
          } catch (SQLException e) {
            throw new IOException(e);
          }
        }

        @Override
        public void append(HistoryEntry entry) throws IOException {
          try (Connection db = connect(file)) {
            insert(db, List.of(entry), RETENTION);
          } catch (SQLException e) {
            throw new IOException(e);
          }
        }
      };
    }

    @Override
    public void prepare(Path file, List<HistoryEntry> runs) throws IOException {
      try (Connection db = connect(file)) {
        insert(db, runs, Integer.MAX_VALUE);
      } catch (SQLException e) {
        throw new IOException(e);
      }
    }

    private Connection connect(Path file) throws SQLException {
      Connection db = DriverManager.getConnection("jdbc:sqlite:" + file);
      try (Statement s = db.createStatement()) {
        s.execute("PRAGMA journal_mode=" + journalMode);
        s.execute("PRAGMA synchronous=FULL");
        s.execute("PRAGMA busy_timeout=60000");
        s.execute("CREATE TABLE IF NOT EXISTS run(id INTEGER PRIMARY KEY,"
            + " started_at TEXT NOT NULL, duration_ms INTEGER NOT NULL)");
        s.execute("CREATE TABLE IF NOT EXISTS check_name(id INTEGER PRIMARY KEY,"
            + " name TEXT NOT NULL UNIQUE)");
        s.execute("CREATE TABLE IF NOT EXISTS sample(run_id INTEGER NOT NULL, idx INTEGER NOT NULL,"
            + " check_id INTEGER NOT NULL, status INTEGER NOT NULL, latency_ms INTEGER NOT NULL,"
            + " code TEXT, hop TEXT, PRIMARY KEY (run_id, idx)) WITHOUT ROWID");
      }
      return db;
    }

    private static void insert(Connection db, List<HistoryEntry> runs, int retention)
        throws SQLException {
      try (Statement s = db.createStatement()) {
        s.execute("BEGIN IMMEDIATE");
        Map<String, Long> ids = new HashMap<>();
        try (PreparedStatement name = db.prepareStatement(
            "INSERT OR IGNORE INTO check_name(name) VALUES (?)")) {
          for (HistoryEntry run : runs) {
            for (CheckSample c : run.checks()) {
              if (ids.putIfAbsent(c.name(), -1L) == null) {
                name.setString(1, c.name());
                name.addBatch();
              }
            }
          }
          name.executeBatch();
        }
        try (ResultSet rows = s.executeQuery("SELECT id, name FROM check_name")) {
          while (rows.next()) {
            ids.put(rows.getString(2), rows.getLong(1));
          }
        }
        try (PreparedStatement run = db.prepareStatement(
                "INSERT INTO run(started_at, duration_ms) VALUES (?, ?)",
                Statement.RETURN_GENERATED_KEYS);
            PreparedStatement sample = db.prepareStatement(
                "INSERT INTO sample VALUES (?, ?, ?, ?, ?, ?, ?)")) {
          for (HistoryEntry entry : runs) {
            run.setString(1, entry.startedAt().toString());
            run.setLong(2, entry.durationMs());
            run.executeUpdate();
            long id;
            try (ResultSet key = run.getGeneratedKeys()) {
              key.next();
              id = key.getLong(1);
            }
            for (int i = 0; i < entry.checks().size(); i++) {
              CheckSample c = entry.checks().get(i);
              sample.setLong(1, id);
              sample.setInt(2, i);
              sample.setLong(3, ids.get(c.name()));
              sample.setInt(4, c.status().ordinal());
              sample.setLong(5, c.latencyMs());
              sample.setString(6, c.code().orElse(null));
              sample.setString(7, c.hop().map(Hop::id).orElse(null));
              sample.addBatch();
            }
            sample.executeBatch();
          }
        }
        if (retention != Integer.MAX_VALUE) {
          String old = "SELECT id FROM run ORDER BY id DESC LIMIT -1 OFFSET " + retention;
          s.execute("DELETE FROM sample WHERE run_id IN (" + old + ")");
          s.execute("DELETE FROM run WHERE id IN (" + old + ")");
        }
        s.execute("COMMIT");
      }
    }

    private static History read(Connection db) throws SQLException {
      Map<Long, String> names = new HashMap<>();
      List<HistoryEntry> entries = new ArrayList<>();
      try (Statement s = db.createStatement()) {
        try (ResultSet rows = s.executeQuery("SELECT id, name FROM check_name")) {
          while (rows.next()) {
            names.put(rows.getLong(1), rows.getString(2));
          }
        }
        CheckStatus[] statuses = CheckStatus.values();
        try (ResultSet runs = db.createStatement().executeQuery(
                "SELECT id, started_at, duration_ms FROM run ORDER BY id");
            ResultSet samples = db.createStatement().executeQuery(
                "SELECT run_id, check_id, status, latency_ms, code, hop FROM sample"
                    + " ORDER BY run_id, idx")) {
          boolean more = samples.next();
          while (runs.next()) {
            long id = runs.getLong(1);
            List<CheckSample> checks = new ArrayList<>();
            while (more && samples.getLong(1) == id) {
              checks.add(new CheckSample(names.get(samples.getLong(2)), statuses[samples.getInt(3)],
                  samples.getLong(4), Optional.ofNullable(samples.getString(5)),
                  Optional.ofNullable(samples.getString(6)).map(Hop::fromId)));
              more = samples.next();
            }
            entries.add(new HistoryEntry(
                Instant.parse(runs.getString(2)), runs.getLong(3), checks));
          }
        }
      }
      return new History(entries, List.of());
    }
  }
}
