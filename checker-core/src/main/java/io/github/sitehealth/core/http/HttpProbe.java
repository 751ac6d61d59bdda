package io.github.sitehealth.core.http;

import io.github.sitehealth.core.net.IpText;
import io.github.sitehealth.core.net.UrlHost;
import io.github.sitehealth.core.spec.Secrets;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.security.cert.CertificateExpiredException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.RedirectException;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.async.methods.SimpleRequestProducer;
import org.apache.hc.client5.http.auth.AuthSchemeFactory;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.config.TlsConfig;
import org.apache.hc.client5.http.cookie.CookieSpecFactory;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.ConnectionClosedException;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.MessageConstraintException;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.config.RegistryBuilder;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.http2.HttpVersionPolicy;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.net.URIAuthority;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * Fetches URLs with one asynchronous HttpClient shared by every check of a run. TLS verification
 * is always on (the JDK's trust store, plus any configured CA certificates, and host name
 * verification). Each attempt opens a fresh connection, so connect and handshake are part of what
 * is checked, as for a first visitor. Every attempt ends by its budget, and what it keeps of an
 * answer is bounded (body cap, header line length and count), whatever the server sends.
 */
public final class HttpProbe implements AutoCloseable {

  /** Default cap on the body bytes kept per response. */
  public static final int DEFAULT_BODY_CAP = 1024 * 1024;

  /** Redirects followed before the attempt fails with {@link ProbeError#TOO_MANY_REDIRECTS}. */
  public static final int MAX_REDIRECTS = 10;

  /** Longest response line (status line, header line, chunk header) read. */
  static final int MAX_LINE_LENGTH = 16 * 1024;

  /** Most response header lines read. */
  static final int MAX_HEADER_COUNT = 256;

  static final String USER_AGENT = "site-health";
  private static final String FIRST_AUTHORITY = "site-health.first-authority";
  /** Requests written to a connection, and response heads read, in this exchange (redirects too). */
  private static final String REQUESTS_SENT = "site-health.requests-sent";
  private static final String RESPONSES_READ = "site-health.responses-read";

  private final ProbeSettings settings;
  private final LazyTls tls;
  private final CloseableHttpAsyncClient client;
  private final Map<String, CloseableHttpAsyncClient> pinned = new ConcurrentHashMap<>();

  /**
   * A probe with the JDK's trust, refusing metadata targets, resolving through the system.
   *
   * @param maxConnections connections open at once, across all hosts (the run's concurrency)
   * @param maxPerHost connections open at once to one host:port
   * @param bodyCap body bytes kept per response
   */
  public HttpProbe(int maxConnections, int maxPerHost, int bodyCap) {
    this(ProbeSettings.of(maxConnections, maxPerHost, bodyCap));
  }

  public HttpProbe(ProbeSettings settings) {
    this.settings = settings;
    this.tls = new LazyTls(settings.trustCertificates());
    this.client =
        newClient(settings.resolver(), settings.maxConnections(), settings.maxPerHost());
  }

  /** Whether a TLS connection has set up the probe's SSL context ({@link LazyTls}). */
  boolean tlsSetUp() {
    return tls.setUp();
  }

  /**
   * Drops sensitive headers from a request that a redirect sends to another host than the one
   * the check addressed: a token for www.example.com is not handed to whoever it redirects to.
   */
  private void stripSecretsAcrossHosts(HttpRequest request, EntityDetails entity, HttpContext context) {
    Object first = context.getAttribute(FIRST_AUTHORITY);
    URIAuthority authority = request.getAuthority();
    if (first == null || authority == null || first.equals(authorityKey(request.getScheme(), authority))) {
      return;
    }
    for (Header header : request.getHeaders()) {
      if (Secrets.isSensitiveHeader(header.getName(), settings.secretHeaders())) {
        request.removeHeaders(header.getName());
      }
    }
  }

  private static String authorityKey(String scheme, URIAuthority authority) {
    int port = authority.getPort();
    if (port < 0) {
      port = "https".equalsIgnoreCase(scheme) ? 443 : 80;
    }
    // The same key as UrlHost.key(): HttpClient hands IDNs on in Unicode and IPv6 without brackets.
    String host = UrlHost.bare(authority.getHostName());
    String name = host.contains(":") ? "[" + host + "]" : UrlHost.ascii(host);
    return name.toLowerCase(Locale.ROOT) + ":" + port;
  }

