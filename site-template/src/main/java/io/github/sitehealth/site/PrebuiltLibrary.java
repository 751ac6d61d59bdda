package io.github.sitehealth.site;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The default runbook library as the build rendered it: {@code runbooks/library.json} in this
 * jar, written by {@link #main} after compiling. A run then reads the nine default pages' HTML,
 * sections and commands instead of parsing their Markdown (no Flexmark, unless the team has
 * runbooks of its own). The file names the SHA-256 of the Markdown it was rendered from, and is
 * used only when that matches the Markdown in the jar; otherwise the pages are rendered as before.
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

  private static final ObjectMapper JSON = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

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
    JSON.writeValue(file.toFile(), contents);
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
      Contents contents = JSON.readValue(in, new TypeReference<Contents>() {});
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
