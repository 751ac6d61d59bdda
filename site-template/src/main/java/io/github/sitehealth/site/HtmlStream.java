package io.github.sitehealth.site;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayDeque;
import java.util.Deque;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Entities;

/**
 * HTML elements written one after the other as text, with no Jsoup tree behind them: for what
 * the status page repeats for every check (a row, its uptime bars), thousands of times in a large
 * run, where a tree per row costs more than the rest of the page. The page around them is still
 * a Jsoup document.
 *
 * <p>Every text and attribute value goes through Jsoup's {@link Entities#escape(String,
 * Document.OutputSettings)}, which escapes {@code & < > " '} (and what the charset cannot hold),
 * so a value cannot end its element or attribute. Tag and attribute names are the callers' own
 * constants, never data.
 */
final class HtmlStream {

  /** No attributes. */
  static final String[] NONE = {};

  private final StringBuilder html = new StringBuilder(4096);
  private final Deque<String> open = new ArrayDeque<>();
  private final Document.OutputSettings settings;

  HtmlStream(Document.OutputSettings settings) {
    this.settings = settings;
  }

  /**
   * Opens an element.
   *
   * @param attributes names and values in turn; a {@code null} value is a boolean attribute
   *     written by its name alone, e.g. {@code open}
   */
  HtmlStream start(String tag, String... attributes) {
    if (attributes.length % 2 != 0) {
      throw new IllegalArgumentException("attributes come in name and value pairs: " + tag);
    }
    html.append('<').append(tag);
    for (int i = 0; i < attributes.length; i += 2) {
      html.append(' ').append(attributes[i]);
      if (attributes[i + 1] != null) {
        html.append("=\"").append(Entities.escape(attributes[i + 1], settings)).append('"');
      }
    }
    html.append('>');
    open.push(tag);
    return this;
  }

  /** Names and values in turn, for {@link #start} when they depend on a condition. */
  static String[] attributes(String... namesAndValues) {
    return namesAndValues;
  }

  /** A boolean attribute when {@code on}, e.g. {@code open} on a {@code <details>}; else none. */
  static String[] flag(String name, boolean on) {
    return on ? new String[] {name, null} : NONE;
  }

  /** Closes the element opened last. */
  HtmlStream end() {
    html.append("</").append(open.pop()).append('>');
    return this;
  }

  /**
   * Leaves the element opened last open: what follows it is written by other means, and so is
   * its end tag (a {@code <tbody>} whose rows are streamed after its heading, say).
   */
  HtmlStream leftOpen() {
    open.pop();
    return this;
  }

  HtmlStream text(String text) {
    html.append(Entities.escape(text, settings));
    return this;
  }

  /** An element holding only text: {@code <tag ...>text</tag>}. */
  HtmlStream element(String tag, String text, String... attributes) {
    return start(tag, attributes).text(text).end();
  }

  /** An element with nothing in it, e.g. an SVG {@code <path>}. */
  HtmlStream empty(String tag, String... attributes) {
    return start(tag, attributes).end();
  }

  /**
   * Writes what was built since the last flush and forgets it.
   *
   * @throws IllegalStateException when an element is still open
   * @throws IOException when the writer fails
   */
  void flush(Writer out) throws IOException {
    if (!open.isEmpty()) {
      throw new IllegalStateException("elements left open: " + open);
    }
    out.append(html);
    html.setLength(0);
  }

  @Override
  public String toString() {
    return html.toString();
  }
}
