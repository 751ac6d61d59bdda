package io.github.sitehealth.core.history;

import java.util.List;

/**
 * What a history file holds.
 *
 * @param entries the runs that could be read, oldest first
 * @param warnings one message per line that could not be read; such lines stay in the file as
 *     they are
 */
public record History(List<HistoryEntry> entries, List<String> warnings) {

  public History {
    entries = List.copyOf(entries);
    warnings = List.copyOf(warnings);
  }

  public static History empty() {
    return new History(List.of(), List.of());
  }
}
