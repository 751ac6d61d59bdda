package io.github.sitehealth.core.http;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * A response as the probe saw it: status, headers and the first bytes of the body.
 *
 * @param uri the URI that answered (after redirects)
 * @param status HTTP status code
 * @param reason reason phrase, possibly empty
 * @param headers every response header, in order
 * @param body the body, at most the probe's cap
 * @param truncated whether the body was longer than the cap (reading stopped there)
 * @param headersMs time from the start of the attempt to the response headers
 * @param totalMs time from the start of the attempt to the last byte read
 * @param tls the certificate chain the server presented, for HTTPS
 */
public record HttpSnapshot(
    URI uri,
    int status,
    String reason,
    List<HeaderField> headers,
    byte[] body,
    boolean truncated,
    long headersMs,
    long totalMs,
    Optional<TlsPeer> tls) {

  public HttpSnapshot {
    headers = List.copyOf(headers);
  }

  /** A response over plain HTTP, or whose certificates were not looked at. */
  public HttpSnapshot(
      URI uri,
      int status,
      String reason,
      List<HeaderField> headers,
      byte[] body,
      boolean truncated,
      long headersMs,
      long totalMs) {
    this(uri, status, reason, headers, body, truncated, headersMs, totalMs, Optional.empty());
  }

  /** The same response, answered at {@code finalUri} (after redirects). */
  public HttpSnapshot withUri(URI finalUri) {
    return new HttpSnapshot(
        finalUri, status, reason, headers, body, truncated, headersMs, totalMs, tls);
  }

  /** The same response, with the certificate chain it came over. */
  public HttpSnapshot withTls(Optional<TlsPeer> tls) {
    return new HttpSnapshot(uri, status, reason, headers, body, truncated, headersMs, totalMs, tls);
  }

  /**
   * A field's value as the recipient must understand it: the values of every field line with
   * this name (matched case-insensitively, RFC 9110 &sect;5.1), in the order received, combined
   * into one comma-separated value (RFC 9110 &sect;5.3). Two lines {@code Vary: Origin} and
   * {@code Vary: Accept-Encoding} are {@code "Origin, Accept-Encoding"}.
   *
   * <p>Empty when no line has this name; a present but empty field is {@code ""}, which is not the
   * same. {@code Set-Cookie} cannot be combined (RFC 9110 &sect;5.3, RFC 6265 &sect;3): read its
   * separate values with {@link #headers(String)}.
   *
   * @throws IllegalArgumentException for {@code Set-Cookie}
   */
  public Optional<String> field(String name) {
    if (isSetCookie(name)) {
      throw new IllegalArgumentException(
          "Set-Cookie values cannot be combined (RFC 9110 section 5.3): use headers(name)");
    }
    List<String> values = headers(name);
    return values.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", values));
  }

  /** Whether {@code name} is {@code Set-Cookie}, the one field whose lines stay separate. */
  public static boolean isSetCookie(String name) {
    return name.equalsIgnoreCase("Set-Cookie");
  }

  /**
   * The separate values of every field line with this name (matched case-insensitively), in the
   * order received. For any field but {@code Set-Cookie}, {@link #field(String)} is its meaning.
   */
  public List<String> headers(String name) {
    return headers.stream()
        .filter(h -> h.name().equalsIgnoreCase(name))
        .map(HeaderField::value)
        .toList();
  }

  /** {@code "502 Bad Gateway"}. */
  public String statusLine() {
    return reason == null || reason.isBlank() ? Integer.toString(status) : status + " " + reason;
  }

  /**
   * The body as text, decoded per Content-Encoding and charset ({@link BodyText}), for
   * expectations, fingerprints and evidence; never used for HTML output raw.
   */
  public String bodyText() {
    return BodyText.of(this).text();
  }
}
