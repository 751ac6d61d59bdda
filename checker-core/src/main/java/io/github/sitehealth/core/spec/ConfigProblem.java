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

  /** The message shown to the user, e.g. {@code <endpoint><url> "htp:/nope" is not ...}. */
  public String message() {
    return element + " \"" + value + "\" " + reason;
  }
}
