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
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The default runbook library as the build rendered it: {@code runbooks/library.json} in this
 * jar, written by {@link #main} after compiling. A run then reads the nine default pages' HTML,
 * sections and commands instead of parsing their Markdown (no Flexmark, unless the team has
 * runbooks of its own). The file names the SHA-256 of the Markdown it was rendered from, and is
 * used only when that matches the Markdown in the jar; otherwise the pages are rendered as before.
 */
public final class PrebuiltLibrary {

  /** The resource, relative to this class. */
  static final String RESOURCE = "runbooks/library.json";

  /**
   * What the file holds.
   *
   * @param markdownSha256 the SHA-256 of the default pages' Markdown, in library order, hex
   * @param runbooks the rendered pages, in library order
   */
  record Contents(String markdownSha256, List<Runbook> runbooks) {}

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
    Contents contents = new Contents(
        sha256(RunbookLibrary.defaultMarkdown()), RunbookLibrary.renderDefaults());
    Files.createDirectories(file.getParent());
    JSON.writeValue(file.toFile(), contents);
  }

  /**
   * The prebuilt pages, when the jar holds them and they were rendered from this Markdown.
   *
   * @param markdown the default pages' Markdown, in library order
   */
  static Optional<List<Runbook>> read(List<String> markdown) {
    try (InputStream in = PrebuiltLibrary.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        return Optional.empty();
      }
      Contents contents = JSON.readValue(in, new TypeReference<Contents>() {});
      return contents.markdownSha256().equals(sha256(markdown))
          ? Optional.of(List.copyOf(contents.runbooks()))
          : Optional.empty();
    } catch (IOException e) {
      // A damaged file costs the time of rendering, nothing else.
      return Optional.empty();
    }
  }

  static String sha256(List<String> markdown) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (String page : markdown) {
        byte[] bytes = page.getBytes(StandardCharsets.UTF_8);
        // the length first, so that pages cannot trade text across their boundary
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
