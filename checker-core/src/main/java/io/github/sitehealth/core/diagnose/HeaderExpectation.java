package io.github.sitehealth.core.diagnose;

import io.github.sitehealth.core.http.HttpSnapshot;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One {@code <expectHeaders>} entry against a response, with the field read as RFC 9110 defines
 * it: the name matched case-insensitively (&sect;5.1), repeated field lines combined into one
 * comma-separated value (&sect;5.3). {@code Set-Cookie} lines stay separate (RFC 6265 &sect;3):
 * the regex must be found in one of them.
 */
final class HeaderExpectation {

  private HeaderExpectation() {}

  /**
   * Why the field does not satisfy the regex, or empty when the regex is found in its value. A
   * missing field never satisfies it; a present but empty one is the value {@code ""}.
   */
  static Optional<String> mismatch(HttpSnapshot response, String name, Pattern regex) {
    if (HttpSnapshot.isSetCookie(name)) {
      List<String> cookies = response.headers(name);
      if (cookies.stream().anyMatch(v -> regex.matcher(v).find())) {
        return Optional.empty();
      }
      String seen = cookies.isEmpty()
          ? "missing"
          : cookies.size() + " lines, none matches: \"" + String.join("\" | \"", cookies) + "\"";
      return Optional.of(describe(name, seen, regex));
    }
    Optional<String> value = response.field(name);
    if (value.isPresent() && regex.matcher(value.get()).find()) {
      return Optional.empty();
    }
    return Optional.of(describe(name, value.map(v -> "\"" + v + "\"").orElse("missing"), regex));
  }

  private static String describe(String name, String seen, Pattern regex) {
    return "header " + name + ": " + seen + " (expected /" + regex.pattern() + "/)";
  }
}
