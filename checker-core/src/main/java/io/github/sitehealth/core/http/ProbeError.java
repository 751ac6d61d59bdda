package io.github.sitehealth.core.http;

/** Why no usable response arrived. */
public enum ProbeError {
  /** The host name did not resolve. */
  UNKNOWN_HOST("unknown host"),
  /** The name exists, without an address record. */
  DNS_NODATA("no address record"),
  /** The resolver failed to answer (SERVFAIL, REFUSED, a malformed answer, a CNAME loop). */
  DNS_SERVFAIL("DNS server failure"),
  /** The resolver did not answer in time. */
  DNS_TIMEOUT("DNS timeout"),
  /** The name's CNAME chain ends in a name that does not exist. */
  DNS_DANGLING_CNAME("dangling CNAME"),
  /** The host is, or resolves to, a cloud metadata or link-local address: not connected to. */
  TARGET_FORBIDDEN("target forbidden"),
  /** Nothing listens: the connection was actively refused. */
  CONNECT_REFUSED("connection refused"),
  /** The connection was not established in time (filtered port, black hole). */
  CONNECT_TIMEOUT("connect timeout"),
  /** The certificate is not trusted: self-signed, or issued by a CA not in the trust store. */
  TLS_UNTRUSTED("untrusted certificate"),
  /** The certificate has expired. */
  TLS_EXPIRED("expired certificate"),
  /** The certificate does not name the host. */
  TLS_WRONG_HOST("certificate for another host"),
  /** The TLS handshake failed otherwise: protocol or cipher mismatch, a broken chain. */
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
