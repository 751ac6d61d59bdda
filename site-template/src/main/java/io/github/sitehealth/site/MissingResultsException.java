package io.github.sitehealth.site;

import java.io.FileNotFoundException;
import java.nio.file.Path;

/** There is no {@code results.json} to build the site from: the checks have not run. */
public final class MissingResultsException extends FileNotFoundException {

  private final Path directory;

  public MissingResultsException(Path directory) {
    super("no results.json in " + directory + ": run site-health:verify first");
    this.directory = directory;
  }

  /** The directory that was expected to hold {@code results.json}. */
  public Path directory() {
    return directory;
  }
}