  private CloseableHttpAsyncClient newClient(
      HostResolver resolver, int maxConnections, int maxPerHost) {
    CloseableHttpAsyncClient client =
        HttpAsyncClients.custom()
            .setConnectionManager(
                PoolingAsyncClientConnectionManagerBuilder.create()
                    .setDnsResolver(
                        new GuardedDnsResolver(resolver, settings.allowMetadataTargets()))
                    .setTlsStrategy(tls)
                    .setMaxConnTotal(maxConnections)
                    .setMaxConnPerRoute(maxPerHost)
                    .setDefaultTlsConfig(
                        TlsConfig.custom().setVersionPolicy(HttpVersionPolicy.FORCE_HTTP_1).build())
                    .build())
            .setHttp1Config(
                Http1Config.custom()
                    .setMaxLineLength(MAX_LINE_LENGTH)
                    .setMaxHeaderCount(MAX_HEADER_COUNT)
                    .build())
            .setIOReactorConfig(
                IOReactorConfig.custom()
                    .setIoThreadCount(Math.min(2, Runtime.getRuntime().availableProcessors()))
                    // The reactor checks its timeouts once per select interval (default 1 s). The
                    // probe's own deadline ends an attempt whatever the reactor does; at 100 ms the
                    // client's timeouts still close abandoned connections soon after it.
                    .setSelectInterval(TimeValue.ofMilliseconds(100))
                    .build())
            .setRedirectStrategy(new SameHostRedirects())
            .setConnectionReuseStrategy((request, response, context) -> false)
            .disableAutomaticRetries()
            .disableCookieManagement()
            .disableAuthCaching()
            // No cookies and no authentication, so no cookie specs nor auth schemes: left to its
            // defaults, the builder would still make them, reading the public suffix list.
            .setDefaultCookieSpecRegistry(RegistryBuilder.<CookieSpecFactory>create().build())
            .setDefaultAuthSchemeRegistry(RegistryBuilder.<AuthSchemeFactory>create().build())
            .setUserAgent(USER_AGENT)
            .addRequestInterceptorLast(this::stripSecretsAcrossHosts)
            // Both run in the main exec, on a connection that is established (TLS included): they
            // tell a deadline hit while connecting from one hit while waiting for the answer.
            .addRequestInterceptorLast((request, entity, context) -> count(context, REQUESTS_SENT))
            .addResponseInterceptorLast((response, entity, context) -> count(context, RESPONSES_READ))
            .addRequestInterceptorLast(RedirectChain::recordRequest)
            .addResponseInterceptorLast(RedirectChain::recordResponse)
            .build();
    client.start();
    return client;
  }

  /**
   * A client that connects to {@code address} for {@code host} and resolves other names as
   * usual, so the Host header and TLS name stay the URL's (what {@code curl --resolve} does).
   */
  private CloseableHttpAsyncClient pinnedClient(String host, InetAddress address) {
    return pinned.computeIfAbsent(
        host.toLowerCase(Locale.ROOT) + "=" + address.getHostAddress(),
        key ->
            newClient(
                name ->
                    UrlHost.sameName(name, host)
                        ? new InetAddress[] {address}
                        : settings.resolver().resolve(name),
                settings.maxPerHost(),
                settings.maxPerHost()));
  }

  /** A GET that follows redirects, with the URL's host resolved as usual. */
  public ProbeOutcome fetch(URI url, Map<String, String> headers, Duration budget) {
    return fetch(ProbeRequest.get(url, headers, budget));
  }

