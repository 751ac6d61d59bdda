package io.github.sitehealth.site;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Comment;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Evaluator;
import org.jsoup.select.QueryParser;

/**
 * One runbook as a complete page: title, summary, codes, a table of contents and the content,
 * with a sidebar of every runbook and links to the previous and the next one.
 */
final class RunbookPage {

  private final PageTemplate template;
  private final List<Runbook> all;
  /** Page name to its place in {@link #all}: a page finds its neighbours without a scan. */
  private final Map<String, Integer> index = new HashMap<>();
  private final Sidebar sidebar;
  /** A runbook's content as its page shows it, when the library kept it from rendering. */
  private final Function<Runbook, Optional<Content>> contents;

  /** Where a page's content goes when it comes as text ({@link Content}). */
  private static final String CONTENT = "site-health:runbook-content";

  /**
   * Headings with an id, {@code h1[id]} to {@code h6[id]}: parsed once, as a query is parsed
   * again at each {@code select(String)} (a parsed query is immutable and serves every thread).
   */
  static final Evaluator HEADINGS_WITH_ID =
      QueryParser.parse("h1[id], h2[id], h3[id], h4[id], h5[id], h6[id]");

  /**
   * A runbook's content as its page shows it (its headings with their anchors) and as the search
   * page reads it, both taken from the document the Markdown was rendered and sanitized into: the
   * page then need not parse the content again.
   */
  record Content(String html, List<SearchPage.Part> parts) {

    /** From the rendered and sanitized content; adds the heading anchors to {@code body}. */
    static Content of(Element body) {
      List<SearchPage.Part> parts = SearchPage.parts(body);
      anchor(body);
      return new Content(body.html(), List.copyOf(parts));
    }
  }

  /**
   * Pages for the runbooks of one library; an instance is immutable, and renders on any thread.
   *
   * @param all every runbook, in the library's order: the sidebar and previous and next follow it
   */
  RunbookPage(PageTemplate template, List<Runbook> all) {
    this(template, all, runbook -> Optional.empty());
  }

  /**
   * As {@link #RunbookPage(PageTemplate, List)}, with the content of the runbooks for which
   * {@code contents} has it; the others' is parsed from {@link Runbook#html()}.
   */
  RunbookPage(PageTemplate template, List<Runbook> all,
      Function<Runbook, Optional<Content>> contents) {
    this.template = template;
    this.contents = contents;
    this.all = List.copyOf(all);
    for (int i = 0; i < this.all.size(); i++) {
      index.put(this.all.get(i).pageName(), i);
    }
    this.sidebar = new Sidebar(this.all, "", PageTemplate.outputSettings());
  }

  /**
   * A runbook's page and its sections as the search page lists them, both from one reading of
   * its content.
   */
  record Written(String page, List<SearchPage.Entry> entries) {}

  /** The runbook's page, which must be one of the library's. */
  String render(Runbook runbook, Instant generatedAt) {
    return write(runbook, generatedAt).page();
  }

  /** The runbook's page, which must be one of the library's, and its search entries. */
  Written write(Runbook runbook, Instant generatedAt) {
    Document doc = template.page(PageTemplate.RUNBOOK, runbook.title() + " | Runbooks");
    PageTemplate.slot(doc, "title").text(runbook.title());
    Element summary = PageTemplate.slot(doc, "summary");
    if (runbook.summary().isBlank()) {
      summary.remove();
    } else {
      summary.text(runbook.summary());
    }
    Element codes = PageTemplate.slot(doc, "codes");
    if (runbook.codes().isEmpty()) {
      codes.remove();
    } else {
      codes.appendText("Finding codes: ");
      for (int i = 0; i < runbook.codes().size(); i++) {
        codes.appendText(i == 0 ? "" : ", ");
        codes.appendElement("code").text(runbook.codes().get(i));
      }
    }

    // The content was sanitized when the library loaded it. Kept as the page shows it, it goes
    // in as text where the mark is; otherwise parsing it again only moves it here, after the
    // search page's entries are read from it.
    Element content = PageTemplate.slot(doc, "content");
    Optional<Content> kept = contents.apply(runbook);
    List<SearchPage.Entry> entries;
    if (kept.isPresent()) {
      entries = SearchPage.entries(runbook, kept.get().parts());
      content.appendChild(new Comment(CONTENT));
    } else {
      Element body = Jsoup.parseBodyFragment(runbook.html()).body();
      entries = SearchPage.entries(runbook, body);
      content.appendChildren(body.childNodes());
      anchor(content);
    }
    toc(PageTemplate.slot(doc, "toc"), runbook);
    if (doc.select("nav.toc li").isEmpty()) {
      doc.selectFirst("nav.toc").remove();
    }
    Sidebar.mark(doc);
    pager(content, all, index.getOrDefault(runbook.pageName(), -1));
    PageTemplate.footer(doc, generatedAt);
    String page = PageTemplate.html(doc);
    if (kept.isPresent()) {
      page = PageTemplate.atMark(page, CONTENT, kept.get().html());
    }
    return new Written(sidebar.into(page, runbook.pageName()), entries);
  }

  /** A link to itself after each heading that has an id. */
  static void anchor(Element root) {
    for (Element h : root.select(HEADINGS_WITH_ID)) {
      h.appendElement("a").addClass("anchor").attr("href", "#" + h.id())
          .attr("aria-label", "Link to this section").text("#");
    }
  }


  /** Links to the runbooks before and after the one at {@code at} in the library's order. */
  private static void pager(Element content, List<Runbook> all, int at) {
    if (at < 0 || all.size() < 2) {
      return;
    }
    Element pager = content.appendElement("nav").addClass("pager").attr("aria-label", "Previous and next runbook");
    if (at > 0) {
      Runbook prev = all.get(at - 1);
      pager.appendElement("a").addClass("prev").attr("rel", "prev").attr("href", prev.pageName())
          .text("\u2190 Previous: " + prev.title());
    }
    if (at < all.size() - 1) {
      Runbook next = all.get(at + 1);
      pager.appendElement("a").addClass("next").attr("rel", "next").attr("href", next.pageName())
          .text("Next: " + next.title() + " \u2192");
    }
  }

  /** Nested lists of the level 2 and 3 headings. */
  private static void toc(Element root, Runbook runbook) {
    Deque<Element> lists = new ArrayDeque<>();
    lists.push(root);
    int depth = 2;
    for (Runbook.Section s : runbook.sections()) {
      if (s.level() < 2 || s.level() > 3) {
        continue;
      }
      while (s.level() > depth) {
        Element last = lists.peek().children().last();
        Element nested = (last == null ? lists.peek().appendElement("li") : last).appendElement("ol");
        lists.push(nested);
        depth++;
      }
      while (s.level() < depth) {
        lists.pop();
        depth--;
      }
      lists.peek().appendElement("li").appendElement("a").attr("href", "#" + s.id()).text(s.title());
    }
  }
}
