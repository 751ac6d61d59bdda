package io.github.sitehealth.core.spec;

import java.util.List;
import java.util.stream.Collectors;

/** The configuration cannot be run as written; nothing has been probed. */
public final class InvalidConfigException extends RuntimeException {

  private final List<ConfigProblem> problems;

  public InvalidConfigException(List<ConfigProblem> problems) {
    super(format(problems));
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("an invalid configuration has at least one problem");
    }
    this.problems = List.copyOf(problems);
  }

  public List<ConfigProblem> problems() {
    return problems;
  }

  private static String format(List<ConfigProblem> problems) {
    if (problems.size() == 1) {
      return "Invalid site-health configuration: " + problems.get(0).message();
    }
    return problems.stream()
        .map(p -> "  - " + p.message())
        .collect(Collectors.joining("\n", "Invalid site-health configuration:\n", ""));
  }
}