  /**
   * One GET, ended by the probe itself after the request's budget: a server that never answers,
   * or trickles its answer, cannot hold the check longer than that. With {@link
   * ProbeRequest#connectTo}, the connection goes to that address instead of the URL host's.
   * Redirects, when followed, are at most {@link #MAX_REDIRECTS}. Never throws for what the
   * server does: every failure is a {@link ProbeOutcome} with its {@link ProbeError}.
   */
  public ProbeOutcome fetch(ProbeRequest probeRequest) {
    URI url = probeRequest.url();
    Map<String, String> headers = probeRequest.headers();
    Duration budget = probeRequest.budget();
    Optional<InetAddress> connectTo = probeRequest.connectTo();
    boolean followRedirects = probeRequest.followRedirects();
    CloseableHttpAsyncClient client =
        connectTo.map(a -> pinnedClient(UrlHost.parse(url).name(), a)).orElse(this.client);
    long start = System.nanoTime();
    long budgetMs = Math.max(1, budget.toMillis());
    SimpleRequestBuilder builder = SimpleRequestBuilder.get(withoutUserInfo(url));
    // HttpClient refuses URLs with credentials: they are sent as Basic authorization instead.
    Secrets.basicAuthorization(url)
        .filter(v -> headers.keySet().stream().noneMatch(h -> h.equalsIgnoreCase("Authorization")))
        .ifPresent(v -> builder.setHeader("Authorization", v));
    // Ask for the codings browsers get and BodyText can undo, unless the check sets its own.
    if (headers.keySet().stream().noneMatch(h -> h.equalsIgnoreCase("Accept-Encoding"))) {
      builder.setHeader("Accept-Encoding", BodyText.ACCEPT_ENCODING);
    }
    headers.forEach(builder::setHeader);
    SimpleHttpRequest request = builder.build();
    request.setConfig(
        RequestConfig.custom()
            .setConnectTimeout(Timeout.ofMilliseconds(budgetMs))
            .setResponseTimeout(Timeout.ofMilliseconds(budgetMs))
            .setConnectionRequestTimeout(Timeout.ofMilliseconds(budgetMs))
            .setRedirectsEnabled(followRedirects)
            .setMaxRedirects(MAX_REDIRECTS)
            .setCircularRedirectsAllowed(false)
            .build());
    HttpClientContext context = HttpClientContext.create();
    context.setAttribute(FIRST_AUTHORITY, UrlHost.parse(url).key());
    CappedResponseConsumer consumer = new CappedResponseConsumer(url, start, settings.bodyCap());
    Future<HttpSnapshot> future =
        GuardedDnsResolver.withDeadline(
            start + budgetMs * 1_000_000,
            () -> client.execute(SimpleRequestProducer.create(request), consumer, context, null));
    try {
      // The deadline is the budget itself, not the client's own timeouts: those are checked once
      // per select interval and a trickling answer never trips the response (inactivity) timeout.
      long left = budgetMs * 1_000_000 - (System.nanoTime() - start);
      HttpSnapshot snapshot = future.get(Math.max(0, left), TimeUnit.NANOSECONDS);
      return RedirectChain.attach(ProbeOutcome.of(complete(snapshot, url, context)), url, context);
    } catch (TimeoutException e) {
      future.cancel(true);
      return RedirectChain.attach(deadlineHit(context, consumer, budgetMs, start), url, context);
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      return ProbeOutcome.failed(ProbeError.OTHER, "interrupted", elapsedMs(start));
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      ProbeOutcome outcome = consumer.truncated()
          ? consumer.snapshot()
              .map(s -> ProbeOutcome.of(complete(s, url, context)))
              .orElseGet(() -> classify(cause, consumer, budgetMs, start))
          : classify(cause, consumer, budgetMs, start);
      return RedirectChain.attach(duringHandshake(outcome, url, context), url, context);
    }
  }

  /**
   * The attempt's budget ran out: still connecting (TCP or TLS) when no request was written to
   * the connection of the latest hop yet, else waiting for the answer or its body.
   */
  private static ProbeOutcome deadlineHit(
      HttpClientContext context, CappedResponseConsumer consumer, long budgetMs, long start) {
    long elapsed = elapsedMs(start);
    if (consumer.headersReceived()) {
      return ProbeOutcome.failed(
          ProbeError.READ_TIMEOUT, "the body did not complete within " + budgetMs + " ms", elapsed);
    }
    if (counted(context, REQUESTS_SENT) <= counted(context, RESPONSES_READ)) {
      return ProbeOutcome.failed(
          ProbeError.CONNECT_TIMEOUT, "not connected within " + budgetMs + " ms", elapsed);
    }
    return ProbeOutcome.failed(
        ProbeError.READ_TIMEOUT, "no response within " + budgetMs + " ms", elapsed);
  }

  /**
   * A reset of an HTTPS connection before any request went out on it came during the TLS
   * handshake (the request interceptors run once TLS is established): said as such, the same
   * words as the end of the stream there ({@link #hungUpDuringHandshake}), whichever of the two
   * the client happened to read first.
   */
  private static ProbeOutcome duringHandshake(ProbeOutcome outcome, URI url, HttpContext context) {
    boolean reset = outcome.error().filter(e -> e == ProbeError.CONNECTION_RESET).isPresent();
    if (!reset || !"https".equalsIgnoreCase(url.getScheme())
        || outcome.detail().startsWith(CLOSED_DURING_HANDSHAKE)
        || counted(context, REQUESTS_SENT) > counted(context, RESPONSES_READ)
        || counted(context, RESPONSES_READ) > 0) {
      return outcome;
    }
    return ProbeOutcome.failed(ProbeError.CONNECTION_RESET,
        CLOSED_DURING_HANDSHAKE + " (" + outcome.detail() + ")", outcome.durationMs());
  }

