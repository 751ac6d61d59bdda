package io.github.sitehealth.site;

import io.github.sitehealth.core.history.HistoryEntry;
import io.github.sitehealth.core.report.PartialText;
import io.github.sitehealth.core.result.AddressResult;
import io.github.sitehealth.core.result.Attempt;
import io.github.sitehealth.core.result.CheckResult;
import io.github.sitehealth.core.result.CheckStatus;
import io.github.sitehealth.core.result.Finding;
import io.github.sitehealth.core.result.RunResult;
import io.github.sitehealth.core.result.Sample;
import io.github.sitehealth.core.result.Sampling;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Comment;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;

/**
 * The status page, {@code index.html}: an overall banner, a row per check, uptime bars from the
 * history, incidents and the runbook index.
 *
 * <p>Everything that comes from results, history or configuration (check names, targets,
 * observations, evidence, headers) goes in through Jsoup's text and attribute APIs, or through
 * {@link HtmlStream} (the rows and uptime bars of each check), both of which escape it; only
 * runbook and incident Markdown is inserted as HTML, and that was sanitized on loading.
 */
public final class StatusPage {

  /** A sample's time: samples of one check are seconds apart, so to the millisecond. */
  private static final DateTimeFormatter SAMPLE_TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss.SSS 'UTC'").withZone(ZoneOffset.UTC);

  private final PageTemplate template;
  private final RunbookLibrary library;

  public StatusPage(RunbookLibrary library) {
    this(new PageTemplate(), library);
  }

  StatusPage(PageTemplate template, RunbookLibrary library) {
    this.template = template;
    this.library = library;
  }

  /** Checks listed on {@code index.html} in full when a run has at most this many. */
  public static final int FULL_LISTING = 1000;

  /** UP checks per page of UP checks ({@code up-1.html}, ...) in a larger run. */
  public static final int UP_PAGE_SIZE = 1000;

  private static final String ROWS = "site-health:rows";
  private static final String UPTIME = "site-health:uptime";

  /**
   * What one page lists.
   *
   * @param file the page's file name, e.g. {@code index.html}, {@code up-3.html}
   * @param heading what the page is, shown under the title for pages of UP checks; empty on the
   *     index
   * @param checks the checks listed in full, with their uptime bars
   * @param upPages on the index of a large run, the pages its UP checks are listed on
   */
  public record Listing(
      String file, Optional<String> heading, List<CheckResult> checks, List<UpPage> upPages) {}

  /**
   * A page of UP checks, by name.
   *
   * @param file e.g. {@code up-1.html}
   * @param first the first check name on it
   * @param last the last check name on it
   * @param size how many checks it lists
   */
  public record UpPage(String file, String first, String last, int size) {}

  /**
   * The pages a run is shown on: {@code index.html} with every check when there are at most
   * {@link #FULL_LISTING}; above that, every check that is not UP in full on the index and the UP
   * checks, by name, on pages of {@link #UP_PAGE_SIZE} that the index links to with the names
   * each holds. The index of 20,000 checks stays a few hundred KiB plus its failing checks.
   */
  public static List<Listing> listings(RunResult run) {
    if (run.checks().size() <= FULL_LISTING) {
      return List.of(new Listing("index.html", Optional.empty(), run.checks(), List.of()));
    }
    List<CheckResult> notUp =
        run.checks().stream().filter(c -> c.status() != CheckStatus.UP).toList();
    List<CheckResult> up = run.checks().stream().filter(c -> c.status() == CheckStatus.UP)
        .sorted(java.util.Comparator.comparing(CheckResult::name)).toList();
    List<Listing> pages = new ArrayList<>();
    List<UpPage> upPages = new ArrayList<>();
    for (int from = 0, n = 1; from < up.size(); from += UP_PAGE_SIZE, n++) {
      List<CheckResult> slice = up.subList(from, Math.min(up.size(), from + UP_PAGE_SIZE));
      UpPage page = new UpPage("up-" + n + ".html", slice.get(0).name(),
          slice.get(slice.size() - 1).name(), slice.size());
      upPages.add(page);
      pages.add(new Listing(page.file(), Optional.of("UP checks " + page.first() + " to "
          + page.last() + " (" + n + " of " + (up.size() + UP_PAGE_SIZE - 1) / UP_PAGE_SIZE + ")"),
          slice, List.of()));
    }
    pages.add(0, new Listing("index.html", Optional.empty(), notUp, upPages));
    return pages;
  }

