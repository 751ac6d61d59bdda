package io.github.sitehealth.site;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Comment;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * {@code runbooks/search.html}: every section of every runbook, as a list of links with their
 * text, and a small inline script that filters the list as one types. The script is allowed by its
 * SHA-256 in the page's Content-Security-Policy and fetches nothing, so search works from {@code
 * file://}; without scripts the page is still the whole list, for the browser's find.
 */
final class SearchPage {

  static final String FILE_NAME = "search.html";

  private static final Set<String> HEADINGS = Set.of("h1", "h2", "h3", "h4", "h5", "h6");

  /** Where the page's list gets its items. */
  private static final String RESULTS = "site-health:search-results";

  /** Characters of a section's text shown under its link before anything is typed. */
  private static final int SNIPPET = 160;

  /**
   * One section.
   *
   * @param href relative to {@code runbooks/}, e.g. {@code dns.html#nxdomain}; the page alone for
   *     the text before its first heading
   * @param title the runbook's title and the section's
   * @param text the section's text, without its subsections'
   */
  record Entry(String href, String title, String text) {}

  private final PageTemplate template;

  SearchPage(PageTemplate template) {
    this.template = template;
  }

  /** Every section of every runbook, in the library's order. */
  static List<Entry> entries(List<Runbook> runbooks) {
    List<Entry> entries = new ArrayList<>();
    for (Runbook runbook : runbooks) {
      entries.addAll(entries(runbook, Jsoup.parseBodyFragment(runbook.html()).body()));
    }
    return entries;
  }

  /**
   * One element at the top of a runbook's content, as the search page reads it.
   *
   * @param headingId the id of a heading that has one; empty for anything else
   * @param text the element's text
   */
  record Part(String headingId, String text) {}

  /** The top-level elements of a runbook's content ({@code body}, left as it is). */
  static List<Part> parts(Element body) {
    List<Part> parts = new ArrayList<>();
    for (Element e : body.children()) {
      boolean heading = HEADINGS.contains(e.normalName()) && e.hasAttr("id");
      parts.add(new Part(heading ? e.id() : "", e.text()));
    }
    return parts;
  }

  /** The sections of one runbook, from its content as parsed ({@code body}, left as it is). */
  static List<Entry> entries(Runbook runbook, Element body) {
    return entries(runbook, parts(body));
  }

  /** The sections of one runbook, from the top-level elements of its content. */
  static List<Entry> entries(Runbook runbook, List<Part> parts) {
    List<Entry> entries = new ArrayList<>();
    String href = runbook.pageName();
    String title = runbook.title();
    StringBuilder text = new StringBuilder(runbook.summary());
    for (Part part : parts) {
      if (!part.headingId().isEmpty()) {
        add(entries, href, title, text);
        href = runbook.pageName() + "#" + part.headingId();
        title = runbook.title() + ": " + part.text();
        text = new StringBuilder();
      } else {
        text.append(text.length() == 0 ? "" : " ").append(part.text());
      }
    }
    add(entries, href, title, text);
    return entries;
  }

  private static void add(List<Entry> entries, String href, String title, StringBuilder text) {
    if (href.contains("#") || !text.toString().isBlank()) {
      entries.add(new Entry(href, title, text.toString().strip()));
    }
  }

  /**
   * The entries a query finds: those whose title or text contains every word of it, ignoring
   * case. The script does the same in the browser.
   */
  static List<Entry> find(List<Entry> entries, String query) {
    List<String> words = Arrays.stream(query.toLowerCase(Locale.ROOT).split("\\s+"))
        .filter(w -> !w.isEmpty()).toList();
    return entries.stream().filter(e -> {
      String haystack = (e.title() + " " + e.text()).toLowerCase(Locale.ROOT);
      return words.stream().allMatch(haystack::contains);
    }).toList();
  }

  String render(List<Runbook> runbooks, Instant generatedAt) {
    return render(runbooks, entries(runbooks), generatedAt);
  }

  /**
   * The page listing {@code entries}, which are those of {@code runbooks} ({@link
   * #entries(List)}), taken from where the runbooks' pages read them.
   */
  String render(List<Runbook> runbooks, List<Entry> entries, Instant generatedAt) {
    Document doc = template.page(PageTemplate.RUNBOOK, "Search | Runbooks");
    PageTemplate.slot(doc, "title").text("Search the runbooks");
    PageTemplate.slot(doc, "summary").text("Every section of every runbook: type a word to find the"
        + " sections that mention it.");
    PageTemplate.slot(doc, "codes").remove();
    doc.selectFirst("nav.toc").remove();
    Sidebar.mark(doc);

    Element content = PageTemplate.slot(doc, "content");
    Element field = content.appendElement("p").addClass("search-field");
    field.appendElement("label").attr("for", "sh-search").text("Search");
    field.appendElement("input").attr("type", "search").attr("id", "sh-search")
        .attr("autocomplete", "off").attr("spellcheck", "false");
    content.appendElement("p").attr("id", "sh-search-status").attr("role", "status")
        .text(entries.size() + " sections in " + runbooks.size() + " runbooks.");
    content.appendElement("p").attr("id", "sh-search-hint").addClass("hint")
        .text("Scripts are off: use your browser's find on this page, every section is listed.");
    // Every section of every runbook is an item: written as text through HtmlStream where the
    // list's mark is, not as Jsoup elements (a library of 400 runbooks lists some 5,000).
    content.appendElement("ol").attr("id", "sh-search-results").addClass("search-results")
        .appendChild(new Comment(RESULTS));
    PageTemplate.script(doc, PageTemplate.SEARCH_SCRIPT);
    PageTemplate.footer(doc, generatedAt);
    HtmlStream items = new HtmlStream(doc.outputSettings());
    for (Entry e : entries) {
      String snippet = e.text().length() <= SNIPPET ? e.text() : e.text().substring(0, SNIPPET) + "\u2026";
      items.start("li", "data-text", e.title() + " " + e.text())
          .element("a", e.title(), "href", e.href())
          .element("p", snippet, "class", "snippet")
          .end();
    }
    String withItems = PageTemplate.atMark(PageTemplate.html(doc), RESULTS, items.toString());
    return new Sidebar(runbooks, "", doc.outputSettings()).into(withItems, FILE_NAME);
  }
}