  private static void count(HttpContext context, String key) {
    synchronized (context) {
      context.setAttribute(key, counted(context, key) + 1);
    }
  }

  private static int counted(HttpContext context, String key) {
    synchronized (context) {
      return context.getAttribute(key) instanceof Integer n ? n : 0;
    }
  }

  /**
   * The URL without its user information, every other part kept as written (raw, so that a
   * reg-name host with "_", which {@link URI#getHost()} does not see, survives).
   */
  static URI withoutUserInfo(URI url) {
    if (Secrets.rawUserInfo(url).isEmpty()) {
      return url;
    }
    String authority = url.getRawAuthority();
    return URI.create(url.getScheme() + "://" + authority.substring(authority.lastIndexOf('@') + 1)
        + (url.getRawPath() == null ? "" : url.getRawPath())
        + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery()));
  }

  private static ProbeOutcome classify(
      Throwable cause, CappedResponseConsumer consumer, long budgetMs, long start) {
    long elapsed = elapsedMs(start);
    String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    ProbeError error;
    if (hasCause(cause, TargetForbiddenException.class)) {
      error = ProbeError.TARGET_FORBIDDEN;
      message = causeOf(cause, TargetForbiddenException.class).getMessage();
    } else if (hasCause(cause, HostLookupException.class)) {
      HostLookupException lookup = (HostLookupException) causeOf(cause, HostLookupException.class);
      error = lookup.error();
      message = lookup.getMessage();
    } else if (hasCause(cause, UnknownHostException.class)) {
      error = systemLookupError(causeOf(cause, UnknownHostException.class).getMessage());
    } else if (hasCause(cause, ConnectTimeoutException.class)) {
      error = ProbeError.CONNECT_TIMEOUT;
    } else if (hasCause(cause, ConnectException.class) || hasCause(cause, NoRouteToHostException.class)) {
      error = message.toLowerCase(Locale.ROOT).contains("timed out")
          ? ProbeError.CONNECT_TIMEOUT
          : ProbeError.CONNECT_REFUSED;
    } else if (hasCause(cause, SSLException.class) && hungUpDuringHandshake(cause)) {
      error = ProbeError.CONNECTION_RESET;
      message = CLOSED_DURING_HANDSHAKE + " (" + innermostMessage(cause) + ")";
    } else if (hasCause(cause, SSLException.class)) {
      error = tlsError(cause);
      message = tlsDetail(cause);
    } else if (hasCause(cause, MessageConstraintException.class)) {
      // Lines or headers without end: reading stopped at the limits, the answer is not HTTP.
      error = ProbeError.PROTOCOL;
      message = "response head over the limits (" + MAX_LINE_LENGTH + " bytes a line, "
          + MAX_HEADER_COUNT + " header lines): " + message;
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
        || hasCause(cause, SocketException.class)
        || isReset(cause)) {
      error = ProbeError.CONNECTION_RESET;
    } else if (cause instanceof IOException) {
      error = ProbeError.OTHER;
    } else {
      error = ProbeError.OTHER;
    }
    return ProbeOutcome.failed(error, IpText.inMessage(message), elapsed);
  }

  /**
   * Which certificate problem a failed handshake was, from the JDK's and HttpClient's exceptions
   * and their messages: PKIX validation reports an expired certificate with a {@link
   * CertificateExpiredException}, an unknown issuer as "unable to find valid certification path",
   * and a host name mismatch as "No subject alternative ... matching" (or, from HttpClient's own
   * verifier, "doesn't match any of the subject alternative names").
   */
  public static ProbeError tlsError(Throwable cause) {
    String messages = allMessages(cause);
    if (hasCause(cause, CertificateExpiredException.class)) {
      return ProbeError.TLS_EXPIRED;
    }
    if (hasCause(cause, WrongHostException.class)) {
      return ProbeError.TLS_WRONG_HOST;
    }
    if (messages.contains("No subject alternative")
        || messages.contains("No name matching")
        || messages.contains("doesn't match any of the subject alternative names")) {
      return ProbeError.TLS_WRONG_HOST;
    }
    if (messages.contains("unable to find valid certification path")
        || messages.contains("PKIX path building failed")) {
      return ProbeError.TLS_UNTRUSTED;
    }
    return ProbeError.TLS;
  }

  /** How a failure says the server hung up during the TLS handshake. */
  public static final String CLOSED_DURING_HANDSHAKE =
      "the server closed the connection during the TLS handshake";

  /** HttpClient's words for a TLS handshake ended by the end of the stream (SSLIOSession). */
  private static final String HANDSHAKE_ENDED = "TLS handshake failed";

  /**
   * Whether a failed TLS handshake is the server hanging up before it answered, rather than a
   * TLS problem it reported: the end of the stream (the JDK's "Remote host terminated the
   * handshake" over an {@link EOFException}, HttpClient's "TLS handshake failed" from its
   * non-blocking session) or a reset. Which of the two the client sees is timing
   * alone: a server that closes at once sends a FIN, and a reset when the ClientHello reaches the
   * closed socket (RFC 9293 §3.10.7.1); the client reads the end of the stream if it reads before
   * the reset arrives, the reset if after. Both are one failure, a connection closed by the server
   * (retried as such), never a certificate or protocol verdict. A fatal alert (RFC 8446 §6.2) is
   * the server's answer and stays a TLS failure.
   */
  public static boolean hungUpDuringHandshake(Throwable cause) {
    String messages = allMessages(cause);
    if (messages.contains("Received fatal alert")) {
      return false;
    }
    return hasCause(cause, EOFException.class)
        || messages.contains("Remote host terminated the handshake")
        // HttpClient's SSLIOSession, on the end of the stream before the handshake completed
        || messages.lines().anyMatch(HANDSHAKE_ENDED::equals)
        || messages.contains("peer shut down incorrectly")
        || isReset(cause);
  }

  /**
   * What a failed handshake says, for the evidence: the most specific message of the exception
   * and, when the trust manager refused the chain, the certificates the server presented.
   */
  public static String tlsDetail(Throwable cause) {
    String message = innermostMessage(cause);
    Throwable refused = causeOf(cause, PresentedChainTrust.Refused.class);
    return refused == null
        ? message
        : message + "; " + ((PresentedChainTrust.Refused) refused).presented();
  }

  /**
   * NIO reports a reset or a write to a reset connection as a plain {@link IOException} ("Connection
   * reset by peer", "Broken pipe"), not as a {@link SocketException}.
   */
  public static boolean isReset(Throwable cause) {
    String messages = allMessages(cause).toLowerCase(Locale.ROOT);
    return messages.contains("connection reset") || messages.contains("broken pipe");
  }

  private static String allMessages(Throwable t) {
    StringBuilder all = new StringBuilder();
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      all.append(c.getMessage()).append('\n');
    }
    return all.toString();
  }

  /** The message of the deepest cause that has one: the most specific reason. */
  private static String innermostMessage(Throwable t) {
    String message = t.getMessage();
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c.getMessage() != null && !c.getMessage().isBlank()) {
        message = c.getMessage();
      }
    }
    return message == null ? t.getClass().getSimpleName() : message;
  }

  /**
   * What the system resolver's failure means, as far as its message tells (glibc's getaddrinfo
   * errors, as the JDK words them): a name that does not exist, one without an address, or a
   * resolver that could not answer.
   */
  public static ProbeError systemLookupError(String message) {
    String m = message == null ? "" : message.toLowerCase(Locale.ROOT);
    if (m.contains("temporary failure in name resolution")) {
      return ProbeError.DNS_SERVFAIL;
    }
    if (m.contains("no address associated with hostname")) {
      return ProbeError.DNS_NODATA;
    }
    return ProbeError.UNKNOWN_HOST;
  }

  private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
    return causeOf(t, type) != null;
  }

  private static Throwable causeOf(Throwable t, Class<? extends Throwable> type) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (type.isInstance(c)) {
        return c;
      }
    }
    return null;
  }

  /** The response as answered at the end of the redirects, with the chain it came over. */
  private HttpSnapshot complete(HttpSnapshot snapshot, URI requested, HttpClientContext context) {
    SSLSession session = context.getSSLSession();
    // The trust anchors (the JDK's cacerts, parsed) only for an answer that came over TLS.
    return snapshot
        .withUri(finalUri(requested, context))
        .withTls(session == null ? Optional.empty() : TlsPeer.of(session, tls.anchors()));
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
    pinned.values().forEach(c -> c.close(CloseMode.IMMEDIATE));
  }
}
