package io.github.sitehealth.core.report;

import io.github.sitehealth.core.result.CheckResult;
import io.github.sitehealth.core.result.CheckStatus;
import io.github.sitehealth.core.result.Finding;
import io.github.sitehealth.core.result.RunResult;
import io.github.sitehealth.core.result.Shard;
import io.github.sitehealth.core.result.VantageResult;
import io.github.sitehealth.core.spec.ConfigProblem;
import io.github.sitehealth.core.spec.GroupNames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Combines the {@code results.json} of several runs into one: the shards of a run split over a CI
 * matrix, and the same checks run from several vantages (regions).
 *
 * <ul>
 *   <li>Shards: the checks of the inputs of one vantage are concatenated, in the order of the
 *       inputs. A check in two inputs of one vantage is an error naming both.
 *   <li>Vantages: a check seen from several vantages is one check. It is DOWN when at least
 *       {@code quorum} vantages see it DOWN (at most as many as saw it at all); seen DOWN from
 *       fewer, it is DEGRADED with the failing vantage's code and hop and a summary that says
 *       where it fails ("DOWN from eu-west only (us-east, ap-south: UP), below the quorum of 2");
 *       else it has the worst status seen. Its {@link CheckResult#vantages} list each vantage's
 *       observation, and so does the finding's evidence.
 * </ul>
 *
 * <p>Inputs with a vantage and inputs without cannot be merged together; inputs without any are
 * shards of one place, and their checks stay as they were.
 */
public final class Merge {

  /** One run to merge: the directory its {@code results.json} came from, and the run. */
  public record Input(Path directory, RunResult run) {}

  /**
   * The merged run, the vantages merged (in input order; empty when the inputs have none), and
   * what is worth a warning: a share of a vantage missing from the inputs, a check not seen from
   * every vantage, a quorum above the number of vantages.
   */
  public record Outcome(RunResult run, List<String> vantages, List<String> warnings) {
    public Outcome {
      vantages = List.copyOf(vantages);
      warnings = List.copyOf(warnings);
    }
  }

  /** Checks named at most in a warning about checks not seen from every vantage. */
  private static final int LISTED = 10;

  private Merge() {}

  /**
   * Reads the {@code results.json} of each directory, validated as {@code site} reads it. Every
   * problem is collected before failing, each naming its directory.
   *
   * @param directories the output directories of the runs, in the order to merge them
   * @throws MergeException when a directory is missing, has no {@code results.json}, or its file
   *     is not valid (the message names the file and the JSON path of the bad field)
   */
  public static List<Input> read(List<Path> directories) throws MergeException {
    if (directories.isEmpty()) {
      throw new MergeException("<mergeInputs> is empty: name the output directories to merge,"
          + " e.g. -Dsite-health.mergeInputs=results/eu-west-1,results/us-east-1");
    }
    List<Input> inputs = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    ResultsJson json = new ResultsJson();
    for (Path dir : directories) {
      if (!Files.isDirectory(dir)) {
        problems.add("<mergeInputs> " + quote(dir) + " is not a directory");
        continue;
      }
      Path file = dir.resolve(ResultsJson.FILE_NAME);
      try {
        inputs.add(new Input(dir, json.read(file)));
      } catch (NoSuchFileException e) {
        problems.add("<mergeInputs> " + quote(dir) + " has no " + ResultsJson.FILE_NAME);
      } catch (IOException e) {
        problems.add("<mergeInputs> " + quote(dir) + ": " + e.getMessage());
      }
    }
    if (!problems.isEmpty()) {
      throw new MergeException(problems.size() == 1 ? problems.get(0)
          : "cannot merge:\n  - " + String.join("\n  - ", problems));
    }
    return inputs;
  }

  /**
   * Merges the runs.
   *
   * @param inputs the runs, in the order given
   * @param quorum vantages that must see a check DOWN for it to be DOWN, at least 1
   * @throws MergeException when there is no input, the quorum is below 1, some inputs have a
   *     vantage and others not, a check is in two inputs of one vantage, or the inputs of one
   *     vantage are shares of different splits
   */
  public static Outcome merge(List<Input> inputs, int quorum) throws MergeException {
    if (inputs.isEmpty()) {
      throw new MergeException("<mergeInputs> is empty: nothing to merge");
    }
    if (quorum < 1) {
      throw new MergeException("<quorum> " + quote(quorum) + " must be at least 1");
    }
    groupSpellings(inputs);
    List<String> warnings = new ArrayList<>();
    Map<String, Map<String, CheckResult>> byVantage = byVantage(inputs, warnings);
    boolean named = inputs.get(0).run().vantage().isPresent();
    if (named && byVantage.size() > 1 && quorum > byVantage.size()) {
      warnings.add("<quorum> " + quorum + " is more than the " + byVantage.size()
          + " vantages merged: a check is DOWN when every vantage that ran it sees it DOWN");
    }
    Map<String, List<VantageCheck>> byCheck = new LinkedHashMap<>();
    byVantage.forEach((vantage, checks) -> checks.forEach((name, check) ->
        byCheck.computeIfAbsent(name, n -> new ArrayList<>()).add(new VantageCheck(vantage, check))));
    List<CheckResult> checks = new ArrayList<>();
    List<String> partlySeen = new ArrayList<>();
    for (List<VantageCheck> seen : byCheck.values()) {
      if (!named) {
        checks.add(seen.get(0).check());
      } else {
        checks.add(verdict(seen, quorum, byVantage.size() > 1));
        if (seen.size() < byVantage.size()) {
          partlySeen.add(seen.get(0).check().name());
        }
      }
    }
    if (!partlySeen.isEmpty()) {
      warnings.add(partlySeen.size() + " check" + (partlySeen.size() == 1 ? " was" : "s were")
          + " not run from every vantage: " + String.join(", ", partlySeen.stream().limit(LISTED)
              .toList()) + (partlySeen.size() > LISTED ? ", ..." : ""));
    }
    Instant start = inputs.stream().map(i -> i.run().startedAt()).min(Instant::compareTo)
        .orElseThrow();
    long end = inputs.stream()
        .mapToLong(i -> i.run().startedAt().toEpochMilli() + i.run().durationMs()).max()
        .orElseThrow();
    Optional<String> vantage = named && byVantage.size() == 1
        ? Optional.of(byVantage.keySet().iterator().next()) : Optional.empty();
    return new Outcome(
        new RunResult(start, Math.max(0, end - start.toEpochMilli()), checks, vantage,
            Optional.empty()),
        named ? List.copyOf(byVantage.keySet()) : List.of(),
        warnings);
  }

  private record VantageCheck(String vantage, CheckResult check) {}

  /**
   * Fails when two inputs spell one group differently in a way the page shows alike ("Checkout"
   * and "checkout"), as a run's own configuration may not: the merged page would show two
   * headings that look the same.
   */
  private static void groupSpellings(List<Input> inputs) throws MergeException {
    Map<String, GroupSpelling> first = new HashMap<>();
    for (Input input : inputs) {
      for (CheckResult check : input.run().checks()) {
        if (check.group().isEmpty()) {
          continue;
        }
        GroupSpelling here = new GroupSpelling(check.group().get(), check.name(), input.directory());
        GroupSpelling earlier = first.putIfAbsent(GroupNames.readsAs(here.group()), here);
        if (earlier != null && !earlier.group().equals(here.group())) {
          throw new MergeException("group " + here + " and " + earlier
              + " read the same on the page: write one spelling in the configuration of both");
        }
      }
    }
  }

  private record GroupSpelling(String group, String check, Path directory) {
    @Override
    public String toString() {
      return quote(group) + " (check " + quote(check) + " in " + quote(directory) + ")";
    }
  }

  /**
   * The checks of each vantage by name, in input order; the key of inputs without a vantage is
   * the empty string.
   */
  private static Map<String, Map<String, CheckResult>> byVantage(
      List<Input> inputs, List<String> warnings) throws MergeException {
    Optional<Input> unnamed = inputs.stream().filter(i -> i.run().vantage().isEmpty()).findFirst();
    Optional<Input> named = inputs.stream().filter(i -> i.run().vantage().isPresent()).findFirst();
    if (unnamed.isPresent() && named.isPresent()) {
      throw new MergeException("<mergeInputs> " + quote(unnamed.get().directory()) + " has no"
          + " vantage while " + quote(named.get().directory()) + " is from "
          + named.get().run().vantage().get()
          + ": give every run a <vantage> (-Dsite-health.vantage=...), or none");
    }
    Map<String, Map<String, CheckResult>> byVantage = new LinkedHashMap<>();
    Map<String, Path> from = new LinkedHashMap<>();
    Map<String, List<Input>> inputsOf = new LinkedHashMap<>();
    for (Input input : inputs) {
      String vantage = input.run().vantage().orElse("");
      inputsOf.computeIfAbsent(vantage, v -> new ArrayList<>()).add(input);
      Map<String, CheckResult> checks = byVantage.computeIfAbsent(vantage, v -> new LinkedHashMap<>());
      for (CheckResult check : input.run().checks()) {
        String key = vantage + "\n" + check.name();
        Path earlier = from.putIfAbsent(key, input.directory());
        if (earlier != null) {
          throw new MergeException("check " + quote(check.name()) + " is in both "
              + quote(earlier) + " and " + quote(input.directory())
              + (vantage.isEmpty() ? "" : " (vantage " + vantage + ")")
              + ": a check belongs to one shard of a run; merge each shard once");
        }
        checks.put(check.name(), check);
      }
    }
    for (Map.Entry<String, List<Input>> e : inputsOf.entrySet()) {
      missingShares(e.getKey(), e.getValue(), warnings);
    }
    return byVantage;
  }

  /** Warns of shares of a vantage that are not among the inputs; fails on mixed splits. */
  private static void missingShares(String vantage, List<Input> inputs, List<String> warnings)
      throws MergeException {
    List<Input> sharded = inputs.stream().filter(i -> i.run().shard().isPresent()).toList();
    if (sharded.isEmpty()) {
      return;
    }
    String where = vantage.isEmpty() ? "" : " of vantage " + vantage;
    Set<Integer> counts = sharded.stream().map(i -> i.run().shard().get().count())
        .collect(Collectors.toCollection(TreeSet::new));
    if (counts.size() > 1) {
      throw new MergeException("the inputs" + where + " are shares of different splits ("
          + sharded.stream().map(i -> i.run().shard().get() + " in " + quote(i.directory()))
              .collect(Collectors.joining(", "))
          + "): a check's share depends on N, so checks would be missed or counted twice");
    }
    int count = counts.iterator().next();
    Set<Integer> present = sharded.stream().map(i -> i.run().shard().get().index())
        .collect(Collectors.toSet());
    List<String> missing = new ArrayList<>();
    for (int k = 1; k <= count; k++) {
      if (!present.contains(k)) {
        missing.add(new Shard(k, count).toString());
      }
    }
    if (!missing.isEmpty()) {
      warnings.add("shard" + (missing.size() == 1 ? " " : "s ") + String.join(", ", missing) + where
          + " " + (missing.size() == 1 ? "is" : "are") + " not among the inputs: "
          + (missing.size() == 1 ? "its" : "their") + " checks are missing from the merge");
    }
  }

  /** One check as the vantages saw it, under the quorum rule. */
  private static CheckResult verdict(List<VantageCheck> seen, int quorum, boolean severalVantages) {
    List<VantageResult> views =
        seen.stream().map(s -> VantageResult.of(s.vantage(), s.check())).toList();
    long down = count(seen, CheckStatus.DOWN);
    long needed = Math.min(quorum, seen.size());
    CheckStatus status = down >= needed ? CheckStatus.DOWN
        : down > 0 || count(seen, CheckStatus.DEGRADED) > 0 ? CheckStatus.DEGRADED
        : CheckStatus.UP;
    CheckStatus worst = down > 0 ? CheckStatus.DOWN : status;
    VantageCheck chosen = seen.stream().filter(s -> s.check().status() == worst).findFirst()
        .orElseThrow();
    CheckResult check = chosen.check();
    if (!severalVantages) {
      return check.merged(check.status(), check.observed(), check.finding(), views);
    }
    if (status == CheckStatus.UP) {
      return check.merged(status, check.observed(), Optional.empty(), views);
    }
    String where = where(seen, worst, down > 0 && down < needed, needed);
    Optional<Finding> finding = check.finding().map(f -> {
      List<String> evidence = new ArrayList<>();
      views.forEach(v -> evidence.add(v.line()));
      evidence.addAll(f.evidence());
      return new Finding(f.code(), f.hop(), where + ": " + f.summary(), f.runbook(), evidence,
          f.originProbed());
    });
    return check.merged(status, chosen.vantage() + ": " + check.observed(), finding, views);
  }

  /**
   * {@code DOWN from eu-west only (us-east, ap-south: UP), below the quorum of 2}, {@code DOWN
   * from eu-west, us-east (ap-south: UP)}, {@code DEGRADED from every vantage (eu-west, us-east)}.
   */
  private static String where(
      List<VantageCheck> seen, CheckStatus status, boolean belowQuorum, long needed) {
    List<String> there = seen.stream().filter(s -> s.check().status() == status)
        .map(VantageCheck::vantage).toList();
    if (there.size() == seen.size()) {
      return status + " from every vantage (" + String.join(", ", there) + ")";
    }
    List<String> others = new ArrayList<>();
    for (CheckStatus other : CheckStatus.values()) {
      List<String> names = seen.stream()
          .filter(s -> s.check().status() == other && other != status)
          .map(VantageCheck::vantage).toList();
      if (!names.isEmpty()) {
        others.add(String.join(", ", names) + ": " + other);
      }
    }
    return status + " from " + String.join(", ", there) + (belowQuorum ? " only" : "")
        + " (" + String.join("; ", others) + ")"
        + (belowQuorum ? ", below the quorum of " + needed : "");
  }

  private static long count(List<VantageCheck> seen, CheckStatus status) {
    return seen.stream().filter(s -> s.check().status() == status).count();
  }

  /** A path, a name or a number in quotes, as every configuration message quotes a value. */
  private static String quote(Object value) {
    return ConfigProblem.quote(String.valueOf(value));
  }
}