  /**
   * The page's HTML, every check listed in full.
   *
   * @param run the latest run
   * @param history earlier runs, oldest first; may include the latest run
   * @param incidents newest first
   * @param title the page's heading, e.g. the site's name
   * @param generatedAt shown in the footer
   */
  public String render(
      RunResult run, List<HistoryEntry> history, List<Incident> incidents, String title, Instant generatedAt) {
    StringWriter out = new StringWriter();
    try {
      write(out, new Listing("index.html", Optional.empty(), run.checks(), List.of()), run,
          CheckHistory.of(history), incidents, title, generatedAt);
    } catch (IOException e) {
      throw new UncheckedIOException("a StringWriter does not fail", e);
    }
    return out.toString();
  }

  /**
   * Writes one page as a stream: the page around the checks is a Jsoup document built once, and
   * each check's row and uptime bars are written as text ({@link HtmlStream}, no tree) and dropped
   * in turn, so the memory the page takes does not grow with the number of checks.
   *
   * @param listing which checks the page lists
   * @param history the history, indexed once for every page of the run
   * @throws IOException when the writer fails
   */
  void write(Writer out, Listing listing, RunResult run, CheckHistory history,
      List<Incident> incidents, String title, Instant generatedAt) throws IOException {
    Document doc = template.page(PageTemplate.STATUS, title);
    PageTemplate.slot(doc, "title").text(title);
    meta(PageTemplate.slot(doc, "meta"), run);
    listing.heading().ifPresent(h -> PageTemplate.slot(doc, "meta")
        .appendElement("p").addClass("listing").text(h + ". ")
        .appendElement("a").attr("href", "index.html").text("Back to the status page"));
    List<String> incidentIds = incidentIds(incidents);
    banner(doc, run, incidents, incidentIds);
    Element rows = PageTemplate.slot(doc, "checks");
    if (run.checks().isEmpty()) {
      rows.appendElement("tr").appendElement("td").attr("colspan", "6").addClass("none")
          .text("The latest run had no checks.");
    }
    rows.appendChild(new Comment(ROWS));
    upPages(rows, listing.upPages());
    uptimeHint(doc, run, history);
    PageTemplate.slot(doc, "uptime").appendChild(new Comment(UPTIME));
    incidents(PageTemplate.slot(doc, "incidents"), incidents, incidentIds);
    runbookIndex(PageTemplate.slot(doc, "runbooks"));
    PageTemplate.footer(doc, generatedAt);
    String page = PageTemplate.html(doc);

    String rowsMark = "<!--" + ROWS + "-->";
    String uptimeMark = "<!--" + UPTIME + "-->";
    int rowsAt = page.indexOf(rowsMark);
    int uptimeAt = page.indexOf(uptimeMark);
    out.write(page, 0, rowsAt);
    HtmlStream html = new HtmlStream(doc.outputSettings());
    List<CheckGroups.Group> groups = CheckGroups.of(listing.checks());
    List<CheckResult> ordered = listing.checks();
    if (groups.isEmpty()) {
      rows(html, out, listing.checks(), history);
    } else {
      // Each group is a <tbody> of its own after the template's (left empty), whose heading row
      // folds it; the template's closing tag then closes an empty one again.
      ordered = new ArrayList<>(listing.checks().size());
      out.write("</tbody>");
      for (CheckGroups.Group group : groups) {
        groupHead(html, group);
        html.flush(out);
        rows(html, out, group.checks(), history);
        out.write("</tbody>");
        ordered.addAll(group.checks());
      }
      out.write("<tbody>");
    }
    out.write(page, rowsAt + rowsMark.length(), uptimeAt - rowsAt - rowsMark.length());
    for (CheckResult check : ordered) {
      HistoryCard.write(html, check.name(), Uptime.of(check.name(), history, run.startedAt()),
          Latency.of(check.name(), history, run.startedAt()));
      html.flush(out);
    }
    out.write(page, uptimeAt + uptimeMark.length(), page.length() - uptimeAt - uptimeMark.length());
    out.flush();
  }

