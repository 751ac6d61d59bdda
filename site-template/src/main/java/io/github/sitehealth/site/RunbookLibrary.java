package io.github.sitehealth.site;

import io.github.sitehealth.core.diagnose.Runbooks;
import io.github.sitehealth.core.result.FindingCode;
import io.github.sitehealth.core.result.Hop;
import io.github.sitehealth.core.spec.ConfigProblem;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The runbooks: the default library shipped in this jar, plus the team's own pages.
 *
 * <p>A team page with the same file name as a default page replaces it. The codes a team page
 * lists in its front matter win: findings with those codes link to the team's page. Every other
 * finding links where checker-core's {@link Runbooks} says, which the default library covers.
 */
public final class RunbookLibrary {

  /** Where a project keeps its own runbooks, relative to its base directory, by convention. */
  public static final String TEAM_DIRECTORY = "src/site-health/runbooks";

  /** The default library, in the order the index lists it. */
  static final List<String> DEFAULT_FILES = List.of(
      "502-bad-gateway.md",
      "503-service-unavailable.md",
      "504-gateway-timeout.md",
      "http-errors.md",
      "connection-failures.md",
      "partial-failures.md",
      "tls.md",
      "dns.md",
      "expectations.md");

  /** Team file names that are safe as output names: no directories, no leading dot. */
  private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*\\.md");

  /** The file whose page would take the search page's name. */
  private static final String SEARCH_SOURCE = SearchPage.FILE_NAME.replace(".html", ".md");

  private final Map<String, Runbook> byPage;
  private final Map<String, String> teamCodes;
  private final Map<String, String> codes;
  private final List<String> warnings;
  private final Map<String, String> prebuiltPages;
  /** The content of the pages rendered here (not prebuilt), as their pages show it. */
  private final Map<Runbook, RunbookPage.Content> contents;

  private RunbookLibrary(
      Map<String, Runbook> byPage, Map<String, String> teamCodes, Map<String, String> codes,
      List<String> warnings, Map<String, String> prebuiltPages,
      Map<Runbook, RunbookPage.Content> contents) {
    this.contents = contents;
    this.byPage = Collections.unmodifiableMap(byPage);
    this.teamCodes = Map.copyOf(teamCodes);
    this.codes = Collections.unmodifiableMap(codes);
    this.warnings = List.copyOf(warnings);
    this.prebuiltPages = Map.copyOf(prebuiltPages);
  }

  /**
   * The finished page as the build wrote it for this library, with the run's time in its footer:
   * a runbook's page or the search page. Only for the default library alone (no team runbooks),
   * when the jar's templates are the ones the pages were written with.
   *
   * @param pageName e.g. {@code dns.html}, {@code search.html}
   */
  Optional<String> prebuiltPage(String pageName, Instant generatedAt) {
    return Optional.ofNullable(prebuiltPages.get(pageName))
        .map(page -> PrebuiltLibrary.at(page, generatedAt));
  }

  /**
   * A runbook's content as its page shows it, for a page of this library rendered when it
   * loaded (not prebuilt).
   */
  Optional<RunbookPage.Content> content(Runbook runbook) {
    return Optional.ofNullable(contents.get(runbook));
  }

