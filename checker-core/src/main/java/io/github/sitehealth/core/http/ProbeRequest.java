package io.github.sitehealth.core.http;

import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One GET for {@link HttpProbe#fetch(ProbeRequest)}.
 *
 * @param url what to get
 * @param headers request header fields, in the order given
 * @param budget the whole exchange's deadline (connect, TLS, redirects, body), &gt; 0
 * @param connectTo the address to connect to instead of what the URL's host resolves to, keeping
 *     that host for the Host header and TLS server name (what {@code curl --resolve} does)
 * @param followRedirects whether redirects are followed (at most {@link HttpProbe#MAX_REDIRECTS})
 */
public record ProbeRequest(
    URI url,
    Map<String, String> headers,
    Duration budget,
    Optional<InetAddress> connectTo,
    boolean followRedirects) {

  public ProbeRequest {
    headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
  }

  /** A GET that follows redirects, connecting wherever the URL's host resolves to. */
  public static ProbeRequest get(URI url, Map<String, String> headers, Duration budget) {
    return new ProbeRequest(url, headers, budget, Optional.empty(), true);
  }

  /** The same request, connecting to {@code address}. */
  public ProbeRequest connectingTo(Optional<InetAddress> address) {
    return new ProbeRequest(url, headers, budget, address, followRedirects);
  }

  /** The same request with another deadline. */
  public ProbeRequest within(Duration newBudget) {
    return new ProbeRequest(url, headers, newBudget, connectTo, followRedirects);
  }

  /** The same request, following redirects or not. */
  public ProbeRequest followingRedirects(boolean follow) {
    return new ProbeRequest(url, headers, budget, connectTo, follow);
  }
}
