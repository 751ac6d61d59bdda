package io.github.sitehealth.core.report;

/**
 * Results cannot be merged as given: an input is missing, unreadable or corrupt, or the inputs
 * contradict each other (a check in two shards of one vantage). Nothing has been written.
 */
public final class MergeException extends Exception {

  public MergeException(String message) {
    super(message);
  }
}
