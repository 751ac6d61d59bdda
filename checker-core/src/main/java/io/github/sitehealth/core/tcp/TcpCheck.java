package io.github.sitehealth.core.tcp;

import io.github.sitehealth.core.check.Check;
import io.github.sitehealth.core.diagnose.Expectations;
import io.github.sitehealth.core.diagnose.RetryPolicy;
import io.github.sitehealth.core.diagnose.Runbooks;
import io.github.sitehealth.core.http.HostLookupException;
import io.github.sitehealth.core.http.HostResolver;
import io.github.sitehealth.core.http.HttpProbe;
import io.github.sitehealth.core.http.NamedTlsStrategy;
import io.github.sitehealth.core.http.ProbeError;
import io.github.sitehealth.core.http.TlsTrust;
import io.github.sitehealth.core.net.IpText;
import io.github.sitehealth.core.net.MetadataAddresses;
import io.github.sitehealth.core.net.UrlHost;
import io.github.sitehealth.core.result.Attempt;
import io.github.sitehealth.core.result.CheckResult;
import io.github.sitehealth.core.result.CheckStatus;
import io.github.sitehealth.core.result.Finding;
import io.github.sitehealth.core.result.FindingCode;
import io.github.sitehealth.core.result.Hop;
import io.github.sitehealth.core.spec.TcpCheckSpec;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Runs one TCP check: looks the host up (through the run's resolver, within the deadline),
 * refuses cloud metadata and link-local addresses unless they are allowed, connects to the first
 * address, optionally completes a TLS handshake and reads what the server sends first, then says
 * which hop failed. A failure is tried again, with backoff (200 ms, doubling) inside the check's
 * deadline, only when {@link RetryPolicy#retriable} says a retry can change it.
 *
 * <p>The latency of a passing attempt is its connect time in milliseconds, the TLS handshake
 * included; a failed attempt's is its time to the failure. Every attempt ends by the check's
 * deadline, whatever the server does: the lookup gets the time left, the connect its timeout, and
 * every read (of the handshake and of the banner) the time left, through {@link DeadlineSocket}.
 * At most {@link TcpCheckSpec#MAX_BANNER_BYTES} of a banner are read.
 */
public final class TcpCheck implements Check<TcpCheckSpec> {

  /** The first backoff; each further one doubles. */
  static final Duration FIRST_BACKOFF = Duration.ofMillis(200);

  /** The most characters of received bytes quoted, escaped, in a finding or an observation. */
  static final int MAX_QUOTED_CHARS = 200;

  private final HostResolver resolver;
  private final SSLSocketFactory tlsSockets;
  private final boolean allowMetadataTargets;

  /**
   * @param resolver how host names become addresses (the run's {@code <resolver>}, or the system's)
   * @param trustCertificates CA certificates trusted for TLS in addition to the JDK's own
   * @param allowMetadataTargets whether cloud metadata and link-local addresses may be connected to
   */
  public TcpCheck(HostResolver resolver, List<X509Certificate> trustCertificates,
      boolean allowMetadataTargets) {
    this.resolver = resolver;
    this.tlsSockets = TlsTrust.sslContext(trustCertificates).getSocketFactory();
    this.allowMetadataTargets = allowMetadataTargets;
  }

  /** The {@code host:port}, in lower case: the same key as an HTTP check of that host and port. */
  @Override
  public String limitKey(TcpCheckSpec spec) {
    return spec.hostKey();
  }

  @Override
  public CheckResult run(TcpCheckSpec spec) {
    Instant startedAt = Instant.now();
    long start = System.nanoTime();
    long deadline = start + spec.timeout().toNanos();
    List<Attempt> attempts = new ArrayList<>();
    Outcome first = null;
    Outcome verdict = null;
    Outcome last = null;
    long longestConnectedMs = 0;
    for (int n = 1; n <= spec.retries() + 1; n++) {
      Instant attemptStart = Instant.now();
      long budgetMs = Math.max(0, (deadline - System.nanoTime()) / 1_000_000);
      last = attempt(spec, deadline);
      attempts.add(new Attempt(
          n, attemptStart, last.durationMs(), Optional.empty(), last.observed(), last.passed()));
      if (last.passed()) {
        break;
      }
      if (first == null) {
        first = last;
      }
      // A retry that timed out with less time left than an earlier attempt took to connect was
      // cut short by the check's own deadline: the earlier failure stays the verdict.
      if (verdict == null || !(isTimeout(last.code()) && budgetMs < longestConnectedMs)) {
        verdict = last;
      }
      longestConnectedMs = Math.max(longestConnectedMs, last.connectedMs());
      if (n > spec.retries()
          || !RetryPolicy.retriable(last.code())
          || !sleepBackoff(n, deadline)) {
        break;
      }
    }

    CheckStatus status;
    Optional<Finding> finding;
    String observed;
    if (last.passed() && first == null) {
      status = CheckStatus.UP;
      finding = Optional.empty();
      observed = last.observed();
    } else if (last.passed()) {
      // It cleared on a retry: a transient failure, reported with its original code.
      status = CheckStatus.DEGRADED;
      finding = first.finding();
      observed = last.observed();
    } else {
      status = verdict.code().defaultStatus();
      finding = verdict.finding();
      observed = verdict.observed();
    }
    return new CheckResult(
        spec.name(),
        spec.kind(),
        spec.target(),
        status,
        observed,
        finding,
        attempts,
        startedAt,
        (System.nanoTime() - start) / 1_000_000);
  }

  /** One attempt: lookup, connect, TLS, banner, latency budget, in that order. */
  private Outcome attempt(TcpCheckSpec spec, long deadline) {
    long start = System.nanoTime();
    List<String> evidence = new ArrayList<>();
    long connectedMs = 0;
    try {
      InetAddress address = resolve(spec, deadline, evidence);
      InetSocketAddress to = new InetSocketAddress(address, spec.address().port());
      DeadlineSocket socket = new DeadlineSocket(deadline);
      Socket channel = socket;
      try {
        long connectStart = System.nanoTime();
        connect(spec, socket, to, evidence);
        String tlsWords = "";
        if (spec.tls()) {
          SSLSocket tls = handshake(spec, socket, address, evidence);
          channel = tls;
          tlsWords = " (" + tls.getSession().getProtocol() + ")";
        }
        connectedMs = (System.nanoTime() - connectStart) / 1_000_000;
        // The time is the check's latency, which every report shows beside what was seen.
        String observed = "connected" + tlsWords;
        if (spec.expectBanner().isPresent()) {
          observed = observed + ", banner "
              + readBanner(spec, channel, spec.expectBanner().get(), evidence);
        }
        if (spec.maxLatency().isPresent() && connectedMs > spec.maxLatency().get().toMillis()) {
          long budget = spec.maxLatency().get().toMillis();
          evidence.add("connect time budget " + budget + " ms" + (spec.tls()
              ? ", the TLS handshake included" : ""));
          throw new Failed(FindingCode.LATENCY_BUDGET, Hop.NETWORK,
              connectedMs + " ms to connect (budget " + budget + " ms)",
              "Connecting to " + spec.target() + " took " + connectedMs + " ms"
                  + (spec.tls() ? ", the TLS handshake included," : "")
                  + " over its budget of " + budget + " ms: a slow or lossy network path (a lost"
                  + " SYN is sent again after 1 s), or a server too busy to accept connections"
                  + " promptly.");
        }
        return Outcome.passed(observed, connectedMs);
      } finally {
        closeQuietly(channel);
        closeQuietly(socket);
      }
    } catch (Failed f) {
      return Outcome.failed(f, evidence, (System.nanoTime() - start) / 1_000_000, connectedMs);
    }
  }

  /**
   * The address to connect to: an IP literal as it is, a name through the resolver within the
   * time left. A name with any cloud metadata or link-local address among its answers is refused
   * as a whole (as for HTTP checks), unless such targets are allowed.
   */
  private InetAddress resolve(TcpCheckSpec spec, long deadline, List<String> evidence)
      throws Failed {
    String host = spec.address().host();
    Optional<InetAddress> literal = MetadataAddresses.literal(host);
    InetAddress[] addresses;
    if (literal.isPresent()) {
      addresses = new InetAddress[] {literal.get()};
    } else {
      long start = System.nanoTime();
      Duration left = Duration.ofNanos(Math.max(1, deadline - start));
      try {
        addresses = resolver.resolve(host, left);
      } catch (HostLookupException e) {
        throw dnsFailure(spec, e.error(), e.getMessage(), evidence);
      } catch (UnknownHostException e) {
        String message = e.getMessage() == null ? host : e.getMessage();
        throw dnsFailure(spec, HttpProbe.systemLookupError(message), message, evidence);
      }
      if (addresses == null || addresses.length == 0) {
        throw dnsFailure(spec, ProbeError.UNKNOWN_HOST, host + ": no address", evidence);
      }
      evidence.add("resolved " + host + " to "
          + Arrays.stream(addresses).map(TcpCheck::ip).collect(Collectors.joining(", "))
          + " in " + (System.nanoTime() - start) / 1_000_000 + " ms"
          + (addresses.length > 1 ? "; connecting to the first" : ""));
    }
    if (!allowMetadataTargets) {
      for (InetAddress address : addresses) {
        if (MetadataAddresses.isForbidden(address)) {
          String what = literal.isPresent()
              ? MetadataAddresses.describe(address)
              : host + " resolves to " + MetadataAddresses.describe(address);
          throw new Failed(FindingCode.TARGET_FORBIDDEN, Hop.NETWORK, what,
              "Refused to connect: " + what + ". Such addresses serve a cloud instance's own"
                  + " credentials, so they are checked only with " + MetadataAddresses.OPT_IN
                  + "; if this was not meant, fix the address or the host's DNS record.");
        }
      }
    }
    return addresses[0];
  }

  private static Failed dnsFailure(
      TcpCheckSpec spec, ProbeError error, String detail, List<String> evidence) {
    evidence.add("lookup " + spec.address().host() + " -> " + detail);
    return new Failed(Expectations.code(error), Hop.DNS, error.words() + ": " + detail,
        "The host " + spec.address().host() + " does not resolve (" + detail
            + "): check its DNS record at your DNS provider.");
  }

  /** Connects within the time left. */
  private static void connect(
      TcpCheckSpec spec, DeadlineSocket socket, InetSocketAddress to, List<String> evidence)
      throws Failed {
    String at = hostPort(to);
    long start = System.nanoTime();
    int budgetMs = socket.remainingMs();
    try {
      if (budgetMs == 0) {
        throw new SocketTimeoutException("no time left to connect");
      }
      socket.connect(to, budgetMs);
    } catch (IOException e) {
      long ms = (System.nanoTime() - start) / 1_000_000;
      String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      boolean timedOut = e instanceof SocketTimeoutException
          || message.toLowerCase(Locale.ROOT).contains("timed out");
      if (timedOut) {
        evidence.add("connect " + at + " -> not connected within " + budgetMs + " ms");
        throw new Failed(FindingCode.CONNECT_TIMEOUT, Hop.NETWORK,
            "not connected within " + budgetMs + " ms",
            "No connection to " + spec.target() + " could be made in time: a firewall or a"
                + " routing problem drops the packets.");
      }
      if (e instanceof ConnectException || e instanceof NoRouteToHostException) {
        evidence.add("connect " + at + " -> " + message + " in " + ms + " ms");
        throw new Failed(FindingCode.CONNECT_REFUSED, Hop.NETWORK,
            ProbeError.CONNECT_REFUSED.words() + " (" + message + ")",
            "Nothing accepts connections on " + spec.target() + ": check that the server runs"
                + " and listens on that port, and the firewall.");
      }
      if (HttpProbe.isReset(e)) {
        // A reset, not a refusal: the server completed the TCP handshake, then aborted the
        // connection before the client could use it (RFC 9293 §3.10.7.1).
        evidence.add("connect " + at + " -> connected, then reset at once (" + message + ") in "
            + ms + " ms");
        throw spec.tls() ? hungUp(spec, message) : new Failed(FindingCode.CONNECTION_RESET,
            Hop.NETWORK, "the server reset the connection as soon as it was made (" + message + ")",
            "The server at " + spec.target() + " accepted the connection and reset it at once ("
                + message + "): the service behind the port may be down while something (a"
                + " balancer, a proxy, a port forward) still accepts, or it is at its connection"
                + " limit.");
      }
      evidence.add("connect " + at + " -> " + message + " in " + ms + " ms");
      throw new Failed(FindingCode.PROBE_ERROR, Hop.NETWORK, message,
          "Could not connect to " + spec.target() + " (" + message + ").");
    }
    evidence.add("connect " + at + " -> connected in " + (System.nanoTime() - start) / 1_000_000
        + " ms");
  }

  /**
   * A TLS handshake on the connected socket, its reads bounded by the deadline: SNI is the host
   * name (none for an IP literal, RFC 6066 §3), and the certificate must name the host the way
   * HTTPS clients check it (the JDK's "HTTPS" endpoint identification, RFC 2818 §3.1), its chain
   * trusted by the JDK or {@code <trustCertificates>}.
   */
  private SSLSocket handshake(
      TcpCheckSpec spec, DeadlineSocket socket, InetAddress address, List<String> evidence)
      throws Failed {
    boolean literal = MetadataAddresses.literal(spec.address().host()).isPresent();
    String peer = literal ? ip(address) : UrlHost.ascii(spec.address().name());
    Optional<SNIServerName> sni = NamedTlsStrategy.serverName(spec.address().host());
    long start = System.nanoTime();
    SSLSocket tls = null;
    try {
      tls = (SSLSocket) tlsSockets.createSocket(socket, peer, spec.address().port(), true);
      SSLParameters parameters = tls.getSSLParameters();
      parameters.setEndpointIdentificationAlgorithm("HTTPS");
      parameters.setServerNames(sni.map(List::of).orElse(List.of()));
      tls.setSSLParameters(parameters);
      tls.startHandshake();
    } catch (IOException e) {
      closeQuietly(tls);
      long ms = (System.nanoTime() - start) / 1_000_000;
      throw handshakeFailure(spec, e, ms, evidence);
    }
    SSLSession session = tls.getSession();
    evidence.add("TLS " + session.getProtocol() + " " + session.getCipherSuite() + " in "
        + (System.nanoTime() - start) / 1_000_000 + " ms, SNI "
        + (sni.isPresent() ? new String(sni.get().getEncoded(), StandardCharsets.US_ASCII)
            : "none (IP literal)")
        + ", " + peerCertificate(session));
    return tls;
  }

  private static Failed handshakeFailure(
      TcpCheckSpec spec, IOException e, long ms, List<String> evidence) {
    if (hasCause(e, SocketTimeoutException.class)) {
      evidence.add("TLS handshake -> not complete when the deadline came, after " + ms + " ms");
      return new Failed(FindingCode.CONNECT_TIMEOUT, Hop.NETWORK,
          "connected, but the TLS handshake did not complete in time",
          "Connected to " + spec.target() + ", but the TLS handshake did not complete in time:"
              + " the port may not speak TLS (a service that waits for the client to speak"
              + " first), or a middlebox holds the handshake.");
    }
    if (HttpProbe.hungUpDuringHandshake(e)) {
      String detail = HttpProbe.tlsDetail(e);
      evidence.add("TLS handshake -> the server closed the connection after " + ms + " ms: "
          + detail);
      return hungUp(spec, detail);
    }
    if (hasCause(e, SSLException.class)) {
      ProbeError error = HttpProbe.tlsError(e);
      String detail = HttpProbe.tlsDetail(e);
      evidence.add("TLS handshake -> " + error.words() + " after " + ms + " ms: " + detail);
      return new Failed(FindingCode.TLS_INVALID, Hop.TLS, error.words() + ": " + detail,
          tlsSummary(spec, error, detail));
    }
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    evidence.add("TLS handshake -> " + message + " after " + ms + " ms");
    return new Failed(FindingCode.CONNECTION_RESET, Hop.NETWORK,
        "the connection broke during the TLS handshake (" + message + ")",
        "The connection to " + spec.target() + " broke during the TLS handshake (" + message
            + "): check the server's logs and any firewall that resets connections.");
  }

  /**
   * The server hung up before any TLS answer: whether its FIN or its reset reached the client
   * first, and whether before or after the ClientHello went out, is timing alone, so each is this
   * one finding.
   */
  private static Failed hungUp(TcpCheckSpec spec, String detail) {
    return new Failed(FindingCode.CONNECTION_RESET, Hop.NETWORK,
        HttpProbe.CLOSED_DURING_HANDSHAKE + " (" + detail + ")",
        "The server at " + spec.target() + " closed the connection during the TLS handshake,"
            + " before any TLS answer (" + detail + "): the port may not speak TLS (a plain"
            + " service that hangs up on bytes it does not understand), the server may be at"
            + " its connection limit or restarting, or a firewall resets the connection.");
  }

  /** Which certificate problem it was, and what to do, as for an HTTPS endpoint. */
  private static String tlsSummary(TcpCheckSpec spec, ProbeError error, String why) {
    String host = spec.address().name();
    return switch (error) {
      case TLS_UNTRUSTED -> "The certificate of " + spec.target() + " is untrusted (" + why
          + "): it is self-signed or issued by a CA the JDK does not trust; serve a certificate"
          + " from a public CA with its intermediates, or add your private CA with"
          + " <trustCertificates>.";
      case TLS_EXPIRED -> "The certificate of " + spec.target() + " has expired (" + why
          + "): renew it and reload the server that serves it.";
      case TLS_WRONG_HOST -> "The certificate of " + spec.target() + " is for the wrong host ("
          + why + "): serve a certificate whose subject alternative names include " + host + ".";
      default -> "The TLS handshake with " + spec.target() + " failed (" + why + "): check that"
          + " the port speaks TLS, and the server's TLS versions, ciphers and certificate chain.";
    };
  }

  /**
   * Reads until the expected text is found, the server closes the connection, {@link
   * TcpCheckSpec#MAX_BANNER_BYTES} have arrived or the deadline comes; each read is bounded by
   * the time left. The bytes are decoded as UTF-8 (the greetings of SSH, RFC 4253 §4.2, and
   * SMTP, RFC 5321 §4.2, are ASCII).
   *
   * @return the banner's first line, quoted, for the observation
   */
  private static String readBanner(
      TcpCheckSpec spec, Socket channel, Pattern expected, List<String> evidence) throws Failed {
    byte[] buffer = new byte[TcpCheckSpec.MAX_BANNER_BYTES];
    int length = 0;
    long start = System.nanoTime();
    String ending = "the read limit of " + buffer.length + " bytes";
    boolean timedOut = false;
    boolean broken = false;
    try {
      InputStream in = channel.getInputStream();
      // At most buffer.length reads return data (each at least one byte); the others end it.
      while (length < buffer.length) {
        int n;
        try {
          n = in.read(buffer, length, buffer.length - length);
        } catch (SocketTimeoutException e) {
          timedOut = true;
          ending = "the deadline";
          break;
        }
        if (n < 0) {
          ending = "the server closed the connection";
          break;
        }
        length += n;
        if (expected.matcher(text(buffer, length)).find()) {
          evidence.add("received " + bytes(length) + " in " + ms(start) + " ms: "
              + quote(buffer, length));
          evidence.add("expected banner " + expected.pattern() + ": found");
          return quote(buffer, firstLineLength(buffer, length));
        }
      }
    } catch (IOException e) {
      broken = true;
      ending = "the connection broke (" + (e.getMessage() == null
          ? e.getClass().getSimpleName() : e.getMessage()) + ")";
    }
    if (length == 0 && timedOut) {
      evidence.add("received nothing within " + ms(start) + " ms");
      evidence.add("expected banner " + expected.pattern());
      return failBanner(new Failed(FindingCode.READ_TIMEOUT, Hop.ORIGIN,
          "connected, but nothing received within " + ms(start) + " ms",
          spec.target() + " accepted the connection but sent nothing before the deadline, while"
              + " a banner matching " + expected.pattern() + " was expected: check that the"
              + " service runs and is not overloaded, and that it is one that speaks first (SSH,"
              + " SMTP and FTP do; HTTP and most TLS services wait for the client)."));
    }
    if (length == 0) {
      evidence.add("received nothing, then " + ending);
      evidence.add("expected banner " + expected.pattern());
      return failBanner(new Failed(FindingCode.CONNECTION_RESET, Hop.NETWORK,
          "connected, but nothing received before " + ending,
          (broken
              ? "The connection to " + spec.target() + " broke before the server sent anything ("
                  + ending.substring(ending.indexOf('(') + 1, ending.length() - 1) + ")"
              : "The server at " + spec.target() + " closed the connection without sending"
                  + " anything")
              + ": check the service's logs and its access rules (a service that refuses a"
              + " client often closes at once)."));
    }
    String quoted = quote(buffer, length);
    evidence.add("received " + bytes(length) + " in " + ms(start) + " ms, then " + ending + ": "
        + quoted);
    evidence.add("expected banner " + expected.pattern() + ": not found");
    return failBanner(new Failed(FindingCode.BANNER_MISMATCH, Hop.ORIGIN,
        "banner " + quote(buffer, firstLineLength(buffer, length)) + " does not match "
            + expected.pattern(),
        spec.target() + " sent " + quoted + (timedOut ? " before the deadline" : "")
            + ", which does not match " + expected.pattern()
            + ": another service listens on this port, or the service's greeting changed"
            + " (its version or host name)."));
  }

  /** Always throws {@code failure}; typed to end {@link #readBanner}'s branches. */
  private static String failBanner(Failed failure) throws Failed {
    throw failure;
  }

  private static String text(byte[] buffer, int length) {
    return new String(buffer, 0, length, StandardCharsets.UTF_8);
  }

  /** The length of the first line, without its line end. */
  private static int firstLineLength(byte[] buffer, int length) {
    for (int i = 0; i < length; i++) {
      if (buffer[i] == '\n' || buffer[i] == '\r') {
        return i;
      }
    }
    return length;
  }

  /**
   * The bytes as a quoted, printable string: printable ASCII as it is, {@code \r}, {@code \n},
   * {@code \t}, {@code \"} and {@code \\} escaped, every other byte as {@code \xNN}; at most
   * {@link #MAX_QUOTED_CHARS} characters between the quotes, then {@code ...}.
   */
  static String quote(byte[] bytes, int length) {
    StringBuilder quoted = new StringBuilder();
    for (int i = 0; i < length; i++) {
      int b = bytes[i] & 0xff;
      String c = switch (b) {
        case '\r' -> "\\r";
        case '\n' -> "\\n";
        case '\t' -> "\\t";
        case '"' -> "\\\"";
        case '\\' -> "\\\\";
        default -> b >= 0x20 && b < 0x7f
            ? String.valueOf((char) b)
            : String.format(Locale.ROOT, "\\x%02x", b);
      };
      if (quoted.length() + c.length() > MAX_QUOTED_CHARS) {
        return "\"" + quoted + "\"...";
      }
      quoted.append(c);
    }
    return "\"" + quoted + "\"";
  }

  private static String peerCertificate(SSLSession session) {
    try {
      Certificate[] chain = session.getPeerCertificates();
      if (chain.length > 0 && chain[0] instanceof X509Certificate x509) {
        return "certificate " + x509.getSubjectX500Principal().getName() + " (issued by "
            + x509.getIssuerX500Principal().getName() + ", valid until "
            + x509.getNotAfter().toInstant() + ")";
      }
    } catch (SSLPeerUnverifiedException e) {
      // reported as no certificate below
    }
    return "no peer certificate";
  }

  private static boolean isTimeout(FindingCode code) {
    return code.equals(FindingCode.CONNECT_TIMEOUT) || code.equals(FindingCode.READ_TIMEOUT);
  }

  /** Sleeps before the next attempt; false when the deadline leaves no room for one after it. */
  private static boolean sleepBackoff(int attempt, long deadline) {
    long backoff = FIRST_BACKOFF.toNanos() << Math.min(attempt - 1, 6);
    if (deadline - System.nanoTime() <= backoff) {
      return false;
    }
    try {
      Thread.sleep(backoff / 1_000_000, (int) (backoff % 1_000_000));
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (type.isInstance(c)) {
        return true;
      }
    }
    return false;
  }

  private static void closeQuietly(Socket socket) {
    if (socket == null) {
      return;
    }
    try {
      socket.close();
    } catch (IOException e) {
      // nothing more to do with it
    }
  }

  /** An address without a zone or a host name: {@code 192.0.2.1}, {@code ::1}. */
  private static String ip(InetAddress address) {
    return IpText.of(address);
  }

  /** {@code 192.0.2.1:22} or {@code [2001:db8::1]:22}. */
  private static String hostPort(InetSocketAddress to) {
    return IpText.of(to);
  }

  private static String bytes(int n) {
    return n == 1 ? "1 byte" : n + " bytes";
  }

  private static long ms(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  /** A failure of the attempt: its code, the hop it blames, what was seen and the summary. */
  private static final class Failed extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient FindingCode code;
    private final Hop hop;
    private final String summary;

    Failed(FindingCode code, Hop hop, String detail, String summary) {
      super(detail, null, false, false);
      this.code = code;
      this.hop = hop;
      this.summary = summary;
    }
  }

  /**
   * What one attempt saw.
   *
   * @param finding the failure's finding; empty when the attempt passed
   * @param observed what was seen, in words
   * @param durationMs the attempt's latency: the connect time when it passed, else the time to
   *     the failure
   * @param connectedMs how long connecting took (TLS included), 0 when it did not connect
   */
  private record Outcome(
      Optional<Finding> finding, String observed, long durationMs, long connectedMs) {

    static Outcome passed(String observed, long connectedMs) {
      return new Outcome(Optional.empty(), observed, connectedMs, connectedMs);
    }

    static Outcome failed(Failed f, List<String> evidence, long durationMs, long connectedMs) {
      Finding finding = new Finding(
          f.code, f.hop, f.summary, Runbooks.link(f.code, f.hop), evidence);
      return new Outcome(Optional.of(finding), f.getMessage(), durationMs, connectedMs);
    }

    boolean passed() {
      return finding.isEmpty();
    }

    FindingCode code() {
      return finding.orElseThrow().code();
    }
  }
}
