package io.github.sitehealth.core.dns;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A real NSD for tests: writes {@code nsd.conf} and the zone files (from the {@code nsd/} test
 * resources) into a directory, starts {@code nsd -d} on one loopback address and port, waits until
 * every zone is loaded, and stops it on {@link #close()}.
 */
public final class NsdServer implements AutoCloseable {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);
  private static final Pattern ZONE_READ = Pattern.compile("zone (\\S+) read with success");

  /** The zones in the {@code nsd/nsd.conf} resource, each from {@code nsd/<zone>zone}. */
  static final List<String> ZONES = List.of("example.test.", "cdn.test.");

  private final Process process;
  private final Thread reader;
  private final StringBuffer output;
  private final String ip;
  private final int port;

  private NsdServer(Process process, Thread reader, StringBuffer output, String ip, int port) {
    this.process = process;
    this.reader = reader;
    this.output = output;
    this.ip = ip;
    this.port = port;
  }

  static final String MISSING =
      "nsd is not installed (looked on PATH and in /usr/sbin, /usr/local/sbin);"
          + " the tests against a real DNS server need it: apt-get install nsd";

  /**
   * The {@code nsd} binary; empty when it is not installed, except when the environment variable CI
   * is {@code true}: there a missing NSD fails the caller instead of silently skipping tests.
   */
  public static Optional<Path> locate() {
    Optional<Path> nsd = find();
    if (nsd.isEmpty() && "true".equals(System.getenv("CI"))) {
      fail(MISSING + " (CI=true: not skipping)");
    }
    return nsd;
  }

  /**
   * Skips the calling test, with {@link #MISSING} as the reason, when NSD is not installed. Call it
   * per test ({@code @BeforeEach}): surefire does not report tests skipped from {@code @BeforeAll}.
   */
  public static void skipWithout(Optional<Path> nsd) {
    Assumptions.assumeTrue(nsd.isPresent(), MISSING);
  }

  /**
   * For the plugin's invoker ITs: NSD serving the test zones ({@code example.test.},
   * {@code cdn.test.}) on 127.0.0.1:{@code port}.
   */
  public static NsdServer startTestZones(int port) throws IOException, InterruptedException {
    Path nsd = locate().orElseThrow(() -> new IOException(MISSING));
    Path dir = Files.createTempDirectory("site-health-nsd-");
    return start(
        nsd, dir, "127.0.0.1", port, Map.of("@SERIAL@", "2026112401", "@MOVED@", "192.0.2.50"));
  }

  private static Optional<Path> find() {
    List<String> dirs = new ArrayList<>();
    String path = System.getenv("PATH");
    if (path != null) {
      dirs.addAll(List.of(path.split(java.io.File.pathSeparator)));
    }
    // sbin is often not on a non-root user's PATH
    dirs.add("/usr/sbin");
    dirs.add("/usr/local/sbin");
    return dirs.stream()
        .filter(d -> !d.isEmpty())
        .map(d -> Path.of(d, "nsd"))
        .filter(Files::isExecutable)
        .findFirst();
  }

  /** A port free for UDP and TCP on every one of {@code ips}, so several NSDs can share it. */
  static int freePort(String... ips) throws IOException {
    for (int attempt = 0; attempt < 50; attempt++) {
      int port;
      try (DatagramSocket probe =
          new DatagramSocket(new InetSocketAddress(InetAddress.getByName(ips[0]), 0))) {
        port = probe.getLocalPort();
      }
      if (freeOnAll(port, ips)) {
        return port;
      }
    }
    throw new IOException(
        "no port free for UDP and TCP on all of "
            + List.of(ips)
            + " after 50 tries"
            + " (on macOS, add loopback aliases: sudo ifconfig lo0 alias 127.0.0.2)");
  }

  private static boolean freeOnAll(int port, String... ips) {
    for (String ip : ips) {
      try (DatagramSocket udp =
              new DatagramSocket(new InetSocketAddress(InetAddress.getByName(ip), port));
          ServerSocket tcp = new ServerSocket()) {
        tcp.bind(new InetSocketAddress(InetAddress.getByName(ip), port));
      } catch (IOException e) {
        return false;
      }
    }
    return true;
  }

  /**
   * Starts NSD on {@code ip:port} in {@code dir}, serving the test zones.
   *
   * @param values placeholder to value for the zone files, e.g. {@code @SERIAL@ -> 2024010101}
   * @throws IOException when NSD exits or does not load every zone within {@link #START_TIMEOUT};
   *     the message holds its output
   */
  static NsdServer start(Path nsd, Path dir, String ip, int port, Map<String, String> values)
      throws IOException, InterruptedException {
    Files.createDirectories(dir);
    Map<String, String> server =
        Map.of("@IP@", ip, "@PORT@", String.valueOf(port), "@DIR@", dir.toString());
    Files.writeString(dir.resolve("nsd.conf"), fill(resource("nsd/nsd.conf"), server));
    for (String zone : ZONES) {
      Files.writeString(dir.resolve(zone + "zone"), fill(resource("nsd/" + zone + "zone"), values));
    }

    Process process =
        new ProcessBuilder(nsd.toString(), "-d", "-c", dir.resolve("nsd.conf").toString())
            .redirectErrorStream(true)
            .start();
    StringBuffer output = new StringBuffer();
    CountDownLatch zonesRead = new CountDownLatch(ZONES.size());
    Thread reader =
        new Thread(() -> read(process.getInputStream(), output, zonesRead), "nsd-output-" + port);
    reader.setDaemon(true);
    reader.start();
    NsdServer started = new NsdServer(process, reader, output, ip, port);

    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (!zonesRead.await(20, TimeUnit.MILLISECONDS)) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        String why =
            process.isAlive()
                ? "did not load its zones within " + START_TIMEOUT.toMillis() + " ms"
                : "exited with code " + process.exitValue();
        started.close();
        throw new IOException("nsd on " + ip + ":" + port + " " + why + ":\n" + output);
      }
    }
    return started;
  }

  private static void read(InputStream in, StringBuffer output, CountDownLatch zonesRead) {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        output.append(line).append('\n');
        Matcher m = ZONE_READ.matcher(line);
        if (m.find()) {
          zonesRead.countDown();
        }
      }
    } catch (IOException e) {
      // the process is gone
    }
  }

  private static String resource(String name) {
    try (InputStream in = NsdServer.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("test resource missing: " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String fill(String template, Map<String, String> values) {
    String s = template;
    for (Map.Entry<String, String> e : values.entrySet()) {
      s = s.replace(e.getKey(), e.getValue());
    }
    return s;
  }

  /** {@code 127.0.0.1:5353}. */
  public String address() {
    return ip + ":" + port;
  }

  String output() {
    return output.toString();
  }

  /** Stops NSD (SIGTERM, then SIGKILL after {@link #STOP_TIMEOUT}) and the processes it forked. */
  @Override
  public void close() throws InterruptedException {
    List<ProcessHandle> children;
    try (Stream<ProcessHandle> descendants = process.descendants()) {
      children = descendants.toList();
    }
    process.destroy();
    if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }
    for (ProcessHandle child : children) {
      if (child.isAlive()) {
        child.destroyForcibly();
      }
    }
    reader.join(STOP_TIMEOUT.toMillis());
  }
}
