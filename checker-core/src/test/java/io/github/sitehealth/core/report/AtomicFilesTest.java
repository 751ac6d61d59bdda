package io.github.sitehealth.core.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AtomicFilesTest {

  @TempDir Path dir;

  private static AtomicFiles.Content text(String s) {
    return out -> out.write(s.getBytes(StandardCharsets.UTF_8));
  }

  private Stream<String> filesIn(Path d) throws IOException {
    try (Stream<Path> files = Files.list(d)) {
      return files.map(p -> p.getFileName().toString()).toList().stream();
    }
  }

  @Test
  void createsTheFileAndItsDirectories() throws IOException {
    Path target = dir.resolve("a/b/results.json");

    AtomicFiles.write(target, text("one"));

    assertThat(target).hasContent("one");
    assertThat(filesIn(target.getParent())).containsExactly("results.json");
  }

  @Test
  void replacesTheContentWithoutLeavingTemporaryFiles() throws IOException {
    Path target = dir.resolve("results.json");
    AtomicFiles.write(target, text("a much longer first content"));

    AtomicFiles.write(target, text("second"));

    assertThat(target).hasContent("second");
    assertThat(filesIn(dir)).containsExactly("results.json");
  }

  @Test
  void aFailingContentLeavesTheOldFileIntact() throws IOException {
    Path target = dir.resolve("results.json");
    AtomicFiles.write(target, text("old"));

    assertThatThrownBy(
            () ->
                AtomicFiles.write(
                    target,
                    out -> {
                      out.write("half of the new".getBytes(StandardCharsets.UTF_8));
                      throw new IOException("disk full");
                    }))
        .isInstanceOf(IOException.class)
        .hasMessage("disk full");

    assertThat(target).hasContent("old");
    assertThat(filesIn(dir)).containsExactly("results.json");
  }

  @Test
  void anUncheckedFailureLeavesNoTemporaryFileEither() throws IOException {
    Path target = dir.resolve("new.json");

    assertThatThrownBy(
            () ->
                AtomicFiles.write(
                    target,
                    out -> {
                      throw new IllegalStateException("bug in a writer");
                    }))
        .isInstanceOf(IllegalStateException.class);

    assertThat(target).doesNotExist();
    assertThat(filesIn(dir)).isEmpty();
  }

  @Test
  void aRelativeTargetIsWrittenWhereItPoints() throws IOException {
    Path target = Path.of("target", "atomic-files-test", dir.getFileName().toString(), "r.json");
    try {
      AtomicFiles.write(target, text("relative"));

      assertThat(target).hasContent("relative");
    } finally {
      Files.deleteIfExists(target);
      Files.deleteIfExists(target.getParent());
    }
  }

  @Test
  void aNewFileIsAsReadableAsAnyOtherFileTheBuildWrites() throws IOException {
    Path plain = Files.writeString(dir.resolve("plain.txt"), "x");
    Path target = dir.resolve("index.html");

    AtomicFiles.write(target, text("<html>"));

    assertThat(Files.getPosixFilePermissions(target))
        .isEqualTo(Files.getPosixFilePermissions(plain));
  }

  @Test
  void aReplacedFileKeepsItsPermissions() throws IOException {
    Path target = Files.writeString(dir.resolve("history.jsonl"), "old\n");
    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-rw----"));

    AtomicFiles.write(target, text("new\n"));

    assertThat(target).hasContent("new");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target)))
        .isEqualTo("rw-rw----");
  }

  @Test
  void writeIfChangedKeepsTheModeOfAFileItReplacesAndGivesANewOneTheUsualMode()
      throws IOException {
    Path plain = Files.writeString(dir.resolve("plain.txt"), "x");
    Path replaced = Files.writeString(dir.resolve("api.svg"), "<svg>up</svg>");
    Files.setPosixFilePermissions(replaced, PosixFilePermissions.fromString("rw-rw----"));

    AtomicFiles.writeIfChanged(replaced, bytes("<svg>down</svg>"));
    AtomicFiles.writeIfChanged(dir.resolve("new.svg"), bytes("<svg>up</svg>"));

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(replaced)))
        .isEqualTo("rw-rw----");
    assertThat(Files.getPosixFilePermissions(dir.resolve("new.svg")))
        .isEqualTo(Files.getPosixFilePermissions(plain));
    assertThat(filesIn(dir)).containsExactlyInAnyOrder("plain.txt", "api.svg", "new.svg");
  }

  @Test
  void writeIfChangedLeavesAFileThatHoldsTheSameBytesUntouched() throws IOException {
    Path target = dir.resolve("api.svg");
    assertThat(AtomicFiles.writeIfChanged(target, bytes("<svg>up</svg>"))).isTrue();
    FileTime written = FileTime.fromMillis(1_000_000_000_000L);
    Files.setLastModifiedTime(target, written);
    Object inode = Files.readAttributes(target, BasicFileAttributes.class).fileKey();

    assertThat(AtomicFiles.writeIfChanged(target, bytes("<svg>up</svg>"))).isFalse();

    assertThat(target).hasContent("<svg>up</svg>");
    assertThat(Files.getLastModifiedTime(target)).isEqualTo(written);
    assertThat(Files.readAttributes(target, BasicFileAttributes.class).fileKey()).isEqualTo(inode);
  }

  @Test
  void writeIfChangedReplacesOtherBytesOfTheSameLengthOrAnother() throws IOException {
    Path target = dir.resolve("api.svg");
    AtomicFiles.writeIfChanged(target, bytes("<svg>up</svg>"));

    assertThat(AtomicFiles.writeIfChanged(target, bytes("<svg>UP</svg>"))).isTrue();
    assertThat(target).hasContent("<svg>UP</svg>");
    assertThat(AtomicFiles.writeIfChanged(target, bytes("<svg>down</svg>"))).isTrue();
    assertThat(target).hasContent("<svg>down</svg>");
    assertThat(filesIn(dir)).containsExactly("api.svg");
  }

  /** A link is replaced whether it leads to other bytes or to the same ones. */
  @ParameterizedTest
  @ValueSource(strings = {"<svg>down</svg>", "<svg>up</svg>"})
  void writeIfChangedReplacesALinkRatherThanWritingThroughIt(String content) throws IOException {
    Path elsewhere = Files.writeString(dir.resolve("elsewhere.svg"), "<svg>up</svg>");
    Path target = Files.createSymbolicLink(dir.resolve("api.svg"), elsewhere);

    assertThat(AtomicFiles.writeIfChanged(target, bytes(content))).isTrue();

    assertThat(Files.isSymbolicLink(target)).isFalse();
    assertThat(target).hasContent(content);
    assertThat(elsewhere).hasContent("<svg>up</svg>");
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
