package io.github.sitehealth.core.spec;

/**
 * One invalid configuration value: the XML element it came from (as the user wrote it in the pom,
 * e.g. {@code <endpoint><url>}), the value, and why it is rejected.
 */
public record ConfigProblem(String element, String value, String reason) {

  /** The message shown to the user, e.g. {@code <endpoint><url> "htp:/nope" is not ...}. */
  public String message() {
    return element + " \"" + value + "\" " + reason;
  }
}