  /** Writes each check's rows in turn, holding one check's HTML at a time. */
  private void rows(HtmlStream html, Writer out, List<CheckResult> checks, CheckHistory history)
      throws IOException {
    for (CheckResult check : checks) {
      row(html, check, since(check, history));
      html.flush(out);
    }
  }

  /**
   * Opens a group's {@code <tbody>} (the caller closes it after the group's rows) with its
   * heading row: the name, its worst status and its counts in a {@code <details>} that is open
   * unless every check is UP; closing it hides the group's rows (CSS {@code :has}, no script).
   */
  private static void groupHead(HtmlStream html, CheckGroups.Group group) {
    html.start("tbody", "class", "group group-" + group.worst().name().toLowerCase(Locale.ROOT));
    html.start("tr", "class", "group-head")
        .start("th", "colspan", "6", "scope", "rowgroup")
        .start("details", HtmlStream.flag("open", group.worst() != CheckStatus.UP))
        .start("summary")
        .element("span", group.name(), "class", "group-name")
        .text(" ");
    status(html, group.worst());
    html.element("span", group.summary(), "class", "group-counts");
    html.end().end().end().end().leftOpen();
  }

  /** On the index of a large run: a row linking the pages of UP checks, with their names. */
  private static void upPages(Element rows, List<UpPage> pages) {
    if (pages.isEmpty()) {
      return;
    }
    int up = pages.stream().mapToInt(UpPage::size).sum();
    Element td = rows.appendElement("tr").addClass("up-pages").appendElement("td")
        .attr("colspan", "6");
    td.appendElement("p").text(up + " check" + (up == 1 ? " is" : "s are")
        + " UP, listed by name on " + pages.size() + " page" + (pages.size() == 1 ? "" : "s")
        + " (the checks above are the ones that are not):");
    Element list = td.appendElement("ul").addClass("up-pages");
    for (UpPage page : pages) {
      Element item = list.appendElement("li");
      item.appendElement("a").attr("href", page.file()).text(page.first() + " \u2013 " + page.last());
      item.appendText(" (" + page.size() + ")");
    }
  }

  private static void meta(Element meta, RunResult run) {
    meta.appendText("Last run ");
    PageTemplate.time(meta, run.startedAt());
    meta.appendText(", " + run.checks().size() + " check" + (run.checks().size() == 1 ? "" : "s")
        + ", took " + seconds(run.durationMs()) + ".");
  }

  private static void banner(Document doc, RunResult run, List<Incident> incidents, List<String> ids) {
    OverallStatus overall = OverallStatus.of(run);
    PageTemplate.slot(doc, "banner").addClass("banner-" + overall.cssState());
    PageTemplate.slot(doc, "banner-icon").text(symbol(overall.cssState()));
    PageTemplate.slot(doc, "banner-title").text(overall.headline());
    Element detail = PageTemplate.slot(doc, "banner-detail");
    int total = run.checks().size();
    long down = run.count(CheckStatus.DOWN);
    long degraded = run.count(CheckStatus.DEGRADED);
    detail.text(switch (overall) {
      case OPERATIONAL -> total == 1 ? "The only check is up." : "All " + total + " checks are up.";
      case DEGRADED -> degraded + " of " + total + " checks " + (degraded == 1 ? "is" : "are")
          + " degraded, none is down.";
      case OUTAGE -> down + " of " + total + " checks " + (down == 1 ? "is" : "are") + " down"
          + (degraded > 0 ? ", " + degraded + " degraded." : ".");
      case UNKNOWN -> "The latest run had no checks.";
    });
    long ongoing = incidents.stream().filter(Incident::ongoing).count();
    if (ongoing > 0) {
      detail.appendText(" Ongoing incident" + (ongoing == 1 ? ": " : "s: "));
      String separator = "";
      for (int i = 0; i < incidents.size(); i++) {
        if (incidents.get(i).ongoing()) {
          detail.appendText(separator);
          detail.appendElement("a").attr("href", "#" + ids.get(i)).text(incidents.get(i).title());
          separator = ", ";
        }
      }
      detail.appendText(".");
    }
  }

