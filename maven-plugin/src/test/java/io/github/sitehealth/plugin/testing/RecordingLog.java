package io.github.sitehealth.plugin.testing;

import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.logging.SystemStreamLog;

/** A Mojo's log that keeps every info, warning and error line it is given, in order. */
public final class RecordingLog extends SystemStreamLog {

  private final List<String> lines = new ArrayList<>();

  /** The lines logged so far. */
  public List<String> lines() {
    return List.copyOf(lines);
  }

  /** How often {@code text} stands in the lines logged and in {@code more}, e.g. a failure. */
  public int count(String text, String... more) {
    List<String> all = new ArrayList<>(lines);
    all.addAll(List.of(more));
    return all.stream().mapToInt(line -> line.split(java.util.regex.Pattern.quote(text), -1).length - 1)
        .sum();
  }

  @Override
  public void info(CharSequence content) {
    lines.add(content.toString());
  }

  @Override
  public void warn(CharSequence content) {
    lines.add(content.toString());
  }

  @Override
  public void error(CharSequence content) {
    lines.add(content.toString());
  }
}
