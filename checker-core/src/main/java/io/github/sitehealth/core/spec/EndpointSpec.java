package io.github.sitehealth.core.spec;

import io.github.sitehealth.core.check.CheckSpec;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A validated HTTP endpoint check. Build it with {@link SpecParser}.
 *
 * @param originAddress where to connect for the origin probe, keeping the URL's host name for
 *     the Host header and TLS (what {@code curl --resolve} does)
 * @param followRedirects whether redirects are followed (up to 10) and the final answer checked;
 *     false checks the first answer itself, e.g. an expected 301
 * @param tlsExpiryWarnDays a passing HTTPS check whose presented chain expires within this many
 *     days is DEGRADED with TLS_EXPIRING; 0 never warns
 * @param warnLatency a passing check slower than this is DEGRADED with LATENCY_BUDGET
 * @param expectBody a regex that must be found in the body, decoded per Content-Encoding and
 *     charset (as far as the body cap lets it be read); BODY_MISMATCH otherwise
 * @param rejectBody a regex that must not be found in the decoded body; BODY_REJECTED otherwise
 * @param addresses which of the host's addresses are probed, each on its own
 * @param samples requests sent, 1 to {@link #MAX_SAMPLES}; above 1 each is one request without
 *     retries, and the failure rate decides
 * @param sampleWindow the time the samples are spread over
 * @param maxFailureRate the highest failure rate of the samples, in percent (0 to 100), that is
 *     only DEGRADED; taken per address when {@code addresses} is not {@link AddressMode#FIRST}
 */
public record EndpointSpec(
    String name,
    URI url,
    Optional<URI> origin,
    StatusRanges expectStatus,
    Optional<Duration> maxLatency,
    Map<String, Pattern> expectHeaders,
    Map<String, String> headers,
    Duration timeout,
    int retries,
    Optional<InetAddress> originAddress,
    boolean expectCacheable,
    boolean failOnProbeBlocked,
    boolean followRedirects,
    int tlsExpiryWarnDays,
    Optional<Duration> warnLatency,
    Optional<Pattern> expectBody,
    Optional<Pattern> rejectBody,
    AddressMode addresses,
    int samples,
    Duration sampleWindow,
    double maxFailureRate)
    implements CheckSpec {

  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
  public static final int DEFAULT_TLS_EXPIRY_WARN_DAYS = 14;
  public static final int MAX_TLS_EXPIRY_WARN_DAYS = 3650;
  public static final int DEFAULT_RETRIES = 2;
  public static final int MAX_RETRIES = 10;
  public static final int MAX_SAMPLES = 1000;
  public static final Duration MAX_SAMPLE_WINDOW = Duration.ofMinutes(10);
  /** Addresses probed at most per check; a host with more has the rest named as not probed. */
  public static final int MAX_ADDRESSES = 16;

  public EndpointSpec {
    // Unmodifiable copies that keep the configured order: the first failing expectation reported
    // is the first one written.
    expectHeaders = Collections.unmodifiableMap(new LinkedHashMap<>(expectHeaders));
    headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
  }

  /**
   * The URL to probe the origin at, when the public URL fails: {@code <origin>}, else the public
   * URL itself when an {@code <originAddress>} pins it to the origin's address.
   */
  public Optional<URI> originProbeUrl() {
    return origin.isPresent() ? origin : originAddress.map(a -> url);
  }

  @Override
  public String checkName() {
    return name;
  }

  @Override
  public String kind() {
    return "http";
  }

  @Override
  public String target() {
    return url.toString();
  }

  /** {@code host:port} of the public URL, the key for the per-host concurrency limit. */
  public String hostKey() {
    return SpecParser.hostKey(url);
  }
}