  /**
   * When the check's current status began: the earliest run of the unbroken streak of runs, up to
   * the latest, in which it had the status it has now. Empty without earlier runs in the history.
   */
  static Optional<Instant> since(CheckResult check, CheckHistory history) {
    Instant since = null;
    int streak = 0;
    List<HistoryEntry> newestFirst = history.newestFirst();
    for (int i = 0; i < newestFirst.size(); i++) {
      Optional<HistoryEntry.CheckSample> sample = history.sample(check.name(), i);
      if (sample.isEmpty() || sample.get().status() != check.status()) {
        break;
      }
      since = newestFirst.get(i).startedAt();
      streak++;
    }
    // One run says nothing about how long a status has held.
    return streak > 1 ? Optional.of(since) : Optional.empty();
  }

  /** The check's row, and the row of its addresses and samples when it has them. */
  private void row(HtmlStream html, CheckResult check, Optional<Instant> since) {
    boolean partial = !check.addresses().isEmpty() || check.sampling().isPresent();
    html.start("tr", partial ? HtmlStream.attributes("class", "has-partial") : HtmlStream.NONE);
    // A URL speaks for itself; a DNS target ("www.example.com. CNAME") and a TCP target
    // ("bastion.example.com:22") are labelled as what they are.
    String target = switch (check.kind()) {
      case "dns" -> "DNS " + check.target();
      case "tcp" -> "TCP " + check.target();
      default -> check.target();
    };
    html.start("th", "scope", "row")
        .element("span", check.name(), "class", "check-name")
        .element("span", target, "class", "check-target")
        .end();

    cell(html, "Status");
    status(html, check.status());
    since.ifPresent(t -> time(html.start("span", "class", "since").text("since "), t).end());
    html.end();
    html.element("td", check.latencyMs() + " ms", "data-label", "Latency", "class", "num");

    cell(html, "Finding");
    Optional<Finding> f = check.finding();
    if (f.isPresent()) {
      html.element("code", f.get().code().id())
          .element("p", f.get().summary(), "class", "finding-summary");
    } else {
      html.element("span", check.observed(), "class", "none");
    }
    details(html, check);
    html.end();

    if (f.isPresent()) {
      html.element("td", f.get().hop().id(), "data-label", "Hop");
      String link = library.link(f.get().code(), f.get().hop());
      cell(html, "Runbook").element("a", runbookTitle(link), "href", link);
      forThisCheck(html, check);
      html.end();
    } else {
      none(cell(html, "Hop")).end();
      none(cell(html, "Runbook")).end();
    }
    html.end();
    if (partial) {
      partial(html, check);
    }
  }

  /** A {@code <time>} showing the instant in UTC, to the minute, as {@link PageTemplate#time}. */
  private static HtmlStream time(HtmlStream html, Instant instant) {
    return html.element("time", PageTemplate.shown(instant), "datetime", instant.toString());
  }

  /**
   * Beside a failing check's runbook link, a link to its own page of commands ({@link CheckPage}),
   * when its runbook section has commands that take its values. Only a link, so the index grows
   * by a line per failing check, not by the commands.
   */
  private void forThisCheck(HtmlStream html, CheckResult check) {
    if (CheckPage.applies(library, check)) {
      html.element("a", "For this check", "class", "for-this-check", "href", CheckPage.link(check));
    }
  }

