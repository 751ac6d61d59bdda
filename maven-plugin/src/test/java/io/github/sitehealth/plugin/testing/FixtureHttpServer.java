package io.github.sitehealth.plugin.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A loopback HTTP server with fixed answers, for the Mojo tests and the invoker ITs:
 * {@code /ok} 200, {@code /bad-gateway} 502 (as nginx words it), {@code /unavailable} 503,
 * {@code /slow} 200 after 3 s, {@code /echo-secrets} 502 with the request's secrets echoed in its
 * headers, {@code /blocked} 403 from "Cloudflare" (a CDN blocking the probe), {@code /markup} 200
 * with Markdown and HTML in its body. Binds 127.0.0.1 only.
 */
public final class FixtureHttpServer implements AutoCloseable {

  /** Where the ITs' hook scripts keep the running server between pre- and post-build. */
  private static final String KEY = "site-health.it.fixture-server";

  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(8);

  private FixtureHttpServer(int port) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
    server.createContext("/ok", ex -> answer(ex, 200, "Cache-Control", "max-age=60", "ok\n"));
    server.createContext(
        "/bad-gateway",
        ex -> answer(ex, 502, "Server", "nginx/1.22.1",
            "<html><head><title>502 Bad Gateway</title></head><body>"
                + "<center><h1>502 Bad Gateway</h1></center></body></html>\n"));
    // Echoes the request's secrets back in headers the evidence records, and fails: whatever a
    // run writes must still show none of them.
    server.createContext(
        "/echo-secrets",
        ex -> {
          ex.getResponseHeaders().add("Server", "echo " + ex.getRequestHeaders().getFirst("Authorization"));
          ex.getResponseHeaders().add("Via", "1.1 " + ex.getRequestHeaders().getFirst("X-Api-Key"));
          ex.getResponseHeaders().add("X-Cache", "query " + ex.getRequestURI().getRawQuery());
          answer(ex, 502, "X-Echo", "yes", "bad gateway\n");
        });
    server.createContext("/no-store", ex -> answer(ex, 200, "Cache-Control", "no-store", "fresh\n"));
    server.createContext("/maintenance",
        ex -> answer(ex, 200, "Content-Type", "text/html; charset=utf-8",
            "<html><body><h1>Down for maintenance</h1></body></html>\n"));
    server.createContext("/blocked", ex -> answer(ex, 403, "Server", "cloudflare", "blocked\n"));
    // A server's words that would be markup in a Markdown step summary.
    server.createContext("/markup",
        ex -> answer(ex, 200, "Cache-Control", "no-store",
            "| **bold** [x](http://e.test/) <script>alert(1)</script> `c`\n"));
    server.createContext("/unavailable", ex -> answer(ex, 503, "Retry-After", "30", "down\n"));
    server.createContext(
        "/slow",
        ex -> {
          try {
            Thread.sleep(3000);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          answer(ex, 200, "Cache-Control", "no-store", "slow\n");
        });
    server.setExecutor(executor);
    server.start();
  }

  /** Starts a server on a free loopback port. */
  public static FixtureHttpServer start() throws IOException {
    return new FixtureHttpServer(0);
  }

  /**
   * Starts the server for an invoker IT on {@code port}, first stopping one a previous IT left
   * running. The server is kept in the system properties so the post-build script finds it.
   */
  public static void startForIt(int port) throws Exception {
    stopForIt();
    System.getProperties().put(KEY, new FixtureHttpServer(port));
  }

  /** Stops the server {@link #startForIt} started, if any. */
  public static void stopForIt() throws Exception {
    Object previous = System.getProperties().remove(KEY);
    if (previous instanceof AutoCloseable closeable) {
      closeable.close();
    }
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public String url(String path) {
    return "http://127.0.0.1:" + port() + path;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private static void answer(HttpExchange ex, int status, String header, String value, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add(header, value);
    ex.getResponseHeaders().add("Content-Type", "text/plain; charset=utf-8");
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }
}
