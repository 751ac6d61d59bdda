package io.github.sitehealth.site;

import io.github.sitehealth.core.history.HistoryEntry;
import io.github.sitehealth.core.result.CheckStatus;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * {@code feed.xml}: an Atom feed (RFC 4287) of incidents and of checks changing status, newest
 * first, for feed readers and chat integrations. A status change is a check whose status in one
 * run differs from its status in the run before, as the history records them; at most {@link
 * #MAX_ENTRIES} entries. Entry ids are {@code urn:uuid:} names derived from what the entry is
 * about (RFC 4287 §4.2.6: an id never changes), so a reader does not show an entry twice.
 */
final class StatusFeed {

  static final String FILE_NAME = "feed.xml";
  static final int MAX_ENTRIES = 100;
  private static final String ATOM = "http://www.w3.org/2005/Atom";

  private StatusFeed() {}

  /** One entry: what happened, when, and the page it links to. */
  private record Entry(String id, String title, Instant updated, String summary, String link) {}

  static void write(OutputStream out, String title, CheckHistory history, List<Incident> incidents,
      Instant generatedAt) throws IOException {
    List<Entry> entries = new ArrayList<>();
    for (Incident i : incidents) {
      Instant updated = i.resolved().or(i::started).orElse(generatedAt);
      entries.add(new Entry(id("incident/" + i.fileName() + "/" + i.status()),
          i.title() + " (" + i.status() + ")", updated,
          (i.ongoing() ? "Ongoing incident" : "Resolved incident")
              + (i.affects().isEmpty() ? "" : ", affects " + String.join(", ", i.affects())),
          "index.html#" + StatusPage.incidentIds(List.of(i)).get(0)));
    }
    entries.addAll(statusChanges(history));
    entries.sort(Comparator.comparing(Entry::updated).reversed());
    List<Entry> shown = entries.subList(0, Math.min(MAX_ENTRIES, entries.size()));
    try {
      // The JDK's own writer, without newFactory()'s search of the class loader's service files.
      XMLStreamWriter x = XMLOutputFactory.newDefaultFactory()
          .createXMLStreamWriter(out, StandardCharsets.UTF_8.name());
      x.writeStartDocument(StandardCharsets.UTF_8.name(), "1.0");
      x.writeStartElement("feed");
      x.writeDefaultNamespace(ATOM);
      element(x, "title", title);
      element(x, "id", id("feed/" + title));
      element(x, "updated", (shown.isEmpty() ? generatedAt : shown.get(0).updated()).toString());
      x.writeStartElement("author");
      element(x, "name", "site-health");
      x.writeEndElement();
      link(x, "index.html");
      for (Entry e : shown) {
        x.writeStartElement("entry");
        element(x, "title", e.title());
        element(x, "id", e.id());
        element(x, "updated", e.updated().toString());
        element(x, "summary", e.summary());
        link(x, e.link());
        x.writeEndElement();
      }
      x.writeEndElement();
      x.writeEndDocument();
      x.close();
    } catch (XMLStreamException e) {
      throw new IOException("cannot write " + FILE_NAME + ": " + e.getMessage(), e);
    }
  }

  /** Every check's status changes over the history, newest first per check. */
  private static List<Entry> statusChanges(CheckHistory history) {
    List<Entry> changes = new ArrayList<>();
    List<HistoryEntry> runs = history.newestFirst();
    for (String check : history.names()) {
      for (int i = 0; i + 1 < runs.size(); i++) {
        Optional<HistoryEntry.CheckSample> now = history.sample(check, i);
        Optional<HistoryEntry.CheckSample> before = history.sample(check, i + 1);
        if (now.isEmpty() || before.isEmpty() || now.get().status() == before.get().status()) {
          continue;
        }
        CheckStatus status = now.get().status();
        Instant at = runs.get(i).startedAt();
        changes.add(new Entry(id("check/" + check + "/" + at), check + " is " + status
            + " (was " + before.get().status() + ")", at,
            now.get().code().map(c -> c + now.get().hop().map(h -> ", hop " + h.id()).orElse(""))
                .orElse("No finding"),
            "index.html"));
      }
    }
    return changes;
  }

  private static String id(String name) {
    return "urn:uuid:" + UUID.nameUUIDFromBytes(("site-health/" + name)
        .getBytes(StandardCharsets.UTF_8));
  }

  private static void element(XMLStreamWriter x, String name, String text)
      throws XMLStreamException {
    x.writeStartElement(name);
    x.writeCharacters(text);
    x.writeEndElement();
  }

  private static void link(XMLStreamWriter x, String href) throws XMLStreamException {
    x.writeEmptyElement("link");
    x.writeAttribute("href", href);
  }
}