  /** The runbook page's title and the section's, e.g. "502 Bad Gateway: The origin is failing". */
  private String runbookTitle(String link) {
    String page = library.pageOf(link).map(Runbook::title).orElse("Runbook");
    return page + library.sectionOf(link).map(s -> ": " + s.title()).orElse("");
  }

  /**
   * A row under the check's, across every column, for its addresses and samples: the Finding
   * column is too narrow for a table of five columns. In sight, the count of addresses UP and the
   * samples' failure rate; folded away, the table of addresses and the failed samples.
   */
  private static void partial(HtmlStream html, CheckResult check) {
    List<String> parts = new ArrayList<>();
    if (!check.addresses().isEmpty()) {
      parts.add(PartialText.addressesUp(check.addresses()));
    }
    check.sampling().ifPresent(s -> parts.add(PartialText.sampling(s)));
    String what = check.addresses().isEmpty() ? "Samples"
        : check.sampling().isEmpty() ? "Addresses" : "Addresses and samples";
    html.start("tr", "class", "check-partial").start("td", "colspan", "6")
        .start("details", "class", "partial")
        .element("summary", what + ": " + String.join("; ", parts));
    if (!check.addresses().isEmpty()) {
      addresses(html, check);
    }
    check.sampling().ifPresent(s -> samples(html, s));
    html.end().end().end();
  }

  /** Opens a table cell labelled for narrow screens, where each cell shows its column's name. */
  private static HtmlStream cell(HtmlStream html, String label) {
    return html.start("td", "data-label", label);
  }

  private static HtmlStream none(HtmlStream html) {
    return html.element("span", "\u2014", "class", "none", "aria-hidden", "true")
        .element("span", "none", "class", "visually-hidden");
  }

  /** Observed text, evidence and attempts, folded away. */
  private static void details(HtmlStream html, CheckResult check) {
    html.start("details").element("summary", "Details")
        .element("p", "Observed: " + check.observed(), "class", "evidence");
    check.finding().ifPresent(f -> {
      if (!f.evidence().isEmpty()) {
        html.start("ul", "aria-label", "Evidence");
        f.evidence().forEach(line -> html.start("li").element("code", line).end());
        html.end();
      }
    });
    if (!check.attempts().isEmpty()) {
      html.start("ol", "aria-label", "Attempts");
      for (Attempt a : check.attempts()) {
        // A sampled check's one attempt sums its samples up, their median time in its words.
        String took = check.sampling().isPresent() ? "" : " in " + a.durationMs() + " ms";
        html.element("li", a.outcome() + took + (a.passed() ? " (passed)" : " (failed)"));
      }
      html.end();
    }
    html.end();
  }

  /**
   * A table of the check's addresses: each with its status, what it answered, its code and hop
   * when it failed, and its failed samples when more than one was sent.
   */
  private static void addresses(HtmlStream html, CheckResult check) {
    boolean sampled = check.sampling().isPresent()
        || check.addresses().stream().anyMatch(a -> a.samples() > 1);
    html.start("div", "class", "table-scroll").start("table", "class", "addresses")
        .element("caption", "Addresses")
        .start("thead").start("tr");
    for (String column : sampled
        ? List.of("Address", "Status", "Observed", "Code, hop", "Failed samples")
        : List.of("Address", "Status", "Observed", "Code, hop")) {
      html.element("th", column, "scope", "col");
    }
    html.end().end().start("tbody");
    for (AddressResult a : check.addresses()) {
      html.start("tr").start("th", "scope", "row").element("code", a.address()).end();
      html.start("td");
      status(html, a.status());
      html.end();
      html.element("td", a.observed(), "data-label", "Observed");
      cell(html, "Code, hop");
      if (a.code().isPresent()) {
        html.element("code", a.code().get().id());
        a.hop().ifPresent(hop -> html.text(" (" + hop.id() + ")"));
      } else {
        none(html);
      }
      html.end();
      if (sampled) {
        html.element("td", a.failedSamples() + " of " + a.samples()
            + " (" + PartialText.percent(a.failureRate()) + " %)",
            "data-label", "Failed samples", "class", "num");
      }
      html.end();
    }
    html.end().end().end();
  }

