package io.github.sitehealth.site;

import com.vladsch.flexmark.ext.tables.TablesExtension;
import com.vladsch.flexmark.ext.yaml.front.matter.AbstractYamlFrontMatterVisitor;
import com.vladsch.flexmark.ext.yaml.front.matter.YamlFrontMatterExtension;
import com.vladsch.flexmark.html.HtmlRenderer;
import com.vladsch.flexmark.parser.Parser;
import com.vladsch.flexmark.util.data.MutableDataSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Evaluator;
import org.jsoup.select.QueryParser;

/** Markdown with front matter to sanitized HTML, with stable heading ids. */
final class MarkdownRenderer {

  /** Ids the page templates use; headings never get them. */
  static final Set<String> RESERVED_IDS = Set.of("sh-main", "sh-toc", "sh-checks", "sh-uptime",
      "sh-incidents", "sh-runbooks", "sh-content", "sh-title", "sh-docs", "sh-search", "sh-search-status",
      "sh-search-results");

  private static final Evaluator LINKS = QueryParser.parse("a[href]");

  private static final Evaluator HEADINGS_AND_CODE_BLOCKS =
      QueryParser.parse("h1[id], h2[id], h3[id], h4[id], h5[id], h6[id], pre > code");

  /** A relative link to another Markdown file: {@code dns.md#nxdomain}. */
  private static final Pattern MARKDOWN_LINK = Pattern.compile("^([^:/?#][^:?#]*)\\.md(#.*)?$");

  /**
   * The result of rendering one file.
   *
   * @param frontMatter the front matter; empty when there is none
   * @param html the sanitized HTML
   * @param sections every heading, in order
   * @param warnings problems worth telling the author about
   * @param commands by section id, the code blocks that use a placeholder, as written (the
   *     text before the first heading under the id "")
   * @param content the HTML as the runbook's page shows it, and its parts for the search page
   */
  record Rendered(FrontMatter frontMatter, String html, List<Runbook.Section> sections,
      List<String> warnings, Map<String, List<Runbook.Command>> commands,
      RunbookPage.Content content) {}

  private final Parser parser;
  private final HtmlRenderer renderer;
  private final HtmlSanitizer sanitizer = new HtmlSanitizer();

  MarkdownRenderer() {
    MutableDataSet options = new MutableDataSet();
    options.set(Parser.EXTENSIONS, List.of(TablesExtension.create(), YamlFrontMatterExtension.create()));
    options.set(HtmlRenderer.GENERATE_HEADER_ID, true);
    options.set(HtmlRenderer.RENDER_HEADER_ID, true);
    parser = Parser.builder(options).build();
    renderer = HtmlRenderer.builder(options).build();
  }

  /**
   * Renders one page.
   *
   * @throws BrokenFrontMatter when front matter is opened on line 1 and never closed
   */
  Rendered render(String markdown, String source) {
    List<String> warnings = new ArrayList<>();
    if (unclosedFrontMatter(markdown)) {
      // Read as front matter, the whole page would vanish into it; read as text, its title and
      // codes would: either way something the author wrote is lost, so it is an error.
      throw new BrokenFrontMatter(source + ": line 1: the front matter opened by --- is never"
          + " closed by a --- line (add one after the last front matter line)");
    }
    com.vladsch.flexmark.util.ast.Document document = parser.parse(markdown);
    AbstractYamlFrontMatterVisitor frontMatter = new AbstractYamlFrontMatterVisitor();
    frontMatter.visit(document);
    warnings.addAll(HeadingIds.assign(document, RESERVED_IDS, source));

    Document clean = sanitizer.clean(renderer.render(document));
    for (Element a : clean.select(LINKS)) {
      var m = MARKDOWN_LINK.matcher(a.attr("href"));
      if (m.matches()) {
        a.attr("href", m.group(1) + ".html" + (m.group(2) == null ? "" : m.group(2)));
      }
    }
    // Raw HTML headings keep their ids through the cleaner but bypass HeadingIds: dedupe again.
    Set<String> seen = new HashSet<>(RESERVED_IDS);
    List<Runbook.Section> sections = new ArrayList<>();
    for (Element h : clean.select(RunbookPage.HEADINGS_WITH_ID)) {
      String id = h.id();
      for (int n = 2; !seen.add(id); n++) {
        id = h.id() + "-" + n;
      }
      if (!id.equals(h.id())) {
        warnings.add(source + ": the heading id #" + h.id() + " is used twice or reserved; this"
            + " heading gets #" + id);
        h.id(id);
      }
      sections.add(new Runbook.Section(id, h.tagName().charAt(1) - '0', h.text()));
    }
    Map<String, List<Runbook.Command>> commands = commands(clean);
    Placeholders.showExamples(clean.body());
    String html = clean.body().html();
    return new Rendered(FrontMatter.of(frontMatter.getData()), html, sections, warnings, commands,
        RunbookPage.Content.of(clean.body()));
  }

  /** The code blocks that use a placeholder, by the id of the heading they are under. */
  private static Map<String, List<Runbook.Command>> commands(Document clean) {
    Map<String, List<Runbook.Command>> commands = new LinkedHashMap<>();
    String section = "";
    for (Element e : clean.body().select(HEADINGS_AND_CODE_BLOCKS)) {
      if (!e.tagName().equals("code")) {
        section = e.id();
      } else if (Placeholders.uses(e.wholeText())) {
        String language = e.classNames().stream().filter(c -> c.startsWith("language-"))
            .map(c -> c.substring("language-".length())).findFirst().orElse("");
        commands.computeIfAbsent(section, k -> new ArrayList<>())
            .add(new Runbook.Command(language, e.wholeText()));
      }
    }
    commands.replaceAll((k, v) -> List.copyOf(v));
    return commands;
  }

  /** A page whose front matter cannot be read; the message names the file and the line. */
  static final class BrokenFrontMatter extends RuntimeException {
    BrokenFrontMatter(String message) {
      super(message);
    }
  }

  /** A first line of {@code ---} with no {@code ---} or {@code ...} line after it. */
  static boolean unclosedFrontMatter(String markdown) {
    // lazily, line by line: the closing line comes early, and most of a page is after it
    Iterator<String> lines = markdown.lines().iterator();
    if (!lines.hasNext() || !lines.next().strip().equals("---")) {
      return false;
    }
    while (lines.hasNext()) {
      String line = lines.next().strip();
      if (line.equals("---") || line.equals("...")) {
        return false;
      }
    }
    return true;
  }
}
