package io.github.sitehealth.core.http;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.RedirectException;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.async.methods.SimpleRequestProducer;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.config.TlsConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.ConnectionClosedException;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http2.HttpVersionPolicy;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.apache.hc.core5.util.Timeout;

/**
 * Fetches URLs with one asynchronous HttpClient shared by every check of a run. TLS verification
 * is always on (the JDK's trust store and host name verification). Each attempt opens a fresh
 * connection, so connect and handshake are part of what is checked, as for a first visitor.
 */
public final class HttpProbe implements AutoCloseable {

  /** Default cap on the body bytes kept per response. */
  public static final int DEFAULT_BODY_CAP = 1024 * 1024;

  /** Redirects followed before the attempt fails with {@link ProbeError#TOO_MANY_REDIRECTS}. */
  public static final int MAX_REDIRECTS = 10;

  /** How long past its deadline an attempt may take to wind down before it is abandoned. */
  private static final long GRACE_MS = 250;

  private final CloseableHttpAsyncClient client;
  private final int bodyCap;

  /**
   * @param maxConnections connections open at once, across all hosts (the run's concurrency)
   * @param maxPerHost connections open at once to one host:port
   * @param bodyCap body bytes kept per response
   */
  public HttpProbe(int maxConnections, int maxPerHost, int bodyCap) {
    this.bodyCap = bodyCap;
    this.client =
        HttpAsyncClients.custom()
            .setConnectionManager(
                PoolingAsyncClientConnectionManagerBuilder.create()
                    .setMaxConnTotal(maxConnections)
                    .setMaxConnPerRoute(maxPerHost)
                    .setDefaultTlsConfig(
                        TlsConfig.custom().setVersionPolicy(HttpVersionPolicy.FORCE_HTTP_1).build())
                    .build())
            .setIOReactorConfig(
                IOReactorConfig.custom()
                    .setIoThreadCount(Math.min(2, Runtime.getRuntime().availableProcessors()))
                    .build())
            .setConnectionReuseStrategy((request, response, context) -> false)
            .disableAutomaticRetries()
            .disableCookieManagement()
            .disableAuthCaching()
            .setUserAgent("site-health")
            .build();
    client.start();
  }

  /**
   * One GET of {@code url}, ended by the probe itself after {@code budget}: a server that never
   * answers, or trickles its answer, cannot hold the check longer than that.
   */
  public ProbeOutcome fetch(URI url, Map<String, String> headers, Duration budget) {
    long start = System.nanoTime();
    long budgetMs = Math.max(1, budget.toMillis());
    SimpleRequestBuilder builder = SimpleRequestBuilder.get(url);
    headers.forEach(builder::setHeader);
    SimpleHttpRequest request = builder.build();
    request.setConfig(
        RequestConfig.custom()
            .setConnectTimeout(Timeout.ofMilliseconds(budgetMs))
            .setResponseTimeout(Timeout.ofMilliseconds(budgetMs))
            .setConnectionRequestTimeout(Timeout.ofMilliseconds(budgetMs))
            .setRedirectsEnabled(true)
            .setMaxRedirects(MAX_REDIRECTS)
            .setCircularRedirectsAllowed(false)
            .build());
    HttpClientContext context = HttpClientContext.create();
    CappedResponseConsumer consumer = new CappedResponseConsumer(url, start, bodyCap);
    Future<HttpSnapshot> future =
        client.execute(SimpleRequestProducer.create(request), consumer, context, null);
    try {
      HttpSnapshot snapshot = future.get(budgetMs + GRACE_MS, TimeUnit.MILLISECONDS);
      return ProbeOutcome.of(snapshot.withUri(finalUri(url, context)));
    } catch (TimeoutException e) {
      future.cancel(true);
      String detail = consumer.headersReceived()
          ? "the body did not complete within " + budgetMs + " ms"
          : "no response within " + budgetMs + " ms";
      return ProbeOutcome.failed(ProbeError.READ_TIMEOUT, detail, elapsedMs(start));
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      return ProbeOutcome.failed(ProbeError.OTHER, "interrupted", elapsedMs(start));
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      if (consumer.truncated()) {
        return consumer.snapshot()
            .map(s -> ProbeOutcome.of(s.withUri(finalUri(url, context))))
            .orElseGet(() -> classify(cause, consumer, budgetMs, start));
      }
      return classify(cause, consumer, budgetMs, start);
    }
  }

  private static ProbeOutcome classify(
      Throwable cause, CappedResponseConsumer consumer, long budgetMs, long start) {
    long elapsed = elapsedMs(start);
    String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    ProbeError error;
    if (hasCause(cause, UnknownHostException.class)) {
      error = ProbeError.UNKNOWN_HOST;
    } else if (hasCause(cause, ConnectTimeoutException.class)) {
      error = ProbeError.CONNECT_TIMEOUT;
    } else if (hasCause(cause, ConnectException.class) || hasCause(cause, NoRouteToHostException.class)) {
      error = message.toLowerCase(java.util.Locale.ROOT).contains("timed out")
          ? ProbeError.CONNECT_TIMEOUT
          : ProbeError.CONNECT_REFUSED;
    } else if (hasCause(cause, SSLException.class)) {
      error = ProbeError.TLS;
    } else if (hasCause(cause, RedirectException.class)) {
      error = ProbeError.TOO_MANY_REDIRECTS;
    } else if (hasCause(cause, SocketTimeoutException.class)
        || hasCause(cause, InterruptedIOException.class)) {
      error = ProbeError.READ_TIMEOUT;
      message = consumer.headersReceived()
          ? "the body did not complete within " + budgetMs + " ms"
          : "no response within " + budgetMs + " ms";
    } else if (hasCause(cause, HttpException.class)) {
      error = ProbeError.PROTOCOL;
    } else if (hasCause(cause, ConnectionClosedException.class)
        || hasCause(cause, SocketException.class)) {
      error = ProbeError.CONNECTION_RESET;
    } else if (cause instanceof IOException) {
      error = ProbeError.OTHER;
    } else {
      error = ProbeError.OTHER;
    }
    return ProbeOutcome.failed(error, message, elapsed);
  }

  private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (type.isInstance(c)) {
        return true;
      }
    }
    return false;
  }

  private static URI finalUri(URI requested, HttpClientContext context) {
    List<URI> redirects = context.getRedirectLocations().getAll();
    return redirects.isEmpty() ? requested : redirects.get(redirects.size() - 1);
  }

  private static long elapsedMs(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  @Override
  public void close() {
    client.close(CloseMode.IMMEDIATE);
  }
}
