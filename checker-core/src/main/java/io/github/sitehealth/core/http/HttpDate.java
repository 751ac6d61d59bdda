package io.github.sitehealth.core.http;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Locale;
import java.util.Optional;

/**
 * HTTP-date values ({@code Date}, {@code Expires}, {@code Last-Modified}) as RFC 9110 &sect;5.6.7
 * requires a recipient to read them: the preferred IMF-fixdate and the two obsolete formats
 * (RFC 850 and ANSI C asctime).
 */
public final class HttpDate {

  /** {@code Sun, 06 Nov 1994 08:49:37 GMT}. */
  private static final DateTimeFormatter IMF_FIXDATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
          .withZone(ZoneOffset.UTC);

  /**
   * {@code Sunday, 06-Nov-94 08:49:37 GMT}: a two-digit year more than 50 years in the future is
   * read as the most recent past year with those digits (RFC 9110 &sect;5.6.7).
   */
  private static final DateTimeFormatter RFC_850 =
      new DateTimeFormatterBuilder()
          .appendPattern("EEEE, dd-MMM-")
          .appendValueReduced(ChronoField.YEAR, 2, 2, LocalDate.now(ZoneOffset.UTC).minusYears(49))
          .appendPattern(" HH:mm:ss 'GMT'")
          .toFormatter(Locale.US)
          .withZone(ZoneOffset.UTC);

  /** {@code Sun Nov  6 08:49:37 1994}. */
  private static final DateTimeFormatter ASCTIME =
      DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.US)
          .withZone(ZoneOffset.UTC);

  private HttpDate() {}

  /** The instant, or empty when {@code value} is in none of the three formats. */
  public static Optional<Instant> parse(String value) {
    String v = value.trim();
    for (DateTimeFormatter format : new DateTimeFormatter[] {IMF_FIXDATE, RFC_850, ASCTIME}) {
      try {
        return Optional.of(Instant.from(format.parse(v)));
      } catch (DateTimeParseException e) {
        // not this format: try the next
      }
    }
    return Optional.empty();
  }

  /** {@code instant} as an IMF-fixdate, the format senders must use. */
  public static String format(Instant instant) {
    return IMF_FIXDATE.format(instant);
  }
}
