package io.github.sitehealth.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The status page is written as a stream: 20,000 checks fit in a 64 MB heap, where a page built
 * whole in memory needed more than 256 MB. Runs {@link StatusPageAtScale} in a child JVM with that
 * heap; it fails with an OutOfMemoryError if the page's memory grows with its rows.
 */
class StatusPageMemoryTest {

  @Test
  void twentyThousandChecksAreWrittenInASmallHeap() throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(List.of(java, "-Xmx64m", "-cp",
            System.getProperty("java.class.path"), StatusPageAtScale.class.getName(),
            "20000", "1", "1"))
        .redirectErrorStream(true)
        .start();
    // Bounded: the child is killed if it does not end (a few seconds on a quiet machine).
    boolean ended = child.waitFor(5, TimeUnit.MINUTES);
    if (!ended) {
      child.destroyForcibly();
    }
    String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(ended).as("ended within 5 minutes").isTrue();
    assertThat(child.exitValue()).as(output).isZero();
    assertThat(output).contains("20000 checks x 1 runs", "21 pages");
    Matcher index = Pattern.compile("index.html (\\d+) KiB").matcher(output);
    assertThat(index.find()).as(output).isTrue();
    assertThat(Long.parseLong(index.group(1))).as("index.html KiB").isLessThanOrEqualTo(3 * 1024);
  }
}
