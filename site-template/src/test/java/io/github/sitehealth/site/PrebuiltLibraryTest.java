package io.github.sitehealth.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The default runbooks the build rendered into the jar are the ones rendering their Markdown now
 * gives, and are not used for other Markdown.
 */
class PrebuiltLibraryTest {

  @Test
  void theBuildRenderedTheDefaultLibraryAsRenderingItNowDoes() throws Exception {
    List<Runbook> prebuilt = PrebuiltLibrary.read(RunbookLibrary.defaultMarkdown())
        .orElseThrow(() -> new AssertionError(PrebuiltLibrary.RESOURCE + " is missing or stale:"
            + " the build's process-classes phase writes it"));

    assertThat(prebuilt).isEqualTo(RunbookLibrary.renderDefaults());
    assertThat(prebuilt).allSatisfy(r -> assertThat(r.commands()).allSatisfy((section, commands) ->
        assertThat(commands).allSatisfy(c -> assertThat(c).isInstanceOf(Runbook.Command.class))));
  }

  @Test
  void theLibraryARunLoadsIsTheRenderedOne() throws Exception {
    assertThat(RunbookLibrary.defaults().runbooks()).isEqualTo(RunbookLibrary.renderDefaults());
  }

  @Test
  void otherMarkdownIsRenderedNotReadFromTheJar() throws Exception {
    List<String> edited = new ArrayList<>(RunbookLibrary.defaultMarkdown());
    edited.set(0, edited.get(0) + "\nOne more line.\n");

    assertThat(PrebuiltLibrary.read(edited)).isEmpty();
  }

  @Test
  void pagesCannotTradeTextAcrossTheirBoundary() {
    assertThat(PrebuiltLibrary.sha256(List.of("ab", "c")))
        .isNotEqualTo(PrebuiltLibrary.sha256(List.of("a", "bc")));
  }
}
