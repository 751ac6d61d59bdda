package io.github.sitehealth.site;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

/** Loads the incident reports of a directory, newest first. */
public final class Incidents {

  /** Where a project keeps its incident reports, relative to its base directory, by convention. */
  public static final String DIRECTORY = "src/site-health/incidents";

  /**
   * The incidents and what was wrong with them.
   *
   * @param incidents newest first by start; those without a readable start last
   * @param warnings one per skipped file or unreadable field
   */
  public record Loaded(List<Incident> incidents, List<String> warnings) {
    public Loaded {
      incidents = List.copyOf(incidents);
      warnings = List.copyOf(warnings);
    }
  }

  /** Newest start first; no start last; then by file name, so the order is stable. */
  static final Comparator<Incident> NEWEST_FIRST =
      Comparator.comparing((Incident i) -> i.started().orElse(Instant.MIN), Comparator.reverseOrder())
          .thenComparing(Incident::fileName);

  private Incidents() {}

  /**
   * @param directory a directory of {@code *.md} files; absent or missing means no incidents
   * @throws IOException when the directory cannot be listed
   */
  public static Loaded load(Optional<Path> directory) throws IOException {
    return load(directory, MarkdownRenderer::new);
  }

  /** @param renderers gives the renderer, asked only when there are incidents to render */
  static Loaded load(Optional<Path> directory, Supplier<MarkdownRenderer> renderers)
      throws IOException {
    List<Incident> incidents = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    if (directory.isEmpty() || !Files.exists(directory.get())) {
      return new Loaded(incidents, warnings);
    }
    if (!Files.isDirectory(directory.get())) {
      warnings.add("incidents " + directory.get() + " is not a directory; ignored");
      return new Loaded(incidents, warnings);
    }
    List<Path> files;
    try (Stream<Path> list = Files.list(directory.get())) {
      files = list.filter(p -> p.getFileName().toString().endsWith(".md"))
          .filter(p -> !p.getFileName().toString().startsWith("."))
          .filter(Files::isRegularFile)
          .sorted()
          .toList();
    }
    MarkdownRenderer renderer = files.isEmpty() ? null : renderers.get();
    for (Path file : files) {
      String markdown;
      try {
        markdown = Files.readString(file, StandardCharsets.UTF_8);
      } catch (CharacterCodingException e) {
        warnings.add("incident " + file + " is not UTF-8 text; skipped");
        continue;
      }
      MarkdownRenderer.Rendered rendered;
      try {
        rendered = renderer.render(markdown, file.getFileName().toString());
      } catch (MarkdownRenderer.BrokenFrontMatter e) {
        throw new IOException("incident " + e.getMessage(), e);
      }
      incidents.add(incident(file, rendered, warnings));
    }
    incidents.sort(NEWEST_FIRST);
    return new Loaded(incidents, warnings);
  }

  private static Incident incident(Path file, MarkdownRenderer.Rendered r, List<String> warnings) {
    String name = file.getFileName().toString();
    FrontMatter fm = r.frontMatter();
    warnings.addAll(r.warnings());
    Optional<Instant> started = time(fm, "started", name, warnings);
    if (fm.first("started").isEmpty()) {
      warnings.add("incident " + name + " has no 'started' date; it is listed last");
    }
    Optional<Instant> resolved = time(fm, "resolved", name, warnings);
    String status = fm.first("status").orElse(resolved.isPresent() ? "resolved" : "investigating");
    List<String> affects = new ArrayList<>();
    for (String value : fm.list("affects")) {
      for (String part : value.split(",")) {
        if (!part.isBlank()) {
          affects.add(part.strip());
        }
      }
    }
    return new Incident(name, fm.first("title").orElse(name.substring(0, name.length() - 3)),
        status, started, resolved, affects, r.html());
  }

  private static Optional<Instant> time(FrontMatter fm, String key, String file, List<String> warnings) {
    Optional<String> value = fm.first(key);
    if (value.isEmpty()) {
      return Optional.empty();
    }
    Optional<Instant> parsed = parseTime(value.get());
    if (parsed.isEmpty()) {
      warnings.add("incident " + file + ": '" + key + "' is not a date (" + value.get()
          + "); write 2025-03-01, 2025-03-01T10:15Z or 2025-03-01 10:15 (UTC)");
    }
    return parsed;
  }

  /** ISO instants, date-times with an offset, date-times taken as UTC, or dates (midnight UTC). */
  static Optional<Instant> parseTime(String value) {
    String v = value.strip();
    try {
      return Optional.of(OffsetDateTime.parse(v).toInstant());
    } catch (DateTimeParseException e) {
      // try the next form
    }
    try {
      return Optional.of(LocalDateTime.parse(v.replace(' ', 'T')).toInstant(ZoneOffset.UTC));
    } catch (DateTimeParseException e) {
      // try the next form
    }
    try {
      return Optional.of(LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
