package io.github.sitehealth.core.testing;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small HTTP server on 127.0.0.1 (never any other address) with canned answers for tests. It
 * counts requests per path and records the most requests it had in flight at once.
 *
 * <ul>
 *   <li>{@code /ok}: 200 OK
 *   <li>{@code /status/NNN}: answers status NNN (e.g. 502, 503, 504)
 *   <li>{@code /slow?ms=N}: sleeps N ms (at most {@link #MAX_SLEEP_MS}), then 200
 *   <li>{@code /trickle?ms=N}: 200 headers at once, then one body byte every 50 ms for N ms
 *   <li>{@code /redirect}: 302 to {@code /ok}
 *   <li>{@code /loop}: 302 to itself
 *   <li>{@code /chain/N}: 302 to {@code /chain/N-1}; {@code /chain/0} redirects to {@code /ok}
 *   <li>{@code /flaky/KEY?fails=K}: 502 for the first K requests to this KEY, then 200
 *   <li>{@code /headers}: 200 with {@code Cache-Control}, {@code X-Cache}, {@code Via}
 *   <li>{@code /control-chars}: 200 with an {@code X-Debug} header holding control characters
 *   <li>{@code /large?bytes=N}: 200 with an N-byte body (default {@link #LARGE_BODY_BYTES})
 * </ul>
 */
public final class LoopbackHttpServer implements AutoCloseable {

  /** Upper bound of every sleep in a handler, so a test can never hang on the server. */
  public static final int MAX_SLEEP_MS = 5_000;

  public static final int LARGE_BODY_BYTES = 3 * 1024 * 1024;

  private static final int MAX_BODY_BYTES = 16 * 1024 * 1024;

  private final HttpServer server;
  private final ExecutorService executor;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger maxInFlight = new AtomicInteger();
  private final Map<String, AtomicInteger> requestsByPath = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> flakyCounters = new ConcurrentHashMap<>();
  private final Map<String, Headers> lastRequestHeaders = new ConcurrentHashMap<>();

  private LoopbackHttpServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 256);
    AtomicInteger threads = new AtomicInteger();
    executor =
        Executors.newFixedThreadPool(
            64,
            r -> {
              Thread t = new Thread(r, "loopback-http-" + threads.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  public static LoopbackHttpServer start() throws IOException {
    return new LoopbackHttpServer();
  }

  /**
   * A loopback port where nothing listens: bound on port 0, noted, then closed again.
   */
  public static int closedPort() throws IOException {
    // Handed out like the servers' ports, so no server of this JVM's tests ever listens on it.
    return RealServer.freePort();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** {@code http://127.0.0.1:PORT} + {@code pathAndQuery}. */
  public URI uri(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + port() + pathAndQuery);
  }

  /** Requests received for {@code path} (without the query). */
  public int requests(String path) {
    AtomicInteger n = requestsByPath.get(path);
    return n == null ? 0 : n.get();
  }

  /**
   * The most requests this server was handling at the same moment, each counted from its arrival
   * until its answer started to go out.
   */
  public int maxInFlight() {
    return maxInFlight.get();
  }

  /** The request headers of the last request to {@code path}. */
  public Optional<Headers> lastRequestHeaders(String path) {
    return Optional.ofNullable(lastRequestHeaders.get(path));
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    try {
      executor.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void handle(HttpExchange exchange) {
    String path = exchange.getRequestURI().getPath();
    requestsByPath.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
    lastRequestHeaders.put(path, exchange.getRequestHeaders());
    Request request = new Request(exchange);
    try {
      route(request, path, query(exchange.getRequestURI()));
    } catch (IOException e) {
      // The client went away (timeout, body cap): nothing to answer.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      request.leave();
      exchange.close();
    }
  }

  private void route(Request request, String path, Map<String, String> query)
      throws IOException, InterruptedException {
    if (path.equals("/ok")) {
      request.send(200, "ok");
    } else if (path.startsWith("/status/")) {
      request.send(Integer.parseInt(path.substring("/status/".length())), "status");
    } else if (path.equals("/slow")) {
      Thread.sleep(bounded(query, "ms", 1_000, MAX_SLEEP_MS));
      request.send(200, "slow ok");
    } else if (path.equals("/trickle")) {
      request.trickle(bounded(query, "ms", 2_000, MAX_SLEEP_MS));
    } else if (path.equals("/redirect")) {
      request.redirect("/ok");
    } else if (path.equals("/challenge")) {
      // RFC 9110 section 11.6.1: one challenge per scheme the server offers
      request.exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"site\"");
      request.exchange.getResponseHeaders().add("WWW-Authenticate",
          "Digest realm=\"site\", qop=\"auth\", nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\"");
      request.exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer realm=\"site\"");
      request.send(401, "sign in");
    } else if (path.equals("/loop")) {
      request.redirect("/loop");
    } else if (path.startsWith("/chain/")) {
      int n = Integer.parseInt(path.substring("/chain/".length()));
      request.redirect(n <= 0 ? "/ok" : "/chain/" + (n - 1));
    } else if (path.startsWith("/flaky/")) {
      int fails = bounded(query, "fails", 1, 100);
      int seen = flakyCounters.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
      if (seen <= fails) {
        request.send(502, "flaky: failure " + seen + " of " + fails);
      } else {
        request.send(200, "flaky: ok");
      }
    } else if (path.equals("/headers")) {
      Headers h = request.exchange.getResponseHeaders();
      h.set("Cache-Control", "public, max-age=60");
      h.set("X-Cache", "HIT");
      h.set("Via", "1.1 loopback");
      request.send(200, "with headers");
    } else if (path.equals("/empty-header")) {
      // A field with an empty value (RFC 9110 section 5.5), which nginx never sends.
      request.exchange.getResponseHeaders().set("X-Empty", "");
      request.send(200, "empty header");
    } else if (path.equals("/control-chars")) {
      request.exchange.getResponseHeaders().set("X-Debug", "a\u0001b\u001bc");
      request.send(200, "header with control characters");
    } else if (path.equals("/large")) {
      request.large(bounded(query, "bytes", LARGE_BODY_BYTES, MAX_BODY_BYTES));
    } else {
      request.send(404, "no handler for " + path);
    }
  }

  /**
   * One exchange. It counts as in flight from its arrival until its answer starts to go out: once
   * the client can see the answer it may start its next request, possibly before this thread gets
   * to run again, so counting any longer would overstate the client's concurrency.
   */
  private final class Request {
    final HttpExchange exchange;
    private boolean counted = true;

    Request(HttpExchange exchange) {
      this.exchange = exchange;
      maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
    }

    void leave() {
      if (counted) {
        counted = false;
        inFlight.decrementAndGet();
      }
    }

    void send(int status, String body) throws IOException {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
      leave();
      exchange.sendResponseHeaders(status, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }

    void redirect(String location) throws IOException {
      exchange.getResponseHeaders().set("Location", location);
      leave();
      exchange.sendResponseHeaders(302, -1);
    }

    void large(int size) throws IOException {
      byte[] chunk = new byte[64 * 1024];
      Arrays.fill(chunk, (byte) 'x');
      leave();
      exchange.sendResponseHeaders(200, size);
      try (OutputStream out = exchange.getResponseBody()) {
        for (int left = size; left > 0; left -= chunk.length) {
          out.write(chunk, 0, Math.min(left, chunk.length));
        }
      }
    }

    void trickle(int ms) throws IOException, InterruptedException {
      leave();
      exchange.sendResponseHeaders(200, 0);
      try (OutputStream out = exchange.getResponseBody()) {
        for (int waited = 0; waited < ms; waited += 50) {
          out.write('.');
          out.flush();
          Thread.sleep(50);
        }
      }
    }
  }

  private static int bounded(Map<String, String> query, String key, int fallback, int max) {
    String value = query.get(key);
    int n = value == null ? fallback : Integer.parseInt(value);
    return Math.max(0, Math.min(n, max));
  }

  private static Map<String, String> query(URI uri) {
    Map<String, String> params = new ConcurrentHashMap<>();
    String q = uri.getRawQuery();
    if (q != null) {
      for (String pair : q.split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          params.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
      }
    }
    return params;
  }
}
