package io.github.sitehealth.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default runbooks the build rendered into the jar are the ones rendering their Markdown now
 * gives, and are not used for other Markdown.
 */
class PrebuiltLibraryTest {

  @Test
  void theBuildRenderedTheDefaultLibraryAsRenderingItNowDoes() throws Exception {
    List<Runbook> prebuilt = PrebuiltLibrary.read(RunbookLibrary.defaultMarkdown())
        .orElseThrow(() -> new AssertionError(PrebuiltLibrary.RESOURCE + " is missing or stale:"
            + " the build's process-classes phase writes it"))
        .runbooks();

    assertThat(prebuilt).isEqualTo(RunbookLibrary.renderDefaults());
    assertThat(prebuilt).allSatisfy(r -> assertThat(r.commands()).allSatisfy((section, commands) ->
        assertThat(commands).allSatisfy(c -> assertThat(c).isInstanceOf(Runbook.Command.class))));
  }

  @Test
  void theLibraryARunLoadsIsTheRenderedOne() throws Exception {
    assertThat(RunbookLibrary.defaults().runbooks()).isEqualTo(RunbookLibrary.renderDefaults());
  }

  @Test
  void thePrebuiltPagesAreTheOnesWritingThemNowGivesAtTheRunsTime() throws Exception {
    RunbookLibrary library = RunbookLibrary.defaults();
    Instant at = Instant.parse("2026-03-20T09:41:07.123456789Z");
    PageTemplate template = new PageTemplate();
    RunbookPage pages = new RunbookPage(template, library.runbooks());

    for (Runbook runbook : library.runbooks()) {
      assertThat(library.prebuiltPage(runbook.pageName(), at)).as(runbook.pageName())
          .contains(pages.render(runbook, at));
    }
    assertThat(library.prebuiltPage(SearchPage.FILE_NAME, at))
        .contains(new SearchPage(template).render(library.runbooks(), at));
    assertThat(library.prebuiltPage("dns.html", at).orElseThrow())
        .contains("datetime=\"2026-03-20T09:41:07.123456789Z\"", ">2026-03-20 09:41 UTC<")
        .doesNotContain("2999");
  }

  @Test
  void aLibraryWithATeamRunbookWritesItsPagesAnew(@TempDir Path team) throws Exception {
    Files.writeString(team.resolve("payments.md"), "---\ntitle: Payments\n---\n\n# Payments\n");
    RunbookLibrary library = RunbookLibrary.load(Optional.of(team));

    assertThat(library.prebuiltPage("dns.html", Instant.EPOCH)).isEmpty();
    assertThat(library.prebuiltPage(SearchPage.FILE_NAME, Instant.EPOCH)).isEmpty();
  }

  @Test
  void otherMarkdownIsRenderedNotReadFromTheJar() throws Exception {
    List<String> edited = new ArrayList<>(RunbookLibrary.defaultMarkdown());
    edited.set(0, edited.get(0) + "\nOne more line.\n");

    assertThat(PrebuiltLibrary.read(edited)).isEmpty();
  }

  @Test
  void whatIsWrittenReadsBackTheSame() throws Exception {
    PrebuiltLibrary.Contents contents = new PrebuiltLibrary.Contents("abc",
        RunbookLibrary.renderDefaults(), "def", Map.of("dns.html", "<p>\"quoted\" \u2028 & more</p>"));

    assertThat(PrebuiltLibrary.read(new ByteArrayInputStream(written(contents))))
        .isEqualTo(contents);
  }

  @Test
  void aDamagedFileIsRefusedNotHalfRead() throws Exception {
    PrebuiltLibrary.Contents contents = new PrebuiltLibrary.Contents("abc",
        RunbookLibrary.renderDefaults(), "def", Map.of());
    String json = new String(written(contents), StandardCharsets.UTF_8);

    for (String damaged : List.of(
        json.substring(0, json.length() / 2),
        json.replace("\"level\":2", "\"level\":\"2\""),
        json.replace("\"title\":", "\"titel\":"),
        json.replace("\"summary\":", "\"x\":0,\"summary\":"),
        json.replaceFirst(",\"html\":\"[^\"]*\"", ""),
        json.replace("\"DEFAULT\"", "\"SHIPPED\""),
        json + "{}")) {
      assertThatThrownBy(() -> PrebuiltLibrary.read(
          new ByteArrayInputStream(damaged.getBytes(StandardCharsets.UTF_8))))
          .as(damaged.length() > 300 ? damaged.substring(0, 300) : damaged)
          .isInstanceOf(IOException.class);
    }
  }

  private static byte[] written(PrebuiltLibrary.Contents contents) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (JsonGenerator out = new JsonFactory().createGenerator(bytes)) {
      PrebuiltLibrary.write(contents, out);
    }
    return bytes.toByteArray();
  }

  @Test
  void pagesCannotTradeTextAcrossTheirBoundary() {
    assertThat(PrebuiltLibrary.sha256(List.of("ab", "c")))
        .isNotEqualTo(PrebuiltLibrary.sha256(List.of("a", "bc")));
  }
}
