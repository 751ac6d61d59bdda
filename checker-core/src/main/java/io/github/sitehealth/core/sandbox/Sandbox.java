package io.github.sitehealth.core.sandbox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A rehearsal ground on loopback: a small origin, an edge proxy in front of it, and faults that
 * map to the runbooks. It is not a CDN; it produces the same kinds of failure so that checks,
 * diagnoses and runbooks can be tried without touching production.
 *
 * <p>Edge routes: {@code /} and anything else go to the origin; {@code /checkout} goes to an
 * upstream that is down (502); {@code /cart} goes to a wrong upstream port while the origin is
 * fine (502, an edge misconfiguration). The edge waits {@link #EDGE_READ_TIMEOUT} for the origin
 * (504 past that). Origin paths: {@code /} healthy and cacheable, {@code /slow} answers after
 * {@link #SLOW_ORIGIN}, {@code /unavailable} 503, {@code /assets/app.css} without Cache-Control.
 * A small authoritative DNS zone, {@code sandbox.test.}, has a correct CNAME to the CDN, one to the
 * wrong CDN, a dangling one and a name that does not exist.
 */
public final class Sandbox implements AutoCloseable {

  public static final Duration EDGE_READ_TIMEOUT = Duration.ofSeconds(1);
  public static final Duration SLOW_ORIGIN = Duration.ofSeconds(3);
  private static final Duration WARM_UP_TIMEOUT = Duration.ofSeconds(30);

  private static final Set<String> HOP_BY_HOP =
      Set.of("connection", "content-length", "transfer-encoding", "keep-alive", "date", "server");

  private final ExecutorService edgeThreads;
  private final ExecutorService originThreads;
  private final ExecutorService clientThreads;
  private final HttpServer origin;
  private final HttpServer edge;
  private final int deadPort;
  private final HttpClient upstream;
  private final SandboxDns dns;

  private Sandbox() throws IOException {
    // One pool each: edge handlers block while they wait for the origin, and must not take the
    // threads the origin answers on, nor those the edge's HTTP client needs to read the answer.
    edgeThreads = pool("edge");
    originThreads = pool("origin");
    clientThreads = pool("edge-client");
    deadPort = freePort();
    origin = server(originThreads);
    origin.createContext("/", ex -> answer(ex, 200, Map.of("Cache-Control", "max-age=300"), "origin ok\n"));
    origin.createContext("/slow", ex -> {
      sleep(SLOW_ORIGIN);
      answer(ex, 200, Map.of("Cache-Control", "max-age=60"), "slow but fine\n");
    });
    origin.createContext(
        "/unavailable",
        ex -> answer(ex, 503, Map.of("Retry-After", "120"), "maintenance: back soon\n"));
    origin.createContext("/assets/app.css", ex -> answer(ex, 200, Map.of("Content-Type", "text/css"), "body{}\n"));
    upstream =
        HttpClient.newBuilder()
            .connectTimeout(EDGE_READ_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .executor(clientThreads)
            .build();
    edge = server(edgeThreads);
    edge.createContext("/", ex -> proxy(ex, originUrl()));
    edge.createContext("/checkout", ex -> proxy(ex, "http://127.0.0.1:" + deadPort));
    edge.createContext("/cart", ex -> proxy(ex, "http://127.0.0.1:" + deadPort));
    origin.start();
    edge.start();
    dns = new SandboxDns();
    warmUp();
  }

  /**
   * Sends one request from the edge's client to the origin before any check does: a cold JDK
   * HttpClient spends its first request loading and initialising classes, which on a busy
   * machine can take longer than {@link #EDGE_READ_TIMEOUT} and would turn a healthy route into
   * a 504 that says nothing about the origin.
   */
  private void warmUp() {
    try {
      upstream.send(
          HttpRequest.newBuilder(URI.create(originUrl() + "/")).timeout(WARM_UP_TIMEOUT).GET().build(),
          HttpResponse.BodyHandlers.discarding());
    } catch (IOException e) {
      // a failed warm-up only means the first check pays for the cold start
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static ExecutorService pool(String name) {
    AtomicInteger n = new AtomicInteger();
    return Executors.newFixedThreadPool(
        16,
        r -> {
          Thread t = new Thread(r, "site-health-sandbox-" + name + "-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
  }

  /** Starts the sandbox on free loopback ports. */
  public static Sandbox start() throws IOException {
    return new Sandbox();
  }

  /** The edge (what visitors reach), e.g. {@code http://127.0.0.1:41234}. */
  public String edgeUrl() {
    return "http://127.0.0.1:" + edge.getAddress().getPort();
  }

  /** The origin, asked directly. */
  public String originUrl() {
    return "http://127.0.0.1:" + origin.getAddress().getPort();
  }

  /** An upstream address where nothing listens. */
  public String deadUrl() {
    return "http://127.0.0.1:" + deadPort;
  }

  /** The sandbox's authoritative DNS server for {@code sandbox.test.}, {@code 127.0.0.1:PORT}. */
  public String dnsAddress() {
    return dns.address();
  }

  /** The addresses to publish to the build, by property name suffix. */
  public Map<String, String> properties() {
    Map<String, String> props = new LinkedHashMap<>();
    props.put("edge", edgeUrl());
    props.put("origin", originUrl());
    props.put("dead", deadUrl());
    props.put("dns", dnsAddress());
    return props;
  }

  /** What the sandbox serves, a line each, for the build log. */
  public List<String> describe() {
    return List.of(
        "edge   " + edgeUrl() + "  (proxy; /checkout -> upstream down, /cart -> wrong upstream port,"
            + " waits " + EDGE_READ_TIMEOUT.toMillis() + " ms for the origin)",
        "origin " + originUrl() + "  (/ healthy, /slow " + SLOW_ORIGIN.toMillis()
            + " ms, /unavailable 503, /assets/app.css without Cache-Control)",
        "dead   " + deadUrl() + "  (nothing listens)",
        "dns    " + dnsAddress() + "  (zone sandbox.test.: www -> the CDN, shop -> an old CDN,"
            + " assets -> a deleted bucket, gone: no such name)");
  }

  private void proxy(HttpExchange ex, String upstreamBase) throws IOException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(upstreamBase + ex.getRequestURI()))
            .timeout(EDGE_READ_TIMEOUT)
            .header("Via", "1.1 sandbox-edge")
            .GET()
            .build();
    Map<String, String> edgeHeaders = new LinkedHashMap<>();
    edgeHeaders.put("Via", "1.1 sandbox-edge");
    edgeHeaders.put("X-Cache", "MISS from sandbox-edge");
    try {
      HttpResponse<byte[]> response = upstream.send(request, HttpResponse.BodyHandlers.ofByteArray());
      response.headers().map().forEach((name, values) -> {
        if (!HOP_BY_HOP.contains(name.toLowerCase(java.util.Locale.ROOT))) {
          edgeHeaders.putIfAbsent(name, String.join(", ", values));
        }
      });
      answer(ex, response.statusCode(), edgeHeaders, response.body());
    } catch (HttpTimeoutException e) {
      answer(ex, 504, edgeHeaders, errorPage("504 Gateway Time-out"));
    } catch (ConnectException e) {
      answer(ex, 502, edgeHeaders, errorPage("502 Bad Gateway"));
    } catch (IOException e) {
      answer(ex, 502, edgeHeaders, errorPage("502 Bad Gateway"));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      answer(ex, 502, edgeHeaders, errorPage("502 Bad Gateway"));
    }
  }

  private static String errorPage(String status) {
    return "<html><head><title>" + status + "</title></head><body><h1>" + status
        + "</h1><p>sandbox-edge</p></body></html>\n";
  }

  private static HttpServer server(ExecutorService threads) throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
    server.setExecutor(threads);
    return server;
  }

  private static void answer(HttpExchange ex, int status, Map<String, String> headers, String body)
      throws IOException {
    answer(ex, status, headers, body.getBytes(StandardCharsets.UTF_8));
  }

  private static void answer(HttpExchange ex, int status, Map<String, String> headers, byte[] body)
      throws IOException {
    try (ex) {
      headers.forEach((k, v) -> ex.getResponseHeaders().add(k, v));
      ex.getResponseHeaders().set("Server", "sandbox");
      ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
      if (body.length > 0) {
        try (OutputStream out = ex.getResponseBody()) {
          out.write(body);
        }
      }
    }
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @Override
  public void close() {
    dns.close();
    edge.stop(0);
    origin.stop(0);
    edgeThreads.shutdownNow();
    originThreads.shutdownNow();
    clientThreads.shutdownNow();
  }
}
