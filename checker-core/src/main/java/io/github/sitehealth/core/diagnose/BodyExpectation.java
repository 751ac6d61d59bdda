package io.github.sitehealth.core.diagnose;

import io.github.sitehealth.core.http.BodyText;
import io.github.sitehealth.core.http.HttpSnapshot;
import io.github.sitehealth.core.result.FindingCode;
import io.github.sitehealth.core.spec.EndpointSpec;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code <rejectBody>} and {@code <expectBody>} against a response's body, decoded as {@link
 * BodyText} decodes it. A 200 "down for maintenance" page is the case they exist for: its status
 * and headers pass, only its words tell.
 *
 * <p>{@code <rejectBody>} is checked first: text that must not be there is the more precise
 * evidence. The detail quotes a short, escaped excerpt (around the match, or the body's start),
 * never the whole body.
 */
final class BodyExpectation {

  /** Characters of context shown either side of a match, and of a body's start. */
  static final int CONTEXT_CHARS = 60;

  /** The finding code when {@code <expectBody>} is not found. */
  static final FindingCode MISMATCH = FindingCode.BODY_MISMATCH;

  /** The finding code when {@code <rejectBody>} is found. */
  static final FindingCode REJECTED = FindingCode.BODY_REJECTED;

  /** A failed body expectation: its code and the detail that quotes the body. */
  record Miss(FindingCode code, String detail) {}

  private BodyExpectation() {}

  /** The first body expectation that fails, or empty when they hold (or none is configured). */
  static Optional<Miss> check(EndpointSpec spec, HttpSnapshot response) {
    if (spec.expectBody().isEmpty() && spec.rejectBody().isEmpty()) {
      return Optional.empty();
    }
    BodyText body = BodyText.of(response);
    if (body.problem().isPresent() && body.text().isEmpty()) {
      FindingCode code = spec.rejectBody().isPresent() ? REJECTED : MISMATCH;
      return Optional.of(new Miss(code, "body not checked: " + body.problem().get()));
    }
    String text = body.text();
    if (spec.rejectBody().isPresent()) {
      Pattern reject = spec.rejectBody().get();
      Matcher m = reject.matcher(text);
      if (m.find()) {
        return Optional.of(new Miss(REJECTED, "body contains /" + reject.pattern() + "/ at character "
            + m.start() + ": \"" + excerpt(text, m.start(), m.end()) + "\"" + note(body)));
      }
    }
    if (spec.expectBody().isPresent()) {
      Pattern expect = spec.expectBody().get();
      if (!expect.matcher(text).find()) {
        String where = body.truncated()
            ? " in the first " + text.length() + " characters read (the body was cut there:"
                + " the text may come later)"
            : " in the body (" + text.length() + " characters)";
        return Optional.of(new Miss(MISMATCH, "/" + expect.pattern() + "/ not found" + where
            + "; it begins \"" + excerpt(text, 0, 0) + "\"" + note(body)));
      }
    }
    return Optional.empty();
  }

  private static String note(BodyText body) {
    return body.problem().map(p -> " (" + p + ")").orElse("");
  }

  /** {@code text[start-60, end+60]}, matches longer than 120 characters shortened, escaped. */
  static String excerpt(String text, int start, int end) {
    int from = Math.max(0, start - CONTEXT_CHARS);
    int to = Math.min(text.length(), Math.max(end, start) + CONTEXT_CHARS);
    String middle;
    if (end - start > 2 * CONTEXT_CHARS) {
      middle = text.substring(from, start + CONTEXT_CHARS) + "…" + text.substring(end - CONTEXT_CHARS, to);
    } else {
      middle = text.substring(from, to);
    }
    return (from > 0 ? "…" : "") + escape(middle) + (to < text.length() ? "…" : "");
  }

  /** Quotes, backslashes and control characters escaped, so an excerpt stays one line. */
  static String escape(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (Character.isISOControl(c)) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }
}
