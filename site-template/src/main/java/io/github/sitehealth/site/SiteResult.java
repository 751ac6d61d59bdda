package io.github.sitehealth.site;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@link SiteGenerator#generate} did.
 *
 * @param files every file written, {@code index.html} first
 * @param warnings problems that did not stop the site: unreadable history lines, skipped
 *     runbooks or incidents, missing runbook sections
 */
public record SiteResult(List<Path> files, List<String> warnings) {

  public SiteResult {
    files = List.copyOf(files);
    warnings = List.copyOf(warnings);
  }
}
