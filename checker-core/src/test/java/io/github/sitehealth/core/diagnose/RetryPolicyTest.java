package io.github.sitehealth.core.diagnose;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sitehealth.core.result.FindingCode;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every finding code of the README's table, with the decision its RFC gives. */
class RetryPolicyTest {

  @ParameterizedTest
  @CsvSource({
    "DNS_NXDOMAIN, false", // RFC 2308 §5: cached for the negative TTL
    "DNS_NODATA, false",
    "DNS_DANGLING_CNAME, false",
    "DNS_SERVFAIL, false", // RFC 9520 §3.2: cached at least 1 s
    "DNS_TIMEOUT, true", // RFC 1035 §4.2.1: datagrams get lost
    "DNS_MISMATCH, false",
    "DNS_NS_INCONSISTENT, false",
    "TARGET_FORBIDDEN, false",
    "CONNECT_REFUSED, true", // RFC 9110 §9.2.2: GET is idempotent
    "CONNECT_TIMEOUT, true",
    "CONNECTION_RESET, true",
    "PROBE_ERROR, true",
    "TLS_INVALID, false", // RFC 5280 §6
    "TLS_EXPIRING, false",
    "HTTP_500, true", // RFC 9110 §15.6.1
    "HTTP_502, true", // §15.6.3
    "HTTP_503, true", // §15.6.4
    "HTTP_504, true", // §15.6.5
    "HTTP_522, true", // Cloudflare: origin connection timed out
    "HTTP_408, true", // §15.5.9: the client MAY repeat the request
    "HTTP_400, false", // §15.5
    "HTTP_403, false",
    "HTTP_404, false",
    "HTTP_429, false", // RFC 6585 §4
    "HTTP_501, false", // §15.6.2
    "HTTP_505, false", // §15.6.6
    "HTTP_301, false", // §15.4
    "HTTP_200, false",
    "READ_TIMEOUT, true",
    "PROTOCOL_ERROR, false", // RFC 9112 §2
    "TOO_MANY_REDIRECTS, false", // RFC 9110 §15.4
    "HEADER_MISMATCH, false",
    "NOT_CACHEABLE, false", // RFC 9111 §5.2
    "LATENCY_BUDGET, true",
    "PROBE_BLOCKED, false",
    "BODY_MISMATCH, false",
    "BODY_REJECTED, false",
    "BANNER_MISMATCH, false", // RFC 5321 §4.2, RFC 4253 §4.2: the service's configured greeting
    "SOME_ADDRESSES_FAIL, false",
    "SOME_REQUESTS_FAIL, false",
  })
  void eachCodeHasItsDecision(String code, boolean retried) {
    assertThat(RetryPolicy.retriable(FindingCode.of(code))).isEqualTo(retried);
  }

  @org.junit.jupiter.api.Test
  void everyKnownCodeIsInTheTableAbove() throws Exception {
    var rows = new java.util.HashSet<String>();
    for (String row : RetryPolicyTest.class.getDeclaredMethod("eachCodeHasItsDecision", String.class,
        boolean.class).getAnnotation(CsvSource.class).value()) {
      rows.add(row.substring(0, row.indexOf(',')));
    }
    assertThat(rows).containsAll(FindingCode.known().keySet());
  }

  @ParameterizedTest
  @ValueSource(strings = {"120", " 120 "})
  void retryAfterInDelaySeconds(String value) {
    assertThat(RetryPolicy.retryAfter(Optional.of(value), Instant.now()))
        .contains(Duration.ofSeconds(120));
  }

  @ParameterizedTest
  @CsvSource({
    // RFC 9110 §10.2.3's own example date, 3 s after "now"
    "'Fri, 31 Dec 1999 23:59:59 GMT', 1999-12-31T23:59:56Z, 3",
    // a date already past: no wait
    "'Fri, 31 Dec 1999 23:59:59 GMT', 2000-01-01T00:00:00Z, 0",
    // the obsolete RFC 850 and asctime formats, which a recipient must accept too (§5.6.7)
    "'Friday, 31-Dec-99 23:59:59 GMT', 1999-12-31T23:59:56Z, 3",
    "'Fri Dec 31 23:59:59 1999', 1999-12-31T23:59:56Z, 3",
  })
  void retryAfterAsAnHttpDate(String value, String now, long seconds) {
    assertThat(RetryPolicy.retryAfter(Optional.of(value), Instant.parse(now)))
        .contains(Duration.ofSeconds(seconds));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "soon", "-1", "1.5"})
  void anInvalidRetryAfterIsIgnored(String value) {
    assertThat(RetryPolicy.retryAfter(Optional.of(value), Instant.now())).isEmpty();
  }
}
