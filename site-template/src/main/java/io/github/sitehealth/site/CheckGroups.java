package io.github.sitehealth.site;

import io.github.sitehealth.core.result.CheckResult;
import io.github.sitehealth.core.result.CheckStatus;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The checks of a page by their {@code <group>}, as Atlassian Statuspage shows components: each
 * group under its worst status and its counts, groups in the order their first check was
 * configured, the checks without a group last, under {@link #UNGROUPED}.
 */
final class CheckGroups {

  /** The heading of the checks without a group, on a page where other checks have one. */
  static final String UNGROUPED = CheckResult.UNGROUPED;

  /**
   * One group.
   *
   * @param name the group's name, or {@link #UNGROUPED}
   * @param checks its checks, in configuration order
   * @param counts how many of them have each status
   */
  record Group(String name, List<CheckResult> checks, Map<CheckStatus, Integer> counts) {

    /** DOWN when any check is DOWN, else DEGRADED when any is, else UP. */
    CheckStatus worst() {
      return counts.containsKey(CheckStatus.DOWN) ? CheckStatus.DOWN
          : counts.containsKey(CheckStatus.DEGRADED) ? CheckStatus.DEGRADED : CheckStatus.UP;
    }

    /** {@code 3 checks: 1 down, 2 up}, worst first. */
    String summary() {
      List<String> parts = new ArrayList<>();
      for (CheckStatus s : List.of(CheckStatus.DOWN, CheckStatus.DEGRADED, CheckStatus.UP)) {
        Integer n = counts.get(s);
        if (n != null) {
          parts.add(n + " " + s.name().toLowerCase(java.util.Locale.ROOT));
        }
      }
      return checks.size() + (checks.size() == 1 ? " check: " : " checks: ")
          + String.join(", ", parts);
    }
  }

  private CheckGroups() {}

  /**
   * The groups of these checks; empty when none has a group, so that a page without groups
   * stays as it was. Holds references to the checks, no copies.
   */
  static List<Group> of(List<CheckResult> checks) {
    if (checks.stream().allMatch(c -> c.group().isEmpty())) {
      return List.of();
    }
    Map<String, List<CheckResult>> byName = new LinkedHashMap<>();
    List<CheckResult> ungrouped = new ArrayList<>();
    for (CheckResult c : checks) {
      Optional<String> g = c.group();
      if (g.isPresent()) {
        byName.computeIfAbsent(g.get(), k -> new ArrayList<>()).add(c);
      } else {
        ungrouped.add(c);
      }
    }
    List<Group> groups = new ArrayList<>();
    byName.forEach((name, list) -> groups.add(group(name, list)));
    if (!ungrouped.isEmpty()) {
      groups.add(group(UNGROUPED, ungrouped));
    }
    return groups;
  }

  private static Group group(String name, List<CheckResult> checks) {
    Map<CheckStatus, Integer> counts = new EnumMap<>(CheckStatus.class);
    checks.forEach(c -> counts.merge(c.status(), 1, Integer::sum));
    return new Group(name, checks, counts);
  }
}
