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
    String userInfo = url.getUserInfo();
    if (userInfo == null) {
      return Optional.empty();
    }
    return Optional.of(
        "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8)));
  }
}
