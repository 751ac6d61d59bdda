package io.github.sitehealth.core.diagnose;

import io.github.sitehealth.core.http.HttpSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Which CDN or proxy produced a response, from its headers (and error-page bodies where they are
 * reliable), with the headers that show it.
 *
 * @param vendor the product, e.g. {@code Cloudflare}, {@code Varnish}
 * @param cdn whether it is a CDN (with bot protection that may block probes), not a plain proxy
 * @param evidence the header lines that identified it
 */
public record EdgeFingerprint(String vendor, boolean cdn, List<String> evidence) {

  public EdgeFingerprint {
    evidence = List.copyOf(evidence);
  }

  private record Signature(String vendor, boolean cdn, Function<HttpSnapshot, List<String>> match) {}

  /** Tried in order; the first whose match is non-empty names the vendor. */
  private static final List<Signature> SIGNATURES =
      List.of(
          new Signature("Cloudflare", true, r -> any(r,
              header(r, "cf-ray", null), header(r, "server", "cloudflare"))),
          new Signature("Amazon CloudFront", true, r -> any(r,
              header(r, "x-amz-cf-id", null), header(r, "x-amz-cf-pop", null),
              header(r, "via", "cloudfront"), header(r, "x-cache", "cloudfront"))),
          new Signature("Fastly", true, r -> any(r,
              header(r, "x-fastly-request-id", null), header(r, "x-served-by", "cache-"))),
          new Signature("Akamai", true, r -> any(r,
              header(r, "server", "akamaighost"), header(r, "x-akamai-request-id", null),
              header(r, "akamai-grn", null))),
          new Signature("Azure Front Door", true, r -> any(r, header(r, "x-azure-ref", null))),
          new Signature("Google Cloud CDN / load balancer", true, r -> any(r,
              header(r, "via", "1.1 google"))),
          new Signature("Varnish", false, r -> any(r,
              header(r, "x-varnish", null), header(r, "via", "varnish"))),
          new Signature("HAProxy", false, r -> any(r,
              header(r, "server", "haproxy"),
              isHaproxyErrorPage(r) ? List.of("body: HAProxy error page") : List.of())),
          new Signature("nginx", false, r -> any(r,
              header(r, "server", "nginx"),
              r.bodyText().contains("<hr><center>nginx") ? List.of("body: nginx error page") : List.of())),
          new Signature("Apache httpd", false, r -> any(r, header(r, "server", "apache"))));

  /** The first vendor whose signature the response carries. */
  public static Optional<EdgeFingerprint> of(HttpSnapshot response) {
    for (Signature s : SIGNATURES) {
      List<String> seen = s.match().apply(response);
      if (!seen.isEmpty()) {
        return Optional.of(new EdgeFingerprint(s.vendor(), s.cdn(), seen));
      }
    }
    return Optional.empty();
  }

  /** HAProxy's built-in error pages: no Server header, a fixed one-line explanation. */
  private static final List<String> HAPROXY_ERROR_TEXTS =
      List.of(
          "The server returned an invalid or incomplete response.",
          "No server is available to handle this request.",
          "The server didn't respond in time.");

  private static boolean isHaproxyErrorPage(HttpSnapshot r) {
    String body = r.bodyText();
    return r.status() >= 500
        && body.startsWith("<html><body><h1>")
        && HAPROXY_ERROR_TEXTS.stream().anyMatch(body::contains);
  }

  @SafeVarargs
  private static List<String> any(HttpSnapshot r, List<String>... matches) {
    List<String> all = new ArrayList<>();
    for (List<String> m : matches) {
      all.addAll(m);
    }
    return all;
  }

  /**
   * {@code name: value} when the field is present (and its value contains {@code needle}, if
   * given); the value is the field's combined value (RFC 9110 &sect;5.3), so a {@code Via} split
   * over two lines is one evidence line.
   */
  private static List<String> header(HttpSnapshot r, String name, String needle) {
    return r.field(name)
        .filter(value -> needle == null || value.toLowerCase(Locale.ROOT).contains(needle))
        .map(value -> List.of(name + ": " + value))
        .orElse(List.of());
  }
}
