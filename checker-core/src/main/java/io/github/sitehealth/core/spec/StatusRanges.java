package io.github.sitehealth.core.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A set of expected HTTP status codes, written as a comma-separated list of codes and inclusive
 * ranges: {@code 200-399} or {@code 200,301-302}.
 */
public final class StatusRanges {

  public static final String DEFAULT_TEXT = "200-399";

  private static final Pattern PART = Pattern.compile("\\s*(\\d{3})\\s*(?:-\\s*(\\d{3})\\s*)?");

  private final String text;
  private final List<int[]> ranges;

  private StatusRanges(String text, List<int[]> ranges) {
    this.text = text;
    this.ranges = ranges;
  }

  /** The default expectation, {@code 200-399}. */
  public static StatusRanges defaults() {
    return parse(DEFAULT_TEXT).orElseThrow();
  }

  /**
   * Parses {@code text}; empty when it is not a list of three-digit codes and ascending ranges
   * within 100-599.
   */
  public static Optional<StatusRanges> parse(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    List<int[]> ranges = new ArrayList<>();
    for (String part : text.split(",", -1)) {
      Matcher m = PART.matcher(part);
      if (!m.matches()) {
        return Optional.empty();
      }
      int low = Integer.parseInt(m.group(1));
      int high = m.group(2) == null ? low : Integer.parseInt(m.group(2));
      if (low < 100 || high > 599 || low > high) {
        return Optional.empty();
      }
      ranges.add(new int[] {low, high});
    }
    return Optional.of(new StatusRanges(text.replaceAll("\\s+", ""), List.copyOf(ranges)));
  }

  public boolean contains(int status) {
    for (int[] range : ranges) {
      if (status >= range[0] && status <= range[1]) {
        return true;
      }
    }
    return false;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StatusRanges other && text.equals(other.text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  /** The normalized text, e.g. {@code 200,301-302}. */
  @Override
  public String toString() {
    return text;
  }
}
