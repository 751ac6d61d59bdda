package io.github.sitehealth.site;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The default runbook library as the build rendered it: {@code runbooks/library.json} in this
 * jar, written by {@link #main} after compiling. A run then reads the nine default pages' HTML,
 * sections and commands instead of parsing their Markdown (no Flexmark, unless the team has
 * runbooks of its own). The file names the SHA-256 of the Markdown it was rendered from, and is
 * used only when that matches the Markdown in the jar; otherwise the pages are rendered as before.
 * The file is written and read with Jackson's streaming API, field by field: a run reads it with
 * no data binding (Jackson's databind costs a cold JVM about half a second of class loading and
 * introspection for these records, on the thread that loads the library while the checks run).
 *
 * <p>It also holds the library's finished pages ({@code runbooks/*.html} and the search page) as
 * they are written when the team has no runbooks of its own, with a stand-in for the time in
 * their footer, and the SHA-256 of the templates they were written with; a run writes them with
 * its own time instead of building them again, when the templates in the jar are those.
 */
public final class PrebuiltLibrary {

  /** The resource, relative to this class. */
  static final String RESOURCE = "runbooks/library.json";

  /**
   * What the file holds.
   *
   * @param markdownSha256 the SHA-256 of the default pages' Markdown, in library order, hex
   * @param runbooks the rendered pages, in library order
   * @param pagesSha256 the SHA-256 of the template, stylesheet and script the pages were written
   *     with ({@link PageTemplate#sha256()}), hex
   * @param pages page name to the finished page, {@link #GENERATED_AT} in its footer
   */
  record Contents(
      String markdownSha256, List<Runbook> runbooks, String pagesSha256, Map<String, String> pages) {}

  /**
   * What the jar holds for the Markdown it was asked about.
   *
   * @param runbooks the rendered pages, in library order
   * @param pages page name (e.g. {@code dns.html}, {@code search.html}) to the finished page with
   *     {@link #GENERATED_AT} in its footer; empty when the templates are not the ones they were
   *     written with
   */
  record Prebuilt(List<Runbook> runbooks, Map<String, String> pages) {}

  /** The stand-in for the generation time in the prebuilt pages' footers. */
  static final Instant GENERATED_AT = Instant.parse("2999-12-31T23:59:00Z");

  private static final JsonFactory JSON = new JsonFactory();

  private PrebuiltLibrary() {}

  /**
   * Renders the default library and writes it where the jar's classes are.
   *
   * @param args the classes directory, e.g. {@code target/classes}
   * @throws IOException when it cannot be written
   * @throws IllegalStateException when a default page gives a warning
   */
  public static void main(String[] args) throws IOException {
    Path file = Path.of(args[0]).resolve(
        PrebuiltLibrary.class.getPackageName().replace('.', '/')).resolve(RESOURCE);
    List<Runbook> runbooks = RunbookLibrary.renderDefaults();
    Contents contents = new Contents(sha256(RunbookLibrary.defaultMarkdown()), runbooks,
        PageTemplate.sha256(), pages(runbooks));
    Files.createDirectories(file.getParent());
    try (JsonGenerator out = JSON.createGenerator(file.toFile(), JsonEncoding.UTF8)) {
      write(contents, out);
    }
  }

  /** Writes the contents as one JSON object, the fields in the order of {@link Contents}. */
  static void write(Contents contents, JsonGenerator out) throws IOException {
    out.writeStartObject();
    out.writeStringField("markdownSha256", contents.markdownSha256());
    out.writeArrayFieldStart("runbooks");
    for (Runbook runbook : contents.runbooks()) {
      out.writeStartObject();
      out.writeStringField("fileName", runbook.fileName());
      out.writeStringField("source", runbook.source().name());
      out.writeStringField("title", runbook.title());
      out.writeStringField("summary", runbook.summary());
      out.writeArrayFieldStart("codes");
      for (String code : runbook.codes()) {
        out.writeString(code);
      }
      out.writeEndArray();
      out.writeArrayFieldStart("sections");
      for (Runbook.Section section : runbook.sections()) {
        out.writeStartObject();
        out.writeStringField("id", section.id());
        out.writeNumberField("level", section.level());
        out.writeStringField("title", section.title());
        out.writeEndObject();
      }
      out.writeEndArray();
      out.writeStringField("html", runbook.html());
      out.writeObjectFieldStart("commands");
      // sorted, so that the same library always gives the same file
      for (Map.Entry<String, List<Runbook.Command>> section :
          new TreeMap<>(runbook.commands()).entrySet()) {
        out.writeArrayFieldStart(section.getKey());
        for (Runbook.Command command : section.getValue()) {
          out.writeStartObject();
          out.writeStringField("language", command.language());
          out.writeStringField("text", command.text());
          out.writeEndObject();
        }
        out.writeEndArray();
      }
      out.writeEndObject();
      out.writeEndObject();
    }
    out.writeEndArray();
    out.writeStringField("pagesSha256", contents.pagesSha256());
    out.writeObjectFieldStart("pages");
    for (Map.Entry<String, String> page : contents.pages().entrySet()) {
      out.writeStringField(page.getKey(), page.getValue());
    }
    out.writeEndObject();
    out.writeEndObject();
  }

  /**
   * Reads what {@link #write} wrote.
   *
   * @throws IOException when the stream is not such a file: not JSON, a field missing, of another
   *     type, or one it does not know
   */
  static Contents read(InputStream in) throws IOException {
    try (JsonParser json = JSON.createParser(in)) {
      json.nextToken();
      expect(json, JsonToken.START_OBJECT);
      String markdownSha256 = null;
      List<Runbook> runbooks = null;
      String pagesSha256 = null;
      Map<String, String> pages = null;
      while (json.nextToken() == JsonToken.FIELD_NAME) {
        String field = json.currentName();
        json.nextToken();
        switch (field) {
          case "markdownSha256" -> markdownSha256 = text(json);
          case "runbooks" -> runbooks = list(json, () -> runbook(json));
          case "pagesSha256" -> pagesSha256 = text(json);
          case "pages" -> pages = map(json, () -> text(json));
          default -> throw unknown(json, field);
        }
      }
      if (json.nextToken() != null) {
        throw new JsonParseException(json, "more after the library's object");
      }
      return new Contents(required(json, markdownSha256, "markdownSha256"),
          required(json, runbooks, "runbooks"), required(json, pagesSha256, "pagesSha256"),
          required(json, pages, "pages"));
    }
  }

  private static Runbook runbook(JsonParser json) throws IOException {
    expect(json, JsonToken.START_OBJECT);
    String fileName = null;
    Runbook.Source source = null;
    String title = null;
    String summary = null;
    List<String> codes = null;
    List<Runbook.Section> sections = null;
    String html = null;
    Map<String, List<Runbook.Command>> commands = null;
    while (json.nextToken() == JsonToken.FIELD_NAME) {
      String field = json.currentName();
      json.nextToken();
      switch (field) {
        case "fileName" -> fileName = text(json);
        case "source" -> source = source(json);
        case "title" -> title = text(json);
        case "summary" -> summary = text(json);
        case "codes" -> codes = list(json, () -> text(json));
        case "sections" -> sections = list(json, () -> section(json));
        case "html" -> html = text(json);
        case "commands" -> commands = map(json, () -> list(json, () -> command(json)));
        default -> throw unknown(json, field);
      }
    }
    return new Runbook(required(json, fileName, "fileName"), required(json, source, "source"),
        required(json, title, "title"), required(json, summary, "summary"),
        required(json, codes, "codes"), required(json, sections, "sections"),
        required(json, html, "html"), required(json, commands, "commands"));
  }

  private static Runbook.Section section(JsonParser json) throws IOException {
    expect(json, JsonToken.START_OBJECT);
    String id = null;
    Integer level = null;
    String title = null;
    while (json.nextToken() == JsonToken.FIELD_NAME) {
      String field = json.currentName();
      json.nextToken();
      switch (field) {
        case "id" -> id = text(json);
        case "level" -> level = number(json);
        case "title" -> title = text(json);
        default -> throw unknown(json, field);
      }
    }
    return new Runbook.Section(required(json, id, "id"), required(json, level, "level"),
        required(json, title, "title"));
  }

  private static Runbook.Command command(JsonParser json) throws IOException {
    expect(json, JsonToken.START_OBJECT);
    String language = null;
    String text = null;
    while (json.nextToken() == JsonToken.FIELD_NAME) {
      String field = json.currentName();
      json.nextToken();
      switch (field) {
        case "language" -> language = text(json);
        case "text" -> text = text(json);
        default -> throw unknown(json, field);
      }
    }
    return new Runbook.Command(required(json, language, "language"), required(json, text, "text"));
  }

  /** A value read from the parser, which stands on its first token. */
  @FunctionalInterface
  private interface Value<T> {
    T read() throws IOException;
  }

  private static <T> List<T> list(JsonParser json, Value<T> item) throws IOException {
    expect(json, JsonToken.START_ARRAY);
    List<T> items = new ArrayList<>();
    while (json.nextToken() != JsonToken.END_ARRAY) {
      items.add(item.read());
    }
    return items;
  }

  private static <T> Map<String, T> map(JsonParser json, Value<T> value) throws IOException {
    expect(json, JsonToken.START_OBJECT);
    Map<String, T> map = new LinkedHashMap<>();
    while (json.nextToken() == JsonToken.FIELD_NAME) {
      String key = json.currentName();
      json.nextToken();
      map.put(key, value.read());
    }
    return map;
  }

  private static String text(JsonParser json) throws IOException {
    expect(json, JsonToken.VALUE_STRING);
    return json.getText();
  }

  private static Integer number(JsonParser json) throws IOException {
    expect(json, JsonToken.VALUE_NUMBER_INT);
    return json.getIntValue();
  }

  private static Runbook.Source source(JsonParser json) throws IOException {
    String name = text(json);
    try {
      return Runbook.Source.valueOf(name);
    } catch (IllegalArgumentException e) {
      throw new JsonParseException(json, "unknown source " + name);
    }
  }

  private static void expect(JsonParser json, JsonToken token) throws IOException {
    if (json.currentToken() != token) {
      throw new JsonParseException(json, "expected " + token + ", found " + json.currentToken());
    }
  }

  private static IOException unknown(JsonParser json, String field) {
    return new JsonParseException(json, "unknown field \"" + field + "\"");
  }

  private static <T> T required(JsonParser json, T value, String field) throws IOException {
    if (value == null) {
      throw new JsonParseException(json, "no \"" + field + "\" in the object that ends here");
    }
    return value;
  }

  /**
   * The prebuilt pages, when the jar holds them and they were rendered from this Markdown.
   *
   * @param markdown the default pages' Markdown, in library order
   */
  static Optional<Prebuilt> read(List<String> markdown) {
    try (InputStream in = PrebuiltLibrary.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        return Optional.empty();
      }
      Contents contents = read(in);
      if (!contents.markdownSha256().equals(sha256(markdown))) {
        return Optional.empty();
      }
      boolean pages = contents.pages() != null
          && PageTemplate.sha256().equals(contents.pagesSha256());
      return Optional.of(new Prebuilt(List.copyOf(contents.runbooks()),
          pages ? Map.copyOf(contents.pages()) : Map.of()));
    } catch (IOException e) {
      // A damaged file costs the time of rendering, nothing else.
      return Optional.empty();
    }
  }

  /**
   * The library's pages as a run without team runbooks writes them, at {@link #GENERATED_AT}.
   *
   * @throws IllegalStateException when a page does not show that time exactly once, where
   *     {@link #at} puts the run's
   */
  private static Map<String, String> pages(List<Runbook> runbooks) {
    PageTemplate template = new PageTemplate();
    RunbookPage pages = new RunbookPage(template, runbooks);
    Map<String, String> written = new LinkedHashMap<>();
    for (Runbook runbook : runbooks) {
      written.put(runbook.pageName(), pages.render(runbook, GENERATED_AT));
    }
    written.put(SearchPage.FILE_NAME, new SearchPage(template).render(runbooks, GENERATED_AT));
    written.forEach((name, html) -> {
      for (String shown : shown(GENERATED_AT)) {
        if (html.indexOf(shown) < 0 || html.indexOf(shown) != html.lastIndexOf(shown)) {
          throw new IllegalStateException(name + " does not show " + shown + " exactly once");
        }
      }
    });
    return written;
  }

  /** A prebuilt page with the run's time in place of {@link #GENERATED_AT}. */
  static String at(String page, Instant generatedAt) {
    List<String> stand = shown(GENERATED_AT);
    List<String> real = shown(generatedAt);
    return page.replace(stand.get(0), real.get(0)).replace(stand.get(1), real.get(1));
  }

  /** How a page shows the time ({@link PageTemplate#time}): the attribute, and the text. */
  private static List<String> shown(Instant at) {
    return List.of("datetime=\"" + at + "\"", ">" + PageTemplate.shown(at) + "<");
  }

  /** The SHA-256 of texts in turn (Markdown pages, templates), hex. */
  static String sha256(List<String> texts) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (String text : texts) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        // the length first, so that texts cannot trade characters across their boundary
        digest.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
        digest.update((byte) 0);
        digest.update(bytes);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
  }
}
