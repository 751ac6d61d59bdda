package io.github.sitehealth.site;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** When BrowserTest runs, skips or fails; separate from it, since a skip there skips the whole class. */
class BrowserRequirementTest {

  @TempDir Path dir;

  @Test
  void aMissingBrowserSkipsOnADevelopersMachine() {
    Path absent = dir.resolve("chromium");
    for (String ci : new String[] {null, "", "false", "1"}) {
      assertThatThrownBy(() -> BrowserTest.requireBrowser(List.of(absent), ci))
          .isInstanceOf(TestAbortedException.class)
          .hasMessageContaining("missing: " + absent)
          .hasMessageContaining("apt-get install chromium chromium-driver");
    }
  }

  @Test
  void aMissingBrowserFailsOnCi() {
    Path absent = dir.resolve("chromedriver");
    assertThatThrownBy(() -> BrowserTest.requireBrowser(List.of(absent), "true"))
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageContaining("missing: " + absent)
        .hasMessageContaining("CI=true");
  }

  @Test
  void presentBinariesNeitherSkipNorFail() {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    assertThatCode(() -> BrowserTest.requireBrowser(List.of(java), "true")).doesNotThrowAnyException();
  }
}
