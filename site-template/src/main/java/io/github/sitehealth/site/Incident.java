package io.github.sitehealth.site;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One incident report from {@code src/site-health/incidents/*.md}.
 *
 * @param fileName the Markdown file's name
 * @param title from the front matter, else the file name
 * @param status as written: investigating, identified, monitoring, resolved, ...
 * @param started when it started; empty when the front matter has no readable date
 * @param resolved when it was resolved, if it was
 * @param affects the names of the affected checks
 * @param html the rendered and sanitized text
 */
public record Incident(
    String fileName,
    String title,
    String status,
    Optional<Instant> started,
    Optional<Instant> resolved,
    List<String> affects,
    String html) {

  public Incident {
    affects = List.copyOf(affects);
  }

  /** Not resolved yet: no resolved time and a status other than "resolved". */
  public boolean ongoing() {
    return resolved.isEmpty() && !status.toLowerCase(Locale.ROOT).equals("resolved");
  }
}
