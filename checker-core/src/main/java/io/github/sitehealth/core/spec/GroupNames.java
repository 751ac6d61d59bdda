package io.github.sitehealth.core.spec;

import java.text.Normalizer;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * How a group's name reads on the status page. Two names that a reader cannot tell apart there
 * would be two headings that look the same, so they are compared as the page shows them.
 */
public final class GroupNames {

  /** Runs of white space, the no-break spaces among them: the page shows each run as one space. */
  private static final Pattern SPACES = Pattern.compile("[\\s\\p{Zs}]+");

  private GroupNames() {}

  /**
   * The name as a reader reads it: invisible characters (default-ignorable code points such as a
   * zero-width space) removed, composed (Unicode NFC, so "e" and a combining acute accent are
   * "é"), case folded, and each run of white space one space, none at either end. Two names with
   * the same key read the same on the page.
   */
  public static String readsAs(String name) {
    StringBuilder visible = new StringBuilder(name.length());
    name.codePoints().filter(c -> !isDefaultIgnorable(c)).forEach(visible::appendCodePoint);
    String composed = Normalizer.normalize(visible, Normalizer.Form.NFC);
    // Upper then lower case folds what one step does not, e.g. "ß" and "SS".
    String folded = composed.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
    return SPACES.matcher(Normalizer.normalize(folded, Normalizer.Form.NFC)).replaceAll(" ")
        .strip();
  }

  /** Whether the two names read the same on the page. */
  public static boolean readTheSame(String a, String b) {
    return readsAs(a).equals(readsAs(b));
  }

  /**
   * The first bidirectional embedding, override or isolate control in the name (U+202A to
   * U+202E, U+2066 to U+2069): each reorders the text shown after it, so "\u202EPayments"
   * shows as "stnemyaP".
   */
  static OptionalInt bidiControl(String name) {
    return name.codePoints()
        .filter(c -> (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069))
        .findFirst();
  }

  /**
   * Unicode's Default_Ignorable_Code_Point, which a reader does not see: the format characters
   * (a zero-width space, a soft hyphen, the joiners), variation selectors, the combining grapheme
   * joiner, Hangul fillers, and the reserved ranges kept for more of them.
   */
  private static boolean isDefaultIgnorable(int c) {
    return (Character.getType(c) == Character.FORMAT && !isVisibleFormat(c))
        || c == 0x034F || c == 0x115F || c == 0x1160 || c == 0x3164 || c == 0xFFA0
        || (c >= 0x17B4 && c <= 0x17B5) || (c >= 0x180B && c <= 0x180F)
        || (c >= 0xFE00 && c <= 0xFE0F) || (c >= 0xFFF0 && c <= 0xFFF8)
        || (c >= 0xE0000 && c <= 0xE0FFF) || (c >= 0x2065 && c <= 0x2069);
  }

  /**
   * Format characters that show a mark, and so are not default-ignorable: the prepended
   * concatenation marks such as the Arabic number sign.
   */
  private static boolean isVisibleFormat(int c) {
    return (c >= 0x0600 && c <= 0x0605) || c == 0x06DD || c == 0x070F || c == 0x0890
        || c == 0x0891 || c == 0x08E2 || c == 0x110BD || c == 0x110CD;
  }
}
