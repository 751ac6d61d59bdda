package io.github.sitehealth.core.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Which checker-core package may use which, read from the sources: the layers stay acyclic, and a
 * new dependency is a decision made here, not by accident.
 */
class PackageDependenciesTest {

  private static final Path SOURCES = Path.of("src/main/java/io/github/sitehealth/core");
  private static final Pattern REFERENCE = Pattern.compile("io\\.github\\.sitehealth\\.core\\.(\\w+)\\.");

  /** The allowed uses, bottom layer first. */
  private static final Map<String, Set<String>> ALLOWED =
      Map.ofEntries(
          Map.entry("net", Set.of()),
          Map.entry("result", Set.of()),
          Map.entry("check", Set.of("result")),
          // a run names the share of the checks it runs, as its results record it
          Map.entry("spec", Set.of("check", "net", "result")),
          Map.entry("http", Set.of("net", "spec")),
          Map.entry("report", Set.of("result", "spec")),
          Map.entry("history", Set.of("report", "result")),
          Map.entry("diagnose", Set.of("http", "net", "result", "spec")),
          Map.entry("dns", Set.of("check", "diagnose", "http", "net", "result", "spec")),
          Map.entry("tcp", Set.of("check", "diagnose", "http", "net", "result", "spec")),
          Map.entry("sandbox", Set.of()),
          Map.entry("run", Set.of(
              "check", "diagnose", "dns", "http", "net", "report", "result", "spec", "tcp")));

  @Test
  void packagesOnlyUseTheLayersBelowThem() throws IOException {
    Map<String, Set<String>> actual = new TreeMap<>();
    try (Stream<Path> files = Files.walk(SOURCES)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        String pkg = SOURCES.relativize(file.getParent()).toString().replace('/', '.');
        Matcher m = REFERENCE.matcher(Files.readString(file));
        Set<String> uses = actual.computeIfAbsent(pkg, k -> new TreeSet<>());
        while (m.find()) {
          if (!m.group(1).equals(pkg)) {
            uses.add(m.group(1));
          }
        }
      }
    }

    assertThat(actual.keySet()).isSubsetOf(ALLOWED.keySet());
    actual.forEach(
        (pkg, uses) -> assertThat(uses).as("what %s uses", pkg).isSubsetOf(ALLOWED.get(pkg)));
  }
}