  /**
   * The samples: how many failed of how many, over what time, and each failed one with its time,
   * address and answer; at most {@link PartialText#MAX_LISTED_SAMPLES}, then how many more.
   */
  private static void samples(HtmlStream html, Sampling sampling) {
    html.element("p", PartialText.sampling(sampling)
        + (sampling.windowMs() == 0 ? ", sent one after the other."
            : ", spread over a window of " + seconds(sampling.windowMs()) + "."),
        "class", "sampling");
    List<Sample> failures = sampling.failures();
    if (failures.isEmpty()) {
      return;
    }
    html.start("ul", "class", "samples", "aria-label", "Failed samples");
    int listed = Math.min(failures.size(), PartialText.MAX_LISTED_SAMPLES);
    for (Sample f : failures.subList(0, listed)) {
      html.start("li")
          .element("time", SAMPLE_TIME.format(f.startedAt()), "datetime", f.startedAt().toString())
          .text(" sample " + f.index());
      f.address().ifPresent(a -> html.text(" to ").element("code", a));
      html.text(": ").element("code", f.code().id())
          .text(" " + f.observed() + ", " + f.durationMs() + " ms")
          .end();
    }
    if (failures.size() > listed) {
      html.element("li", PartialText.more(failures.size() - listed), "class", "none");
    }
    html.end();
  }

  /** A status pill: its symbol (hidden from screen readers) and its word, e.g. "✓ Up". */
  static HtmlStream status(HtmlStream html, CheckStatus status) {
    String state = status.name().toLowerCase(Locale.ROOT);
    return html.start("span", "class", "status status-" + state)
        .element("span", symbol(state), "aria-hidden", "true")
        .text(switch (status) {
          case UP -> " Up";
          case DEGRADED -> " Degraded";
          case DOWN -> " Down";
        })
        .end();
  }

  private static String symbol(String state) {
    return switch (state) {
      case "up" -> "\u2713";
      case "degraded" -> "!";
      case "down" -> "\u2715";
      default -> "?";
    };
  }

  private static void uptimeHint(Document doc, RunResult run, CheckHistory history) {
    boolean onlyLatest = history.newestFirst().stream().allMatch(e -> e.startedAt().equals(run.startedAt()));
    PageTemplate.slot(doc, "uptime-hint").text((onlyLatest
        ? "Only the latest run is recorded so far; the days and the latency chart fill in as runs"
            + " are added to the history. "
        : "")
        + "Uptime is the share of a check's runs in the window, up to the latest run, that were up"
        + " or degraded, rounded down to two decimals: 5 of 7 runs is 71.42%, and one failed run"
        + " in 10,000 is 99.99%, never 100.00%. One slot per day (UTC) for " + Uptime.DAYS + " days, oldest first; the"
        + " latency chart shows the last " + Latency.MAX_RUNS + " runs at most.");
  }

