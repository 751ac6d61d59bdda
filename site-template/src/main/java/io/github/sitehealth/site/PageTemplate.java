package io.github.sitehealth.site;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.DataNode;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Evaluator;

/**
 * The HTML templates and the stylesheet, and what every page shares: the Content-Security-Policy,
 * the inline CSS, the footer. Pages need no script, no font and no asset from the network.
 */
final class PageTemplate {

  /** No scripts, no frames, no forms, no remote anything; inline styles and local images only. */
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; form-action 'none'";

  /** The search page's script: the one script any page has, allowed by its hash. */
  static final String SEARCH_SCRIPT = resource("search.js");

  static final String STATUS = "status.html";
  static final String RUNBOOK = "runbook.html";

  private static final DateTimeFormatter SHOWN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  /**
   * The templates with the policy and the stylesheet in, parsed once per class loader (they are
   * the jar's, never changed); each page is a copy.
   */
  private record Parsed(Document status, Document runbook) {}

  private static Parsed parsed;

  private final Parsed templates = parsed();

  /**
   * The parsed templates, parsed by the first caller.
   *
   * @throws IllegalStateException when a template is missing from the jar (each caller is told)
   */
  private static synchronized Parsed parsed() {
    if (parsed == null) {
      String css = resource("site.css");
      parsed = new Parsed(parse(STATUS, css), parse(RUNBOOK, css));
    }
    return parsed;
  }

  /**
   * Parses the templates now, so that the first page written later does not wait for it (a cold
   * JVM takes about 0.1 s, most of it loading Jsoup's parser).
   */
  static void prepare() {
    parsed();
  }

  /**
   * The SHA-256 of what a runbook page is made of besides its runbook: the template, the
   * stylesheet and the search page's script, hex.
   */
  static String sha256() {
    return PrebuiltLibrary.sha256(List.of(resource(RUNBOOK), resource("site.css"), SEARCH_SCRIPT));
  }

  /** A fresh copy of the template with the policy, the stylesheet and the title filled in. */
  Document page(String template, String title) {
    Document original = template.equals(STATUS) ? templates.status() : templates.runbook();
    Document doc;
    // Pages are written on several threads; a copy only reads the original, but never two at once.
    synchronized (original) {
      doc = original.clone();
    }
    doc.title(title);
    return doc;
  }

  /** How every page is written: as parsed (no pretty printing), UTF-8. */
  static Document.OutputSettings outputSettings() {
    return new Document.OutputSettings().prettyPrint(false).charset(StandardCharsets.UTF_8);
  }

  private static Document parse(String template, String css) {
    Document doc = Jsoup.parse(resource(template));
    doc.outputSettings(outputSettings());
    Element charset = doc.head().selectFirst("meta[charset]");
    Element csp = new Element("meta")
        .attr("http-equiv", "Content-Security-Policy")
        .attr("content", CONTENT_SECURITY_POLICY);
    charset.after(csp);
    doc.head().selectFirst("style").appendChild(new DataNode(css));
    return doc;
  }

  /**
   * Adds an inline script at the end of the body and allows exactly it, by its SHA-256, in the
   * page's Content-Security-Policy; any other script stays blocked.
   */
  static void script(Document doc, String script) {
    Element csp = doc.head().selectFirst("meta[http-equiv=Content-Security-Policy]");
    csp.attr("content", csp.attr("content") + "; script-src '" + scriptHash(script) + "'");
    doc.body().appendElement("script").appendChild(new DataNode(script));
  }

  /** The CSP source of a script's text, e.g. {@code sha256-...}. */
  static String scriptHash(String script) {
    try {
      byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
          .digest(script.getBytes(StandardCharsets.UTF_8));
      return "sha256-" + java.util.Base64.getEncoder().encodeToString(digest);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
  }

  /** The element marked {@code data-slot="name"} in the template. */
  static Element slot(Document doc, String name) {
    Element slot = doc.selectFirst(new Evaluator.AttributeWithValue("data-slot", name));
    if (slot == null) {
      throw new IllegalStateException("template has no slot " + name);
    }
    return slot;
  }

  /**
   * The finished page with {@code text} where the comment {@code <!--name-->} was: a part
   * written as text, not as Jsoup nodes, put in after the page is serialized.
   *
   * @throws IllegalStateException when the page has no such comment
   */
  static String atMark(String page, String name, CharSequence text) {
    String mark = "<!--" + name + "-->";
    int at = page.indexOf(mark);
    if (at < 0) {
      throw new IllegalStateException("the page has no place marked " + name);
    }
    return new StringBuilder(page.length() + text.length()).append(page, 0, at).append(text)
        .append(page, at + mark.length(), page.length()).toString();
  }

  /** The finished page: slot markers removed. */
  static String html(Document doc) {
    doc.select("[data-slot]").removeAttr("data-slot");
    return doc.outerHtml();
  }

  /** A {@code <time>} element showing the instant in UTC, to the minute. */
  static Element time(Element parent, Instant instant) {
    return parent.appendElement("time").attr("datetime", instant.toString()).text(SHOWN.format(instant));
  }

  static String shown(Instant instant) {
    return SHOWN.format(instant);
  }

  static void footer(Document doc, Instant generatedAt) {
    Element footer = slot(doc, "footer");
    footer.appendText("Generated by site-health at ");
    time(footer, generatedAt);
    footer.appendText(".");
  }

  private static String resource(String name) {
    try (InputStream in = PageTemplate.class.getResourceAsStream("templates/" + name)) {
      if (in == null) {
        throw new IllegalStateException("template " + name + " is missing from the site-template jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
