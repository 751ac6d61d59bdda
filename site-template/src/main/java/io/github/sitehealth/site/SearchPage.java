package io.github.sitehealth.site;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.jsoup.Jsoup;
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
      Element body = Jsoup.parseBodyFragment(runbook.html()).body();
      String href = runbook.pageName();
      String title = runbook.title();
      StringBuilder text = new StringBuilder(runbook.summary());
      for (Element e : body.children()) {
        if (e.tagName().matches("h[1-6]") && e.hasAttr("id")) {
          add(entries, href, title, text);
          href = runbook.pageName() + "#" + e.id();
          title = runbook.title() + ": " + e.text();
          text = new StringBuilder();
        } else {
          text.append(text.length() == 0 ? "" : " ").append(e.text());
        }
      }
      add(entries, href, title, text);
    }
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
    Document doc = template.page(PageTemplate.RUNBOOK, "Search | Runbooks");
    PageTemplate.slot(doc, "title").text("Search the runbooks");
    PageTemplate.slot(doc, "summary").text("Every section of every runbook: type a word to find the"
        + " sections that mention it.");
    PageTemplate.slot(doc, "codes").remove();
    doc.selectFirst("nav.toc").remove();
    Sidebar.mark(doc);

    List<Entry> entries = entries(runbooks);
    Element content = PageTemplate.slot(doc, "content");
    Element field = content.appendElement("p").addClass("search-field");
    field.appendElement("label").attr("for", "sh-search").text("Search");
    field.appendElement("input").attr("type", "search").attr("id", "sh-search")
        .attr("autocomplete", "off").attr("spellcheck", "false");
    content.appendElement("p").attr("id", "sh-search-status").attr("role", "status")
        .text(entries.size() + " sections in " + runbooks.size() + " runbooks.");
    content.appendElement("p").attr("id", "sh-search-hint").addClass("hint")
        .text("Scripts are off: use your browser's find on this page, every section is listed.");
    Element list = content.appendElement("ol").attr("id", "sh-search-results").addClass("search-results");
    for (Entry e : entries) {
      Element item = list.appendElement("li").attr("data-text", e.title() + " " + e.text());
      item.appendElement("a").attr("href", e.href()).text(e.title());
      String snippet = e.text().length() <= SNIPPET ? e.text() : e.text().substring(0, SNIPPET) + "\u2026";
      item.appendElement("p").addClass("snippet").text(snippet);
    }
    PageTemplate.script(doc, PageTemplate.SEARCH_SCRIPT);
    PageTemplate.footer(doc, generatedAt);
    return new Sidebar(runbooks, "", doc.outputSettings()).into(PageTemplate.html(doc), FILE_NAME);
  }
}
