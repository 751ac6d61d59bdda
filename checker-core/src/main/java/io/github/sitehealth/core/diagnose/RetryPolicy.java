package io.github.sitehealth.core.diagnose;

import io.github.sitehealth.core.http.HttpDate;
import io.github.sitehealth.core.result.FindingCode;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Which failures a retry within the check's deadline (seconds) can change, and so are worth
 * another attempt. A failure that cannot change is reported after its first attempt: retrying it
 * only delays the verdict by the backoff (200 ms, 400 ms, ...).
 *
 * <table>
 *   <caption>Finding codes and whether they are retried</caption>
 *   <tr><th>code</th><th>retried</th><th>why</th></tr>
 *   <tr><td>{@code DNS_NXDOMAIN}, {@code DNS_NODATA}, {@code DNS_DANGLING_CNAME}</td><td>no</td>
 *     <td>an authoritative "no such name" / "no such type" answer (RFC 1035 §4.1.1, RFC 2308 §1)
 *     holds, and resolvers cache it, for the SOA's negative TTL (RFC 2308 §5): asking again within
 *     seconds returns the same answer</td></tr>
 *   <tr><td>{@code DNS_SERVFAIL}</td><td>no</td><td>resolvers cache a resolution failure for at
 *     least 1 s and up to 5 minutes (RFC 9520 §3.2, RFC 2308 §7.1), so the next attempts would see
 *     the cached failure; the code also covers REFUSED, malformed answers and CNAME loops, which
 *     are the server's configuration</td></tr>
 *   <tr><td>{@code DNS_TIMEOUT}</td><td>yes</td><td>UDP datagrams get lost; a query is sent again
 *     (RFC 1035 §4.2.1, RFC 1536 §1)</td></tr>
 *   <tr><td>{@code DNS_MISMATCH}, {@code DNS_NS_INCONSISTENT}</td><td>no</td><td>records are
 *     cached for their TTL (RFC 1035 §3.2.1, RFC 2181 §8), and secondaries catch up on the SOA
 *     refresh timer or a NOTIFY (RFC 1996), not within seconds</td></tr>
 *   <tr><td>{@code TARGET_FORBIDDEN}</td><td>no</td><td>the address is refused by the check's own
 *     rule; nothing was sent</td></tr>
 *   <tr><td>{@code CONNECT_REFUSED}, {@code CONNECT_TIMEOUT}, {@code CONNECTION_RESET}</td>
 *     <td>yes</td><td>a server restarting, a lost SYN or a dropped connection is transient, and a
 *     GET is idempotent, so it may be sent again after a connection failure (RFC 9110 §9.2.2)</td>
 *     </tr>
 *   <tr><td>{@code PROBE_ERROR}</td><td>yes</td><td>an unclassified failure to fetch may be
 *     transient; a GET may be repeated (RFC 9110 §9.2.2)</td></tr>
 *   <tr><td>{@code TLS_INVALID}, {@code TLS_EXPIRING}</td><td>no</td><td>certificate path
 *     validation (RFC 5280 §6) and name matching (RFC 6125 §6) depend on the certificate the server
 *     is configured with and on the trust store, neither of which changes within seconds; a
 *     handshake failure (no shared protocol or cipher, RFC 8446 §6.2) is configuration too</td></tr>
 *   <tr><td>{@code HTTP_500}, {@code HTTP_502}, {@code HTTP_503}, {@code HTTP_504}</td><td>yes</td>
 *     <td>server errors of a temporary condition: an unexpected condition (RFC 9110 §15.6.1), an
 *     invalid response from upstream (§15.6.3), temporary overload or maintenance "likely to be
 *     alleviated after some delay" (§15.6.4), an upstream that did not answer in time
 *     (§15.6.5)</td></tr>
 *   <tr><td>{@code HTTP_520} to {@code HTTP_524}</td><td>yes</td><td>Cloudflare's codes for an
 *     origin that answered badly, refused, timed out or was unreachable: gateway failures like
 *     502/504 (Cloudflare, "Troubleshooting Cloudflare 5XX errors")</td></tr>
 *   <tr><td>{@code HTTP_408}</td><td>yes</td><td>the server timed out waiting for the request and
 *     "the client MAY repeat that request" (RFC 9110 §15.5.9)</td></tr>
 *   <tr><td>other {@code HTTP_<status>}</td><td>no</td><td>a client error (4xx) means the request
 *     itself is refused (RFC 9110 §15.5), 429 asks the client to slow down (RFC 6585 §4), a 1xx,
 *     2xx or 3xx that was not expected is the server's configured answer (§15.2 to §15.4), and 501,
 *     505 and the other server errors describe what the server does not support (§15.6.2,
 *     §15.6.6)</td></tr>
 *   <tr><td>{@code READ_TIMEOUT}</td><td>yes</td><td>a slow answer may be transient; in practice an
 *     attempt that times out has used the check's whole remaining deadline, so none follows</td>
 *     </tr>
 *   <tr><td>{@code PROTOCOL_ERROR}</td><td>no</td><td>an answer that is not HTTP/1.1 message
 *     framing (RFC 9112 §2) or is over the probe's limits is what that server sends</td></tr>
 *   <tr><td>{@code TOO_MANY_REDIRECTS}</td><td>no</td><td>a redirect loop or chain is the server's
 *     configuration (RFC 9110 §15.4: clients detect loops and stop)</td></tr>
 *   <tr><td>{@code HEADER_MISMATCH}, {@code NOT_CACHEABLE}</td><td>no</td><td>response headers,
 *     Cache-Control among them (RFC 9111 §5.2), are set by the server's configuration</td></tr>
 *   <tr><td>{@code BODY_MISMATCH}, {@code BODY_REJECTED}</td><td>no</td><td>the content served
 *     (a maintenance page, an error page served with 200) is the site's state, switched by an
 *     operator or a deploy, not within seconds</td></tr>
 *   <tr><td>{@code LATENCY_BUDGET}</td><td>yes</td><td>latency varies from one request to the next
 *     (network, load); a retry that passes makes the check DEGRADED, not UP</td></tr>
 *   <tr><td>{@code PROBE_BLOCKED}</td><td>no</td><td>a CDN's bot or rate rules answered 403/429
 *     (RFC 9110 §15.5.4, RFC 6585 §4)</td></tr>
 *   <tr><td>{@code BANNER_MISMATCH}</td><td>no</td><td>the greeting a TCP service sends first
 *     (SMTP's 220 line, RFC 5321 §4.2; SSH's version line, RFC 4253 §4.2) is its
 *     configuration</td></tr>
 *   <tr><td>{@code SOME_ADDRESSES_FAIL}, {@code SOME_REQUESTS_FAIL}</td><td>no</td><td>verdicts
 *     over several addresses or samples, each of which was tried already; sampling is the
 *     repetition</td></tr>
 * </table>
 *
 * <p>A code not in this table is not retried.
 */
