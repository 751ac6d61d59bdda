package io.github.sitehealth.core.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A raw TCP server on 127.0.0.1 that misbehaves on purpose, chosen by the request path. Every
 * loop in it is bounded: a connection lives at most {@link #MAX_LIFETIME_MS}, an endless body
 * stops at {@link #MAX_BYTES}, and at most {@link #THREADS} connections are served at once.
 *
 * <ul>
 *   <li>{@code /ok}: 200 OK (a control)
 *   <li>{@code /silent}: reads the request, never answers
 *   <li>{@code /trickle}: the whole response, status line included, one byte a second
 *   <li>{@code /trickle-body}: the headers at once, then the body one byte a second
 *   <li>{@code /endless}: 200 with a {@code Content-Length} of 8 GiB, sent as fast as read
 *   <li>{@code /endless-chunked}: 200, chunked, chunks without end
 *   <li>{@code /endless-status/NNN}: like {@code /endless} with status NNN
 *   <li>{@code /loop}: 302 to itself
 *   <li>{@code /not-http}: an SSH banner, then binary garbage
 *   <li>{@code /garbage-line}: bytes without any line break
 *   <li>{@code /header-flood}: a status line, then header lines without end
 *   <li>{@code /reset}: reads the request, then resets the connection (RST, SO_LINGER 0)
 *   <li>{@code /redirect-to?url}: 302 to the URL in the query (raw, not decoded)
 * </ul>
 *
 * <p>{@link #startResettingOnAccept()} starts one that resets every connection as soon as it is
 * accepted, before reading anything.
 */
public final class HostileServer implements AutoCloseable {

  public static final int THREADS = 32;
  public static final long MAX_LIFETIME_MS = 30_000;
  public static final long MAX_BYTES = 16L * 1024 * 1024 * 1024;
  public static final long ENDLESS_LENGTH = 8L * 1024 * 1024 * 1024;

  private static final int MAX_REQUEST_BYTES = 64 * 1024;

  private final ServerSocket serverSocket;
  private final ExecutorService executor;
  private final Thread acceptor;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> bytesSent = new ConcurrentHashMap<>();
  private final AtomicInteger accepted = new AtomicInteger();
  private final boolean resetOnAccept;
  private volatile boolean closed;

  private HostileServer(int port, boolean resetOnAccept) throws IOException {
    this.resetOnAccept = resetOnAccept;
    serverSocket = new ServerSocket();
    serverSocket.setReuseAddress(true);
    serverSocket.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 64);
    AtomicInteger threads = new AtomicInteger();
    executor =
        Executors.newFixedThreadPool(
            THREADS,
            r -> {
              Thread t = new Thread(r, "hostile-" + threads.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    acceptor = new Thread(this::acceptLoop, "hostile-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** Starts on a free loopback port. */
  public static HostileServer start() throws IOException {
    return new HostileServer(0, false);
  }

  /** Starts one that resets (RST) every connection right after accepting it. */
  public static HostileServer startResettingOnAccept() throws IOException {
    return new HostileServer(0, true);
  }

  /** Starts on {@code port} of 127.0.0.1 (for the invoker ITs, whose ports are reserved). */
  public static HostileServer start(int port) throws IOException {
    return new HostileServer(port, false);
  }

  public int port() {
    return serverSocket.getLocalPort();
  }

  /** {@code http://127.0.0.1:PORT} + {@code pathAndQuery}. */
  public URI uri(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + port() + pathAndQuery);
  }

  /** Connections accepted, whatever they asked for. */
  public int accepted() {
    return accepted.get();
  }

  /** Requests read for {@code path} (without the query). */
  public int requests(String path) {
    AtomicInteger n = requests.get(path);
    return n == null ? 0 : n.get();
  }

  /** Bytes written in answers to {@code path}: how far a client let an endless answer go. */
  public long bytesSent(String path) {
    AtomicLong n = bytesSent.get(path);
    return n == null ? 0 : n.get();
  }

  @Override
  public void close() {
    closed = true;
    try {
      serverSocket.close();
    } catch (IOException e) {
      // closing anyway
    }
    for (Socket s : open) {
      closeQuietly(s);
    }
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
      acceptor.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void acceptLoop() {
    while (!closed) {
      Socket socket;
      try {
        socket = serverSocket.accept();
      } catch (IOException e) {
        return;
      }
      accepted.incrementAndGet();
      open.add(socket);
      try {
        executor.execute(() -> serve(socket));
      } catch (RuntimeException e) {
        open.remove(socket);
        closeQuietly(socket);
      }
    }
  }

  private void serve(Socket socket) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(MAX_LIFETIME_MS);
    try {
      if (resetOnAccept) {
        socket.setSoLinger(true, 0);
        return;
      }
      socket.setSoTimeout(5_000);
      String target = readRequestTarget(socket.getInputStream());
      if (target == null) {
        return;
      }
      int q = target.indexOf('?');
      String path = q < 0 ? target : target.substring(0, q);
      String query = q < 0 ? "" : target.substring(q + 1);
      requests.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
      Out out = new Out(socket.getOutputStream(), bytesSent.computeIfAbsent(path, p -> new AtomicLong()));
      if (path.equals("/reset")) {
        socket.setSoLinger(true, 0); // the close below then sends RST instead of FIN
        return;
      }
      answer(path, query, out, socket, deadline);
    } catch (IOException e) {
      // The client went away (deadline, body cap, reset): nothing more to do.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      open.remove(socket);
      closeQuietly(socket);
    }
  }

  private void answer(String path, String query, Out out, Socket socket, long deadline)
      throws IOException, InterruptedException {
    switch (path) {
      case "/ok" -> out.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok");
      case "/silent" -> {
        // Hold the connection open without a byte until the client gives up or we close.
        socket.setSoTimeout(1_000);
        InputStream in = socket.getInputStream();
        while (!closed && System.nanoTime() < deadline) {
          try {
            if (in.read() < 0) {
              return;
            }
          } catch (java.net.SocketTimeoutException e) {
            // still there; keep waiting
          }
        }
      }
      case "/trickle" -> trickle(
          "HTTP/1.1 200 OK\r\nContent-Length: 100\r\nConnection: close\r\n\r\n" + ".".repeat(100),
          out, deadline);
      case "/trickle-body" -> {
        out.write("HTTP/1.1 200 OK\r\nContent-Length: 100\r\nConnection: close\r\n\r\n");
        trickle(".".repeat(100), out, deadline);
      }
      case "/endless" -> endless(200, out, deadline);
      case "/endless-chunked" -> {
        out.write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n");
        byte[] chunk = ("10000\r\n" + "x".repeat(0x10000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        while (!closed && System.nanoTime() < deadline && out.sent() < MAX_BYTES) {
          out.write(chunk);
        }
      }
      case "/loop" -> out.write("HTTP/1.1 302 Found\r\nLocation: /loop\r\nContent-Length: 0\r\n"
          + "Connection: close\r\n\r\n");
      case "/redirect-to" -> out.write("HTTP/1.1 302 Found\r\nLocation: " + query
          + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
      case "/not-http" -> {
        out.write("SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n");
        byte[] garbage = new byte[256];
        for (int i = 0; i < garbage.length; i++) {
          garbage[i] = (byte) (i * 37 + 11);
        }
        out.write(garbage);
        out.write("\r\n\r\n");
      }
      case "/garbage-line" -> {
        byte[] line = new byte[64 * 1024];
        Arrays.fill(line, (byte) 'A');
        while (!closed && System.nanoTime() < deadline && out.sent() < MAX_BYTES) {
          out.write(line);
        }
      }
      case "/header-flood" -> {
        out.write("HTTP/1.1 200 OK\r\n");
        byte[] header = ("X-Flood: " + "y".repeat(100) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        while (!closed && System.nanoTime() < deadline && out.sent() < MAX_BYTES) {
          out.write(header);
        }
      }
      default -> {
        if (path.startsWith("/endless-status/")) {
          endless(Integer.parseInt(path.substring("/endless-status/".length())), out, deadline);
        } else {
          out.write("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        }
      }
    }
  }

  private void endless(int status, Out out, long deadline) throws IOException {
    out.write("HTTP/1.1 " + status + " Endless\r\nContent-Type: application/octet-stream\r\n"
        + "Content-Length: " + ENDLESS_LENGTH + "\r\nConnection: close\r\n\r\n");
    byte[] chunk = new byte[64 * 1024];
    Arrays.fill(chunk, (byte) 'x');
    while (!closed && System.nanoTime() < deadline && out.sent() < MAX_BYTES) {
      out.write(chunk);
    }
  }

  private void trickle(String text, Out out, long deadline)
      throws IOException, InterruptedException {
    byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
    for (int i = 0; i < bytes.length && !closed && System.nanoTime() < deadline; i++) {
      out.write(new byte[] {bytes[i]});
      Thread.sleep(1_000);
    }
  }

  /** The request target of the request line; reads up to the end of the headers. */
  private static String readRequestTarget(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    while (head.size() < MAX_REQUEST_BYTES) {
      int b = in.read();
      if (b < 0) {
        return null;
      }
      head.write(b);
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
      if (matched == end.length) {
        break;
      }
    }
    String requestLine = head.toString(StandardCharsets.ISO_8859_1).split("\r\n", 2)[0];
    String[] parts = requestLine.split(" ");
    return parts.length >= 2 ? parts[1] : null;
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // closing anyway
    }
  }

  /** An output stream that counts what it wrote, flushing each write. */
  private static final class Out {
    private final OutputStream out;
    private final AtomicLong counter;
    private long sent;

    Out(OutputStream out, AtomicLong counter) {
      this.out = out;
      this.counter = counter;
    }

    void write(String s) throws IOException {
      write(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    void write(byte[] bytes) throws IOException {
      out.write(bytes);
      out.flush();
      sent += bytes.length;
      counter.addAndGet(bytes.length);
    }

    long sent() {
      return sent;
    }
  }
}
