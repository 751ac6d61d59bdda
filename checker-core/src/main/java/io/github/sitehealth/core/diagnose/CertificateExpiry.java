package io.github.sitehealth.core.diagnose;

import io.github.sitehealth.core.http.HttpSnapshot;
import io.github.sitehealth.core.http.TlsPeer;
import io.github.sitehealth.core.net.UrlHost;
import io.github.sitehealth.core.result.Finding;
import io.github.sitehealth.core.result.FindingCode;
import io.github.sitehealth.core.result.Hop;
import io.github.sitehealth.core.spec.EndpointSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The warning for a check that passed over a certificate chain about to expire: the earliest
 * notAfter on the validated chain, from the server's certificate through its intermediates to the
 * trust anchor (an intermediate that expires first breaks the site just as surely as the server's
 * own certificate), within the endpoint's {@code tlsExpiryWarnDays}. Certificates the server sends
 * that are not on that chain, such as an expired cross-signed copy of a root, do not count: no
 * client relies on them (RFC 5280 §6.1, RFC 4158 on path building).
 */
public final class CertificateExpiry {

  public static final FindingCode CODE = FindingCode.TLS_EXPIRING;

  private CertificateExpiry() {}

  /** TLS_EXPIRING when the chain {@code response} came over expires within the window. */
  public static Optional<Finding> check(EndpointSpec spec, HttpSnapshot response, Instant now) {
    if (spec.tlsExpiryWarnDays() <= 0 || response.tls().isEmpty()) {
      return Optional.empty();
    }
    TlsPeer tls = response.tls().get();
    Duration left = Duration.between(now, tls.earliestNotAfter());
    if (left.compareTo(Duration.ofDays(spec.tlsExpiryWarnDays())) > 0) {
      return Optional.empty();
    }
    String host = UrlHost.of(response.uri()).map(UrlHost::host).orElse(String.valueOf(response.uri()));
    String chain = tls.validated() ? "the validated chain of " + host : "the chain " + host + " presents";
    String which = tls.position() == 0
        ? "The certificate of " + host + " (" + tls.subject() + ")"
        : "A certificate in " + chain + " (" + tls.subject() + ", "
            + (tls.position() + 1) + " of " + tls.chainLength() + ")";
    String summary = which + " expires on " + tls.earliestNotAfter() + ", in " + inWords(left)
        + " (within tlsExpiryWarnDays " + spec.tlsExpiryWarnDays() + "): renew it and deploy the"
        + " new chain before then.";
    List<String> evidence =
        List.of(
            "GET " + response.uri() + " -> " + response.statusLine() + " in "
                + response.totalMs() + " ms",
            "earliest notAfter in " + chain + ": " + tls.earliestNotAfter() + " ("
                + tls.subject() + ", certificate " + (tls.position() + 1) + " of "
                + tls.chainLength() + ")");
    return Optional.of(
        new Finding(CODE, Hop.TLS, summary, Runbooks.link(CODE, Hop.TLS), evidence));
  }

  private static String inWords(Duration left) {
    long days = (left.toHours() + 12) / 24;
    if (days >= 2) {
      return days + " days";
    }
    long hours = Math.max(0, left.toHours());
    return hours + (hours == 1 ? " hour" : " hours");
  }
}
