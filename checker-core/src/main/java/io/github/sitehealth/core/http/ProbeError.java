package io.github.sitehealth.core.http;

/** Why no usable response arrived. */
public enum ProbeError {
  /** The host name did not resolve. */
  UNKNOWN_HOST,
  /** Nothing listens: the connection was actively refused. */
  CONNECT_REFUSED,
  /** The connection was not established in time (filtered port, black hole). */
  CONNECT_TIMEOUT,
  /** The TLS handshake failed: untrusted, expired or wrong-host certificate, protocol mismatch. */
  TLS,
  /** Connected, but the response (headers or body) did not complete in time. */
  READ_TIMEOUT,
  /** The peer closed or reset the connection before a complete response. */
  CONNECTION_RESET,
  /** The answer was not valid HTTP. */
  PROTOCOL,
  /** More redirects than allowed, or a redirect loop. */
  TOO_MANY_REDIRECTS,
  /** Anything else. */
  OTHER
}
