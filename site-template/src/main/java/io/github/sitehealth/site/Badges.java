package io.github.sitehealth.site;

import io.github.sitehealth.core.result.CheckStatus;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Small SVG status badges in the common flat style, for READMEs and dashboards. */
final class Badges {

  static final String DIRECTORY = "badges/";
  static final String OVERALL = "overall";

  /** White text on these has a contrast ratio of at least 4.5. */
  private static final String LABEL_COLOUR = "#555555";

  private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9._-]+");
  private static final Pattern LEADING_DOTS = Pattern.compile("^[.-]+");

  private Badges() {}

  static String overall(OverallStatus status) {
    return svg("status", status.word(), colour(status.cssState()));
  }

  static String check(String name, CheckStatus status) {
    String word = status.name().toLowerCase(Locale.ROOT);
    return svg(name.length() > 60 ? name.substring(0, 59) + "\u2026" : name, word, colour(word));
  }

  private static String colour(String state) {
    return switch (state) {
      case "up" -> "#1a7f37";
      case "degraded" -> "#9a6700";
      case "down" -> "#cf222e";
      default -> "#59636e";
    };
  }

  /**
   * A file name for a check's badge that stays inside the badges directory: only
   * {@code [A-Za-z0-9._-]}, no leading dot, not {@code overall}, and unique among the names
   * already taken (compared without case, for case-insensitive file systems).
   */
  static String fileName(String checkName, Set<String> takenLowerCase) {
    String base = LEADING_DOTS.matcher(UNSAFE.matcher(checkName).replaceAll("-")).replaceAll("");
    if (base.length() > 100) {
      base = base.substring(0, 100);
    }
    if (base.isEmpty()) {
      base = "check";
    }
    String name = base;
    for (int n = 2; name.equalsIgnoreCase(OVERALL) || !takenLowerCase.add(name.toLowerCase(Locale.ROOT)); n++) {
      name = base + "-" + n;
    }
    return name + ".svg";
  }

  static String svg(String label, String message, String colour) {
    int labelWidth = textWidth(label);
    int messageWidth = textWidth(message);
    int width = labelWidth + messageWidth;
    String title = escape(label + ": " + message);
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + width + "\" height=\"20\""
        + " role=\"img\" aria-label=\"" + title + "\">"
        + "<title>" + title + "</title>"
        + "<linearGradient id=\"s\" x2=\"0\" y2=\"100%\"><stop offset=\"0\" stop-color=\"#bbb\""
        + " stop-opacity=\".1\"/><stop offset=\"1\" stop-opacity=\".1\"/></linearGradient>"
        + "<clipPath id=\"r\"><rect width=\"" + width + "\" height=\"20\" rx=\"3\" fill=\"#fff\"/></clipPath>"
        + "<g clip-path=\"url(#r)\">"
        + "<rect width=\"" + labelWidth + "\" height=\"20\" fill=\"" + LABEL_COLOUR + "\"/>"
        + "<rect x=\"" + labelWidth + "\" width=\"" + messageWidth + "\" height=\"20\" fill=\"" + colour + "\"/>"
        + "<rect width=\"" + width + "\" height=\"20\" fill=\"url(#s)\"/></g>"
        + "<g fill=\"#fff\" text-anchor=\"middle\" font-family=\"Verdana,Geneva,DejaVu Sans,sans-serif\""
        + " font-size=\"11\">"
        + "<text x=\"" + labelWidth / 2.0 + "\" y=\"14\">" + escape(label) + "</text>"
        + "<text x=\"" + (labelWidth + messageWidth / 2.0) + "\" y=\"14\">" + escape(message) + "</text>"
        + "</g></svg>\n";
  }

  /** Roughly the width of the text in 11px Verdana, with padding: generous rather than clipped. */
  private static int textWidth(String text) {
    return 10 + (int) Math.ceil(text.codePointCount(0, text.length()) * 7.2);
  }

  /** XML escaping for text and attribute values; control characters XML forbids are dropped. */
  static String escape(String text) {
    StringBuilder sb = new StringBuilder(text.length());
    text.codePoints().forEach(cp -> {
      switch (cp) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&apos;");
        default -> {
          if (cp >= 0x20 && cp != 0xFFFE && cp != 0xFFFF && !(cp >= 0xD800 && cp <= 0xDFFF)) {
            sb.appendCodePoint(cp);
          } else if (cp == '\t' || cp == '\n' || cp == '\r') {
            sb.append(' ');
          }
        }
      }
    });
    return sb.toString();
  }
}
