package io.github.sitehealth.site;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;

/**
 * Cleans HTML rendered from Markdown that a team wrote: only formatting tags survive, links keep
 * only http, https, mailto or relative targets, and no script, style, frame, form or event
 * attribute gets through.
 *
 * <p>Flexmark passes raw HTML and link targets such as {@code java&#115;cript:} straight on; the
 * Jsoup cleaner decodes entities before it checks a link's protocol. Relative links are checked
 * against a placeholder base and then kept relative ({@link Safelist#preserveRelativeLinks}).
 */
final class HtmlSanitizer {

  /** Only for resolving relative links during the protocol check; never appears in the output. */
  private static final String CHECK_BASE = "https://site-health.invalid/runbooks/";

  private final Safelist safelist =
      Safelist.relaxed()
          .addTags("hr", "kbd", "del", "s", "abbr")
          .addAttributes("h1", "id")
          .addAttributes("h2", "id")
          .addAttributes("h3", "id")
          .addAttributes("h4", "id")
          .addAttributes("h5", "id")
          .addAttributes("h6", "id")
          .addAttributes("code", "class")
          .addAttributes("th", "align")
          .addAttributes("td", "align")
          .addAttributes("abbr", "title")
          .preserveRelativeLinks(true);

  /** The safe part of the HTML, as the body of a new document. */
  Document clean(String html) {
    Document clean = new Cleaner(safelist).clean(Jsoup.parseBodyFragment(html, CHECK_BASE));
    clean.outputSettings().prettyPrint(false);
    return clean;
  }
}