  private static void incidents(Element slot, List<Incident> incidents, List<String> ids) {
    if (incidents.isEmpty()) {
      slot.appendElement("p").addClass("hint").text("No incidents reported.");
      return;
    }
    for (int i = 0; i < incidents.size(); i++) {
      Incident incident = incidents.get(i);
      String id = ids.get(i);
      Element article = slot.appendElement("article").addClass("incident").attr("id", id)
          .attr("aria-labelledby", id + "-title");
      article.appendElement("h3").attr("id", id + "-title").text(incident.title());
      Element meta = article.appendElement("p").addClass("incident-meta");
      Element pill = meta.appendElement("span").addClass("status")
          .addClass(incident.ongoing() ? "status-down" : "status-up");
      pill.appendElement("span").attr("aria-hidden", "true").text(incident.ongoing() ? "!" : "\u2713");
      pill.appendText(" " + capitalize(incident.status()) + (incident.ongoing() ? " (ongoing)" : ""));
      if (incident.started().isPresent()) {
        meta.appendText(" Started ");
        PageTemplate.time(meta, incident.started().get());
        meta.appendText(".");
      }
      if (incident.resolved().isPresent()) {
        meta.appendText(" Resolved ");
        PageTemplate.time(meta, incident.resolved().get());
        incident.started().ifPresent(s -> meta.appendText(", after " + duration(s, incident.resolved().get())));
        meta.appendText(".");
      }
      if (!incident.affects().isEmpty()) {
        meta.appendText(" Affects: " + String.join(", ", incident.affects()) + ".");
      }
      Element body = article.appendElement("div").addClass("incident-body");
      for (Node node : Jsoup.parseBodyFragment(incident.html()).body().childNodes()) {
        body.appendChild(node.clone());
      }
      nest(body, id);
    }
  }

  /**
   * Fits an incident's own headings under its {@code h3} (h1 becomes h4) and prefixes their ids,
   * so two incidents with a "Timeline" section do not share an id.
   */
  private static void nest(Element body, String prefix) {
    Set<String> ids = new HashSet<>();
    for (Element h : body.select("h1, h2, h3, h4, h5, h6")) {
      h.tagName("h" + Math.min(6, h.tagName().charAt(1) - '0' + 3));
      if (h.hasAttr("id")) {
        ids.add(h.id());
        h.id(prefix + "-" + h.id());
      }
    }
    for (Element a : body.select("a[href^=#]")) {
      String target = a.attr("href").substring(1);
      if (ids.contains(target)) {
        a.attr("href", "#" + prefix + "-" + target);
      }
    }
  }

  private void runbookIndex(Element list) {
    for (Runbook runbook : library.runbooks()) {
      Element item = list.appendElement("li");
      item.appendElement("a").attr("href", "runbooks/" + runbook.pageName()).text(runbook.title());
      if (runbook.source() == Runbook.Source.TEAM) {
        item.appendText(" (team)");
      }
      if (!runbook.summary().isBlank()) {
        item.appendText(": " + runbook.summary());
      }
      if (!runbook.codes().isEmpty()) {
        Element codes = item.appendElement("span").addClass("codes");
        codes.appendText(" ");
        for (String code : runbook.codes()) {
          codes.appendElement("code").text(code);
          codes.appendText(" ");
        }
      }
    }
  }

  /** An id per incident from its file name, unique on the page. */
  static List<String> incidentIds(List<Incident> incidents) {
    Set<String> taken = new HashSet<>();
    List<String> ids = new ArrayList<>();
    for (Incident incident : incidents) {
      String name = incident.fileName();
      String words = HeadingIds.words(name.substring(0, name.length() - 3));
      String base = words.isEmpty() ? "incident" : "incident-" + words;
      String id = base;
      for (int n = 2; !taken.add(id); n++) {
        id = base + "-" + n;
      }
      ids.add(id);
    }
    return ids;
  }

  private static String capitalize(String s) {
    return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
  }

  private static String seconds(long ms) {
    return ms < 1000 ? ms + " ms"
        : BigDecimal.valueOf(ms, 3).setScale(1, RoundingMode.HALF_UP).toPlainString() + " s";
  }

  private static String duration(Instant from, Instant to) {
    Duration d = Duration.between(from, to);
    if (d.isNegative()) {
      return "an unknown time";
    }
    long h = d.toHours();
    long m = d.toMinutesPart();
    if (h >= 48) {
      return d.toDays() + " days";
    }
    return h > 0 ? h + " h " + m + " min" : d.toMinutes() + " min";
  }
}
