package io.github.sitehealth.core.http;

/** Why no usable response arrived. */
public enum ProbeError {
  /** The host name did not resolve. */
  UNKNOWN_HOST("unknown host"),
  /** Nothing listens: the connection was actively refused. */
  CONNECT_REFUSED("connection refused"),
  /** The connection was not established in time (filtered port, black hole). */
  CONNECT_TIMEOUT("connect timeout"),
  /** The TLS handshake failed: untrusted, expired or wrong-host certificate, protocol mismatch. */
  TLS("TLS handshake failed"),
  /** Connected, but the response (headers or body) did not complete in time. */
  READ_TIMEOUT("read timeout"),
  /** The peer closed or reset the connection before a complete response. */
  CONNECTION_RESET("connection reset"),
  /** The answer was not valid HTTP. */
  PROTOCOL("not valid HTTP"),
  /** More redirects than allowed, or a redirect loop. */
  TOO_MANY_REDIRECTS("too many redirects"),
  /** Anything else. */
  OTHER("fetch failed");

  private final String words;

  ProbeError(String words) {
    this.words = words;
  }

  /** In words, for messages: {@code "connection refused"}. */
  public String words() {
    return words;
  }
}
