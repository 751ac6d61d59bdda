package io.github.sitehealth.core.spec;

import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * What is wrong with a URL that {@link java.net.URI} cannot parse, in words a user can act on: the
 * character that is not allowed, where it stands, and its percent-encoding where that is the fix,
 * instead of a bare "is not an absolute URL".
 */
final class MalformedUrl {

  private static final String ILLEGAL = "Illegal character in ";
  /** What RFC 3986 allows in a URI besides letters and digits, '%' included for its escapes. */
  private static final String ALLOWED_MARKS = "-._~!$&'()*+,;=:@/?#[]%";

  private MalformedUrl() {}

  /**
   * Why the URL is refused, e.g. {@code has a character not allowed in a URL at index 20: '"'
   * (percent-encode it as %22)}. The index counts characters (code points) from 1, as an editor's
   * column does; the character is shown with its control characters escaped.
   */
  static String reason(String text, URISyntaxException e) {
    String reason = e.getReason();
    int index = e.getIndex();
    if (reason.startsWith(ILLEGAL) && index >= 0 && index < text.length()) {
      String part = reason.substring(ILLEGAL.length());
      // For the authority, java.net.URI gives where it starts, not where the character is.
      boolean host = part.equals("authority") || part.equals("hostname");
      int at = host && allowed(text.codePointAt(index)) ? firstNotAllowed(text, index) : index;
      if (at >= 0) {
        return notAllowed(text, at, part);
      }
    }
    if (reason.equals("Malformed escape pair") && index >= 0) {
      return "has a '%' not followed by two hex digits at index " + column(text, index)
          + " (write a '%' itself as %25)";
    }
    return "is not an absolute http(s) URL: " + Character.toLowerCase(reason.charAt(0))
        + reason.substring(1) + (index >= 0 ? " at index " + column(text, index) : "");
  }

  private static String notAllowed(String text, int at, String part) {
    int c = text.codePointAt(at);
    String where = " at index " + column(text, at) + ": '"
        + ConfigProblem.escapeControls(Character.toString(c)) + "'";
    if (part.equals("scheme name")) {
      return "has a character not allowed in a URL's scheme" + where;
    }
    int userInfoEnd = text.indexOf('@', at);
    boolean inUserInfo = userInfoEnd >= 0 && userInfoEnd < authorityEnd(text, at);
    if ((part.equals("authority") || part.equals("hostname")) && !inUserInfo) {
      return "has a character not allowed in a URL's host" + where;
    }
    return "has a character not allowed in a URL" + where + " (percent-encode it as "
        + percentEncoded(c) + ")";
  }

  /** The first character from {@code from} on that no URI allows; -1 when there is none. */
  private static int firstNotAllowed(String text, int from) {
    int end = authorityEnd(text, from);
    for (int i = from; i < end; i += Character.charCount(text.codePointAt(i))) {
      if (!allowed(text.codePointAt(i))) {
        return i;
      }
    }
    return -1;
  }

  /** Where the authority that goes on at {@code at} ends: at its path, query or fragment. */
  private static int authorityEnd(String text, int at) {
    int end = text.length();
    for (char c : new char[] {'/', '?', '#'}) {
      int i = text.indexOf(c, at);
      end = i < 0 ? end : Math.min(end, i);
    }
    return end;
  }

  /** Letters, digits and RFC 3986's marks; beyond ASCII, what java.net.URI takes as "other". */
  private static boolean allowed(int c) {
    if (c < 0x80) {
      return Character.isLetterOrDigit(c) || ALLOWED_MARKS.indexOf(c) >= 0;
    }
    return !Character.isISOControl(c) && !Character.isSpaceChar(c);
  }

  /** {@code %22}; a character beyond ASCII as its UTF-8 bytes, {@code %C2%A0}. */
  private static String percentEncoded(int c) {
    StringBuilder out = new StringBuilder();
    for (byte b : Character.toString(c).getBytes(StandardCharsets.UTF_8)) {
      out.append(String.format(Locale.ROOT, "%%%02X", b & 0xff));
    }
    return out.toString();
  }

  private static int column(String text, int index) {
    return text.codePointCount(0, index) + 1;
  }
}
