package io.github.sitehealth.core.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A real server binary (nginx, varnishd, nsd) run in the foreground on loopback for a test.
 * Without the binary a test is skipped on a developer machine, and fails under {@code CI=true}.
 */
public abstract class RealServer implements AutoCloseable {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

  protected final Path dir;
  private Process process;

  protected RealServer(String name) throws IOException {
    // World-readable: varnishd and nsd drop privileges and must still read their config.
    this.dir =
        Files.createTempDirectory(
            "site-health-" + name + "-",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
  }

  /** Skips the test when {@code binary} is missing, or fails it under CI. */
  public static void require(String binary, String debianPackage) {
    if (Files.exists(Path.of(binary))) {
      return;
    }
    String message = binary + " is not installed (Debian package " + debianPackage
        + "); .ci/run installs it";
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      Assertions.fail(message + ": under CI=true a missing server is a failure");
    }
    Assumptions.abort(message + ": skipping");
  }

  /** A loopback port that was free a moment ago. */
  public static int freePort() throws IOException {
    // Never the same port twice in one JVM: the OS may hand a closed port out again, and two
    // listeners of one nginx on the same port are virtual servers of one socket, not an error,
    // so a test would silently reach the wrong server.
    for (int attempt = 0; attempt < 100; attempt++) {
      try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        if (HANDED_OUT.add(socket.getLocalPort())) {
          return socket.getLocalPort();
        }
      }
    }
    throw new IOException("no free loopback port that was not handed out before, in 100 tries");
  }

  private static final java.util.Set<Integer> HANDED_OUT =
      java.util.concurrent.ConcurrentHashMap.newKeySet();

  /** Starts the command and waits until every port in {@code ports} accepts connections. */
  protected void start(List<String> command, int... ports) throws IOException {
    Path log = dir.resolve("server.log");
    process = new ProcessBuilder(command)
        .directory(dir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    for (int port : ports) {
      while (!accepts(port)) {
        if (!process.isAlive()) {
          throw new IOException(command.get(0) + " exited with " + process.exitValue() + ":\n"
              + Files.readString(log));
        }
        if (System.nanoTime() > deadline) {
          close();
          throw new IOException(command.get(0) + " did not listen on " + port + " within "
              + START_TIMEOUT.toSeconds() + " s:\n" + Files.readString(log));
        }
        sleep(50);
      }
    }
  }

  private static boolean accepts(int port) {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() throws IOException {
    if (process != null && process.isAlive()) {
      process.destroy();
      try {
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