public final class RetryPolicy {

  private static final Set<FindingCode> RETRIED =
      Set.of(
          FindingCode.DNS_TIMEOUT,
          FindingCode.CONNECT_REFUSED,
          FindingCode.CONNECT_TIMEOUT,
          FindingCode.CONNECTION_RESET,
          FindingCode.PROBE_ERROR,
          FindingCode.http(408),
          FindingCode.http(500),
          FindingCode.http(502),
          FindingCode.http(503),
          FindingCode.http(504),
          FindingCode.http(520),
          FindingCode.http(521),
          FindingCode.http(522),
          FindingCode.http(523),
          FindingCode.http(524),
          FindingCode.READ_TIMEOUT,
          FindingCode.LATENCY_BUDGET);

  private RetryPolicy() {}

  /**
   * Whether a retry within seconds can change a failure with this finding code (see the table
   * above for each code's reason).
   *
   * @param code a finding code, e.g. {@code HTTP_502}, {@code DNS_NXDOMAIN}
   * @return true when another attempt is worth making
   */
  public static boolean retriable(FindingCode code) {
    return RETRIED.contains(code);
  }

  /**
   * How long the server asked the client to wait before the next request: the {@code Retry-After}
   * header of a 503 or 3xx/429 answer, as delay-seconds or an HTTP-date (RFC 9110 §10.2.3). A
   * retry before then would go against the server's word, and would most likely get the same
   * answer.
   *
   * @param value the header's value, if any
   * @param now the time the answer arrived, for an HTTP-date
   * @return the delay (zero for a date in the past); empty when absent or not valid
   */
  public static Optional<Duration> retryAfter(Optional<String> value, Instant now) {
    if (value.isEmpty()) {
      return Optional.empty();
    }
    String v = value.get().trim();
    if (v.matches("\\d{1,9}")) {
      return Optional.of(Duration.ofSeconds(Long.parseLong(v)));
    }
    // An HTTP-date in any of its three formats: a recipient must accept them all (RFC 9110 §5.6.7).
    return HttpDate.parse(v).map(at -> at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO);
  }
}
