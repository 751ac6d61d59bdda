package io.github.sitehealth.site;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Comment;
import org.jsoup.nodes.Document;

/**
 * The docs' sidebar list: the search page, then every runbook, the default library first, then
 * the team's, the current page marked ({@code aria-current}). Every page of a generation lists
 * every runbook, so the entries are written as HTML once ({@link HtmlStream}) and put into each
 * finished page as text: n runbook pages then cost n copies of a string, not n times n Jsoup
 * elements.
 */
final class Sidebar {

  private static final String NAME = "site-health:docs-nav";
  private static final String MARK = "<!--" + NAME + "-->";

  /** Every entry, none marked, as one string. */
  private final String entries;
  /** Where each entry starts in {@link #entries}, and after the last, its length. */
  private final int[] starts;
  /** Each entry marked as the current page. */
  private final String[] current;
  /** A page's name in {@code runbooks/} to its entry. */
  private final Map<String, Integer> index = new HashMap<>();

  /**
   * @param all every runbook, in the library's order
   * @param prefix the way from the pages to {@code runbooks/}: empty, or {@code ../runbooks/}
   */
  Sidebar(List<Runbook> all, String prefix, Document.OutputSettings settings) {
    int n = all.size() + 1;
    List<String> pages = new ArrayList<>(n);
    this.starts = new int[n + 1];
    this.current = new String[n];
    pages.add(SearchPage.FILE_NAME);
    for (Runbook r : all) {
      pages.add(r.pageName());
    }
    StringBuilder entries = new StringBuilder();
    for (int i = 0; i < n; i++) {
      index.putIfAbsent(pages.get(i), i);
      for (boolean here : new boolean[] {false, true}) {
        HtmlStream html = new HtmlStream(settings);
        String href = prefix + pages.get(i);
        String[] link = here
            ? HtmlStream.attributes("href", href, "aria-current", "page")
            : HtmlStream.attributes("href", href);
        if (i == 0) {
          html.start("li", "class", "search-link").element("a", "Search the runbooks", link).end();
        } else {
          Runbook r = all.get(i - 1);
          html.start("li").element("a", r.title(), link);
          if (r.source() == Runbook.Source.TEAM) {
            html.text(" (team)");
          }
          html.end();
        }
        if (here) {
          current[i] = html.toString();
        } else {
          starts[i] = entries.length();
          entries.append(html);
        }
      }
    }
    starts[n] = entries.length();
    this.entries = entries.toString();
  }

  /** Marks where the list goes in the page: its {@code docs-nav} slot. */
  static void mark(Document doc) {
    PageTemplate.slot(doc, "docs-nav").appendChild(new Comment(NAME));
  }

  /**
   * The finished page with the list where {@link #mark} put it.
   *
   * @param currentPage the page's name in {@code runbooks/}, e.g. {@code dns.html}; one that is
   *     not a runbook page (a check's page) marks none
   * @throws IllegalStateException when the page was not marked
   */
  String into(String html, String currentPage) {
    int at = html.indexOf(MARK);
    if (at < 0) {
      throw new IllegalStateException("the page has no place marked for the sidebar");
    }
    // Three copies of whole runs of entries: every page holds every entry, so a page per entry
    // appended one by one made n pages cost n times n appends.
    Integer here = index.get(currentPage);
    StringBuilder page = new StringBuilder(html.length() + entries.length() + 32);
    page.append(html, 0, at);
    if (here == null) {
      page.append(entries);
    } else {
      page.append(entries, 0, starts[here]).append(current[here])
          .append(entries, starts[here + 1], entries.length());
    }
    return page.append(html, at + MARK.length(), html.length()).toString();
  }
}