  /** Only the default library. */
  public static RunbookLibrary defaults() {
    try {
      return load(Optional.empty());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The default library with the team's pages from the directory, when it exists.
   *
   * @param teamDirectory a directory of {@code *.md} files; absent or missing means none
   * @throws IOException when the directory cannot be listed
   */
  public static RunbookLibrary load(Optional<Path> teamDirectory) throws IOException {
    List<String> warnings = new ArrayList<>();
    List<Source> sources = new ArrayList<>();
    for (String file : DEFAULT_FILES) {
      sources.add(new Source(file, readDefault(file), Runbook.Source.DEFAULT));
    }
    // The default library as the build rendered it, when it was built from these very files.
    Optional<PrebuiltLibrary.Prebuilt> prebuilt = PrebuiltLibrary.read(
        sources.stream().map(Source::markdown).toList());
    for (Path path : teamFiles(teamDirectory, warnings)) {
      try {
        sources.add(new Source(path.getFileName().toString(),
            Files.readString(path, StandardCharsets.UTF_8), Runbook.Source.TEAM));
      } catch (CharacterCodingException e) {
        warnings.add("team runbook " + path + " is not UTF-8 text; skipped");
      }
    }
    int ready = prebuilt.map(p -> p.runbooks().size()).orElse(0);
    // by identity: the very runbooks of this library
    Map<Runbook, RunbookPage.Content> contents = new IdentityHashMap<>();
    List<Runbook> runbooks = new ArrayList<>(prebuilt.map(PrebuiltLibrary.Prebuilt::runbooks)
        .orElse(List.of()));
    // The finished pages hold the sidebar of the default library alone: no team page may differ.
    Map<String, String> pages = prebuilt.isPresent() && sources.size() == DEFAULT_FILES.size()
        ? prebuilt.get().pages() : Map.of();
    // Pages render independently: on every core, each thread with its own renderer. The
    // results keep the sources' order, so pages and warnings come out as if rendered in turn.
    try {
      List<MarkdownRenderer.Rendered> rendered = sources.subList(ready, sources.size())
          .parallelStream()
          .map(s -> RENDERER.get().render(s.markdown(), s.file()))
          .toList();
      for (int i = 0; i < rendered.size(); i++) {
        Source source = sources.get(ready + i);
        Runbook runbook = toRunbook(rendered.get(i), source.file(), source.kind(), warnings);
        runbooks.add(runbook);
        contents.put(runbook, rendered.get(i).content());
        warnings.addAll(Placeholders.unknown(source.markdown(),
            (source.kind() == Runbook.Source.TEAM ? "team" : "default") + " runbook "
                + source.file()));
      }
    } catch (MarkdownRenderer.BrokenFrontMatter e) {
      throw new IOException("team runbook " + e.getMessage(), e);
    }
    Map<String, Runbook> byPage = new LinkedHashMap<>();
    Map<String, String> codes = new TreeMap<>();
    Map<String, String> teamCodes = new TreeMap<>();
    for (Runbook runbook : runbooks) {
      byPage.put(runbook.pageName(), runbook);
      if (runbook.source() == Runbook.Source.DEFAULT) {
        runbook.codes().forEach(code -> codes.putIfAbsent(code, runbook.pageName()));
        continue;
      }
      for (String code : runbook.codes()) {
        if (!isFindingCode(code)) {
          warnings.add("team runbook " + runbook.pageName() + " lists " + ConfigProblem.quote(code)
              + " in codes, which is no finding code"
              + closestCode(code).map(c -> " (did you mean " + c + "?)")
                  .orElse("") + "; see the README's Finding codes, HTTP_5xx stands for a status"
              + " class: no finding links to it by that code");
          continue;
        }
        String earlier = teamCodes.putIfAbsent(code, runbook.pageName());
        if (earlier != null && !earlier.equals(runbook.pageName())) {
          warnings.add("team runbooks " + earlier + " and " + runbook.pageName() + " both list "
              + code + "; findings link to " + earlier);
        }
      }
    }
    codes.putAll(teamCodes);
    checkReplacedPages(byPage, warnings);
    return new RunbookLibrary(byPage, teamCodes, codes, warnings, pages, contents);
  }

  /** Every page, the default library first, then the team's own pages by file name. */
  public List<Runbook> runbooks() {
    return List.copyOf(byPage.values());
  }

  /** The page with this output name, e.g. {@code dns.html}. */
  public Optional<Runbook> page(String pageName) {
    return Optional.ofNullable(byPage.get(pageName));
  }

  /** Code to page name ({@code HTTP_502 -> 502-bad-gateway.html}), the team's codes winning. */
  public Map<String, String> codes() {
    return codes;
  }

  /** Problems found while loading: skipped files, missing sections, clashing codes. */
  public List<String> warnings() {
    return warnings;
  }

  /**
   * The link for a finding, relative to the output directory, e.g. {@code
   * runbooks/502-bad-gateway.html#origin-unreachable}: the team's page when one claims the code (or
   * its status class, {@code HTTP_5xx}), else the default library's section. The one place that
   * decides a finding's runbook; checker-core's {@code RunbookLinks} for every output.
   */
  public String link(FindingCode code, Hop hop) {
    String core = Runbooks.link(code, hop);
    String claimed = teamCodes.get(code.id());
    if (claimed == null && code.httpStatus() > 0) {
      claimed = teamCodes.get("HTTP_" + code.httpStatus() / 100 + "xx");
    }
    if (claimed == null || core.startsWith(Runbooks.DIRECTORY + claimed + "#")) {
      return core;
    }
    // The team's page keeps the section the finding points to when it has one of that id.
    int hash = core.indexOf('#');
    String anchor = hash < 0 ? "" : core.substring(hash + 1);
    boolean hasSection = !anchor.isEmpty() && page(claimed).flatMap(r -> r.section(anchor)).isPresent();
    return Runbooks.DIRECTORY + claimed + (hasSection ? "#" + anchor : "");
  }

  /**
   * The link for a finding whose code is given by id.
   *
   * @throws IllegalArgumentException when the id is not a finding code
   */
  public String link(String code, Hop hop) {
    return link(FindingCode.of(code), hop);
  }

  /** A code of the contract, or a status class such as {@code HTTP_5xx}. */
  /**
   * The known code closest to a misspelt one, by edit distance (insertions, deletions and
   * substitutions), when it is close enough to be a typo: at most a third of its length.
   */
  static Optional<String> closestCode(String code) {
    List<String> candidates = new ArrayList<>(FindingCode.known().keySet());
    candidates.addAll(List.of("HTTP_4xx", "HTTP_5xx"));
    if (code.toUpperCase(java.util.Locale.ROOT).startsWith("HTTP_")) {
      // HTTP_5O2: the digits the author meant, read as far as they are digits
      String digits = code.substring(5).replace('O', '0').replace('o', '0').replace('l', '1');
      if (digits.matches("[1-5]\\d\\d")) {
        candidates.add("HTTP_" + digits);
      }
    }
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : candidates) {
      int d = editDistance(code.toUpperCase(java.util.Locale.ROOT), candidate.toUpperCase(java.util.Locale.ROOT));
      if (d < bestDistance) {
        best = candidate;
        bestDistance = d;
      }
    }
    return bestDistance <= Math.max(1, code.length() / 3) ? Optional.of(best) : Optional.empty();
  }

  static int editDistance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }

