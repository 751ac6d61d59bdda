package io.github.sitehealth.core.http;

import java.net.URI;

/**
 * One redirect the probe followed (RFC 9110 §15.4): the URL asked, its 3xx answer and where its
 * {@code Location} led, resolved against the URL asked (RFC 9110 §10.2.2, RFC 3986 §5).
 *
 * @param from the URL that answered with the redirect
 * @param status the 3xx status code
 * @param reason its reason phrase, possibly empty
 * @param location the {@code Location} target, as an absolute URL
 */
public record Redirect(URI from, int status, String reason, URI location) {

  /** {@code "301 Moved Permanently -> https://other.example.test/"}. */
  public String describe() {
    String line = reason == null || reason.isBlank() ? Integer.toString(status) : status + " " + reason;
    return line + " -> " + location;
  }
}
