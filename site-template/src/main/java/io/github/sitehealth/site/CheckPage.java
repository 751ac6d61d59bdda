package io.github.sitehealth.site;

import io.github.sitehealth.core.report.Redactor;
import io.github.sitehealth.core.result.CheckResult;
import io.github.sitehealth.core.result.CheckStatus;
import io.github.sitehealth.core.result.Finding;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * A page per failing check, {@code checks/NAME.html}: the commands of the runbook section its
 * finding links to, with the check's own URL, host, port, address and origin filled in (see
 * {@link Placeholders}). A page of its own rather than a block on the status page, so the index
 * grows by one link per failing check however many fail, and each page is written and dropped in
 * turn.
 */
final class CheckPage {

  static final String DIRECTORY = "checks";

  private final PageTemplate template;
  private final RunbookLibrary library;
  /** Built by the first page: one instance renders the pages of one thread. */
  private Sidebar sidebar;

  CheckPage(PageTemplate template, RunbookLibrary library) {
    this.template = template;
    this.library = library;
  }

  /** Whether the check gets a page: it is not UP and its runbook section has commands to fill. */
  static boolean applies(RunbookLibrary library, CheckResult check) {
    return check.status() != CheckStatus.UP && !commands(library, check).isEmpty();
  }

  /**
   * The page's path relative to the output directory. The name's letters and digits, then 8 hex
   * digits of its SHA-256: stable, needing no list of the other names, and two names that differ
   * only in case or punctuation do not share a file.
   */
  static String link(CheckResult check) {
    String words = HeadingIds.words(check.name());
    if (words.length() > 80) {
      words = words.substring(0, 80);
    }
    return DIRECTORY + "/" + (words.isEmpty() ? "check" : words) + "-" + hash(check.name()) + ".html";
  }

  String render(CheckResult check, Instant generatedAt) {
    Finding finding = check.finding().orElseThrow();
    String link = library.link(finding.code(), finding.hop());
    Document doc = template.page(PageTemplate.RUNBOOK, check.name() + ": for this check | Runbooks");
    PageTemplate.slot(doc, "title").text("For this check: " + check.name());
    PageTemplate.slot(doc, "summary").text(finding.summary());
    Element codes = PageTemplate.slot(doc, "codes");
    codes.append(StatusPage.status(new HtmlStream(doc.outputSettings()), check.status()).toString());
    codes.appendText(" ");
    codes.appendElement("code").text(finding.code().id());
    codes.appendText(" on the " + finding.hop().id() + " hop, " + check.kind() + " ");
    codes.appendElement("code").text(check.target());

    Element content = PageTemplate.slot(doc, "content");
    Element from = content.appendElement("p").appendText("What to run, from ");
    from.appendElement("a").attr("href", "../" + link).text(title(link));
    from.appendText(", with this check's values filled in:");
    Map<String, String> values = Placeholders.values(check);
    Set<String> missing = new LinkedHashSet<>();
    for (Runbook.Command command : commands(library, check)) {
      missing.addAll(Placeholders.fill(content.appendElement("pre").appendElement("code"), command, values));
    }
    boolean reparsed = commands(library, check).stream().filter(Runbook.Command::shell)
        .flatMap(c -> c.text().lines()).anyMatch(l -> Placeholders.uses(l)
            && Placeholders.reparsing(l).isPresent());
    if (reparsed) {
      content.appendElement("p").addClass("hint").text("A command here hands its words to"
          + " another shell (sh -c, ssh, watch, eval, xargs): the values are quoted for your"
          + " shell only. Check what a value holds before you run such a command.");
    }
    if (values.values().stream().anyMatch(v -> v.contains(Redactor.MASK))) {
      content.appendElement("p").addClass("hint").text("This check's secrets are masked as "
          + Redactor.MASK + " in these commands: put the real values back (from an environment"
          + " variable, say) before you run them, or the server sees a wrong token or password.");
    }
    if (!missing.isEmpty()) {
      content.appendElement("p").addClass("hint").text("Not known for this check, left as written: "
          + String.join(", ", missing.stream().map(m -> "{{" + m + "}}").toList()) + ".");
    }
    doc.selectFirst("nav.toc").remove();
    Sidebar.mark(doc);
    PageTemplate.footer(doc, generatedAt);
    if (sidebar == null) {
      sidebar = new Sidebar(library.runbooks(), "../runbooks/", doc.outputSettings());
    }
    return sidebar.into(PageTemplate.html(doc), "");
  }

  private String title(String link) {
    String page = library.pageOf(link).map(Runbook::title).orElse("the runbook");
    return page + library.sectionOf(link).map(s -> ": " + s.title()).orElse("");
  }

  private static List<Runbook.Command> commands(RunbookLibrary library, CheckResult check) {
    Optional<Finding> finding = check.finding();
    if (finding.isEmpty()) {
      return List.of();
    }
    String link = library.link(finding.get().code(), finding.get().hop());
    int hash = link.indexOf('#');
    return library.pageOf(link).map(r -> r.commands(hash < 0 ? "" : link.substring(hash + 1)))
        .orElse(List.of());
  }

  private static String hash(String name) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
  }
}
