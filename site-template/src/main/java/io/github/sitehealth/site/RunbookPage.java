package io.github.sitehealth.site;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;

/** One runbook as a complete page: title, summary, codes, a table of contents and the content. */
final class RunbookPage {

  private final PageTemplate template;

  RunbookPage(PageTemplate template) {
    this.template = template;
  }

  String render(Runbook runbook, Instant generatedAt) {
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

    // The content was sanitized when the library loaded it; parsing it again only moves it here.
    Element content = PageTemplate.slot(doc, "content");
    for (Node node : Jsoup.parseBodyFragment(runbook.html()).body().childNodes()) {
      content.appendChild(node.clone());
    }
    for (Element h : content.select("h1[id], h2[id], h3[id], h4[id], h5[id], h6[id]")) {
      h.appendElement("a").addClass("anchor").attr("href", "#" + h.id())
          .attr("aria-label", "Link to this section").text("#");
    }
    toc(PageTemplate.slot(doc, "toc"), runbook);
    if (doc.select("nav.toc li").isEmpty()) {
      doc.selectFirst("nav.toc").remove();
    }
    PageTemplate.footer(doc, generatedAt);
    return PageTemplate.html(doc);
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