  private static boolean isFindingCode(String code) {
    if (code.matches("HTTP_[1-5]xx")) {
      return true;
    }
    try {
      FindingCode.of(code);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** The page a link such as {@code runbooks/dns.html#nxdomain} points to. */
  public Optional<Runbook> pageOf(String link) {
    return page(pageName(link));
  }

  /** The section a link points to, when it has an anchor and the page has that heading. */
  public Optional<Runbook.Section> sectionOf(String link) {
    int hash = link.indexOf('#');
    return hash < 0 ? Optional.empty() : pageOf(link).flatMap(r -> r.section(link.substring(hash + 1)));
  }

  private static String pageName(String link) {
    String path = link.startsWith(Runbooks.DIRECTORY) ? link.substring(Runbooks.DIRECTORY.length()) : link;
    int hash = path.indexOf('#');
    return hash < 0 ? path : path.substring(0, hash);
  }

  /**
   * The default library rendered from its Markdown, for the build to keep ({@link
   * PrebuiltLibrary}).
   *
   * @throws IOException when a default page is missing from the jar
   * @throws IllegalStateException when rendering a default page gives a warning
   */
  static List<Runbook> renderDefaults() throws IOException {
    List<Runbook> runbooks = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    MarkdownRenderer renderer = new MarkdownRenderer();
    for (String file : DEFAULT_FILES) {
      String markdown = readDefault(file);
      runbooks.add(toRunbook(renderer.render(markdown, file), file, Runbook.Source.DEFAULT, warnings));
      warnings.addAll(Placeholders.unknown(markdown, "default runbook " + file));
    }
    if (!warnings.isEmpty()) {
      throw new IllegalStateException("the default runbooks give warnings: " + warnings);
    }
    return runbooks;
  }

  /** The default pages' Markdown, in library order. */
  static List<String> defaultMarkdown() throws IOException {
    List<String> markdown = new ArrayList<>();
    for (String file : DEFAULT_FILES) {
      markdown.add(readDefault(file));
    }
    return markdown;
  }

  /** One page's Markdown, before rendering. */
  private record Source(String file, String markdown, Runbook.Source kind) {}

  /** A renderer per thread: pages render in parallel, and a renderer is built once per thread. */
  private static final ThreadLocal<MarkdownRenderer> RENDERER =
      ThreadLocal.withInitial(MarkdownRenderer::new);

  private static Runbook toRunbook(
      MarkdownRenderer.Rendered r, String file, Runbook.Source source, List<String> warnings) {
    warnings.addAll(r.warnings());
    String title = r.frontMatter().first("title")
        .or(() -> r.sections().stream().filter(s -> s.level() == 1).map(Runbook.Section::title).findFirst())
        .orElse(file.substring(0, file.length() - 3));
    return new Runbook(file, source, title, r.frontMatter().first("summary").orElse(""),
        r.frontMatter().list("codes"), r.sections(), r.html(), r.commands());
  }

  private static String readDefault(String file) throws IOException {
    try (InputStream in = RunbookLibrary.class.getResourceAsStream("runbooks/" + file)) {
      if (in == null) {
        throw new IOException("default runbook " + file + " is missing from the site-template jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static List<Path> teamFiles(Optional<Path> directory, List<String> warnings) throws IOException {
    if (directory.isEmpty() || !Files.exists(directory.get())) {
      return List.of();
    }
    if (!Files.isDirectory(directory.get())) {
      warnings.add("team runbooks " + directory.get() + " is not a directory; ignored");
      return List.of();
    }
    List<Path> files = new ArrayList<>();
    try (Stream<Path> list = Files.list(directory.get())) {
      for (Path path : list.sorted().toList()) {
        String name = path.getFileName().toString();
        if (!name.endsWith(".md") || !Files.isRegularFile(path)) {
          continue;
        }
        if (name.equals(SEARCH_SOURCE)) {
          warnings.add("team runbook " + path + " skipped: runbooks/" + SearchPage.FILE_NAME
              + " is the search page; give the file another name");
          continue;
        }
        if (!FILE_NAME.matcher(name).matches()) {
          warnings.add("team runbook " + path + " skipped: a runbook's file name may only contain"
              + " letters, digits, '.', '_' and '-', and must not start with '.'");
          continue;
        }
        files.add(path);
      }
    }
    return files;
  }

  /** A team page that replaces a default one must keep the sections findings link to. */
  private static void checkReplacedPages(Map<String, Runbook> byPage, List<String> warnings) {
    Map<String, List<String>> missing = new LinkedHashMap<>();
    for (CoreLinks.CoreLink link : CoreLinks.all()) {
      Runbook page = byPage.get(link.pageName());
      if (page != null && page.source() == Runbook.Source.TEAM && link.anchor().isPresent()
          && page.section(link.anchor().get()).isEmpty()) {
        missing.computeIfAbsent(page.fileName() + "#" + link.anchor().get(), k -> new ArrayList<>())
            .add(link.code() + link.hop().map(h -> " (" + h.id() + ")").orElse(""));
      }
    }
    missing.forEach((pageAndAnchor, findings) -> {
      String file = pageAndAnchor.substring(0, pageAndAnchor.indexOf('#'));
      String anchor = pageAndAnchor.substring(pageAndAnchor.indexOf('#') + 1);
      warnings.add("team runbook " + file + " replaces the default page but has no heading with"
          + " the id #" + anchor + ", which " + String.join(", ", findings) + " findings link to;"
          + " end that heading with '{#" + anchor + "}'");
    });
  }
}
