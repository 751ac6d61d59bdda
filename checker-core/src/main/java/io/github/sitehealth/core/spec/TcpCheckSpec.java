package io.github.sitehealth.core.spec;

import io.github.sitehealth.core.check.CheckSpec;
import io.github.sitehealth.core.net.UrlHost;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A validated TCP check: connect to a host and port, optionally complete a TLS handshake, and
 * optionally read what the server sends first. Build it with {@link SpecParser}.
 *
 * @param name the check's name, unique in the run
 * @param address the host (a name, an IPv4 literal or a bracketed IPv6 literal) and the port
 * @param expectBanner a regex that must be found in the first bytes the server sends (at most
 *     {@link #MAX_BANNER_BYTES}), e.g. {@code ^SSH-2\.0-}; empty: nothing is read
 * @param tls whether a TLS handshake follows the connection, the certificate verified for the host
 * @param timeout whole-check deadline, every attempt, backoff and host lookup included
 * @param retries extra attempts for failures a retry can change
 * @param maxLatency budget of the connect time, the TLS handshake included: slower is DOWN with
 *     LATENCY_BUDGET
 */
public record TcpCheckSpec(
    String name,
    UrlHost address,
    Optional<Pattern> expectBanner,
    boolean tls,
    Duration timeout,
    int retries,
    Optional<Duration> maxLatency)
    implements CheckSpec {

  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
  public static final int DEFAULT_RETRIES = 2;
  public static final int MAX_RETRIES = EndpointSpec.MAX_RETRIES;
  /** The most bytes of a banner read before it is judged. */
  public static final int MAX_BANNER_BYTES = 4 * 1024;

  @Override
  public String checkName() {
    return name;
  }

  @Override
  public String kind() {
    return "tcp";
  }

  /** {@code host:port} as configured, an IPv6 literal in brackets: {@code [::1]:22}. */
  @Override
  public String target() {
    return address.hostPort();
  }

  /** {@code host:port} in lower case, the key for the per-host concurrency limit. */
  public String hostKey() {
    return address.key();
  }
}
