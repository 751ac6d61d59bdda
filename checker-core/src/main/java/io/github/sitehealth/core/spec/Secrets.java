package io.github.sitehealth.core.spec;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** What counts as secret in a check's request: its sensitive headers and URL credentials. */
public final class Secrets {

  /** Request headers whose values are always secret, whatever {@code <secretHeaders>} says. */
  public static final Set<String> DEFAULT_SECRET_HEADERS =
      Set.of("authorization", "cookie", "proxy-authorization", "x-api-key");

  private Secrets() {}

  /** Whether a request header is sensitive: never logged, never sent to another host. */
  public static boolean isSensitiveHeader(String name, Set<String> secretHeaders) {
    String lower = name.toLowerCase(Locale.ROOT);
    return DEFAULT_SECRET_HEADERS.contains(lower)
        || secretHeaders.stream().anyMatch(h -> h.equalsIgnoreCase(lower));
  }

  /**
   * The Basic Authorization header that credentials in the URL ({@code https://user:pass@host/})
   * stand for, as browsers and curl send them.
   */
  public static Optional<String> basicAuthorization(URI url) {
    return userInfo(url).map(userInfo ->
        "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * The user information of a URL as written ({@code user:pass}, percent-encoded), also when the
   * host is a reg-name with "_": {@link URI#getRawUserInfo()} is null then, though the URL holds
   * credentials (RFC 3986 §3.2.1).
   */
  public static Optional<String> rawUserInfo(URI url) {
    if (url.getRawUserInfo() != null) {
      return Optional.of(url.getRawUserInfo());
    }
    String authority = url.getRawAuthority();
    int at = authority == null ? -1 : authority.lastIndexOf('@');
    return at < 0 ? Optional.empty() : Optional.of(authority.substring(0, at));
  }

  /** {@link #rawUserInfo}, percent-decoded by {@link URI} itself. */
  public static Optional<String> userInfo(URI url) {
    return rawUserInfo(url).map(raw -> {
      try {
        return URI.create("http://" + raw + "@host/").getUserInfo();
      } catch (IllegalArgumentException e) {
        return raw;
      }
    });
  }
}
