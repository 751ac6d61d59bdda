package io.github.sitehealth.core.spec;

import java.util.List;

/**
 * One invalid configuration value: the XML element it came from (as the user wrote it in the pom,
 * e.g. {@code <endpoint><url>}), the value, and why it is rejected.
 */
public record ConfigProblem(String element, String value, String reason) {

  /**
   * An element written with nothing in it, e.g. {@code group: " "} in a checks file: a mistake to
   * point out, not a way to leave the element out.
   *
   * @param where the check it belongs to, e.g. {@code  (endpoint "home")}
   */
  static ConfigProblem blank(String element, String value, String where) {
    String last = element.substring(element.lastIndexOf('<'));
    return new ConfigProblem(element, value, "is blank: give it a value, or leave " + last
        + " out" + where);
  }

  /**
   * Whether the text shows nothing: only white space, including the no-break spaces, and
   * invisible format characters such as a zero-width space.
   */
  static boolean isBlank(String text) {
    return text.codePoints().allMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c)
        || Character.getType(c) == Character.FORMAT);
  }

  /**
   * Says where the problems recorded from {@code from} on came from, e.g. {@code (checks.yaml
   * line 12)}, when {@code source} is not null: the entries of a {@code <checksFile>}.
   */
  static void attribute(List<ConfigProblem> problems, int from, String source) {
    if (source == null) {
      return;
    }
    for (int i = from; i < problems.size(); i++) {
      ConfigProblem p = problems.get(i);
      problems.set(i, new ConfigProblem(p.element(), p.value(), p.reason() + " (" + source + ")"));
    }
  }

  /**
   * The message shown to the user, e.g. {@code <endpoint><url> "htp:/nope" is not ...}, with the
   * control characters of the value, and of any value the element or the reason quotes, escaped.
   */
  public String message() {
    return escapeControls(element + " " + quote(value) + " " + reason);
  }

  /**
   * A value as every message shows it: in double quotes, its control characters escaped as by
   * {@link #escapeControls}.
   */
  public static String quote(String value) {
    return "\"" + escapeControls(String.valueOf(value)) + "\"";
  }

  /**
   * The text with each control character written as an escape: {@code \n}, {@code \r}, {@code
   * \t}, or a backslash, {@code u} and four hex digits (a bell is {@code \}{@code u0007}), as are
   * the Unicode line and paragraph separators. A value echoed in a message can then neither
   * split the build log's {@code [ERROR]} line nor hide in it. Nothing else is changed, so a
   * Windows path keeps its single backslashes.
   */
  public static String escapeControls(String text) {
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints().forEach(c -> {
      switch (c) {
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
            out.append(String.format(java.util.Locale.ROOT, "\\u%04x", c));
          } else {
            out.appendCodePoint(c);
          }
        }
      }
    });
    return out.toString();
  }
}
