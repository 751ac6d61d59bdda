package io.github.sitehealth.core.report;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a file so that readers see the old content or the new, never a torn one: the bytes go to
 * a temporary file beside the target, which is then moved into place.
 */
public final class AtomicFiles {

  /** Writes the content to the stream it is given. */
  @FunctionalInterface
  public interface Content {
    void writeTo(OutputStream out) throws IOException;
  }

  private AtomicFiles() {}

  /**
   * Replaces {@code target} with what {@code content} writes, creating its directory if need be.
   *
   * @throws IOException when the directory, the temporary file or the move fails; the target is
   *     then as it was
   */
  public static void write(Path target, Content content) throws IOException {
    // Buffered: writers such as StAX emit a byte at a time, each a system call otherwise.
    write(target, content, 64 * 1024, true);
  }

  /**
   * As {@link #write(Path, Content)}, unless {@code target} already holds exactly {@code bytes}:
   * then it is left as it is (its modification time too), which costs a read instead of creating
   * and renaming a file. For small files rewritten on every run with mostly the same content, such
   * as a status badge. A symbolic link in its place is replaced, whatever it points to.
   *
   * @return whether the file was written
   * @throws IOException when the existing file cannot be read, or as {@link #write(Path, Content)}
   */
  public static boolean writeIfChanged(Path target, byte[] bytes) throws IOException {
    BasicFileAttributes existing;
    try {
      existing = Files.readAttributes(target, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      existing = null;
    }
    if (existing != null && existing.isRegularFile() && existing.size() == bytes.length
        && Arrays.equals(Files.readAllBytes(target), bytes)) {
      return false;
    }
    // one write of bytes already in memory: no buffer to fill
    write(target, out -> out.write(bytes), 0, existing != null);
    return true;
  }

  /**
   * Writes {@code target} through a temporary file beside it.
   *
   * @param buffer the bytes buffered before a system call, 0 for none
   * @param mayExist false when the target was just seen not to exist: no permissions to keep
   */
  private static void write(Path target, Content content, int buffer, boolean mayExist)
      throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    // createDirectories throws and catches an exception for a directory that exists: a run that
    // writes 2,000 badges into one directory would pay for 2,000 of them.
    if (!Files.isDirectory(dir)) {
      Files.createDirectories(dir);
    }
    // Not Files.createTempFile: its files are private (0600), and pages published from the output
    // directory must stay readable like any file the build writes (the umask decides). The name
    // only has to be new (CREATE_NEW refuses anything there, a symbolic link too): a random long,
    // not a UUID, which reads the system's secure random source for each file.
    Path tmp = dir.resolve("." + target.getFileName() + "."
        + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
    boolean moved = false;
    try {
      OutputStream file =
          Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      try (OutputStream out = buffer > 0 ? new BufferedOutputStream(file, buffer) : file) {
        content.writeTo(out);
      }
      if (mayExist) {
        keepPermissions(target, tmp);
      }
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      moved = true;
    } finally {
      if (!moved) {
        Files.deleteIfExists(tmp);
      }
    }
  }

  /** A file that is replaced keeps its permissions (a history file shared by a team, say). */
  private static void keepPermissions(Path target, Path tmp) throws IOException {
    // The file system's views, not Files.getFileStore's: that one reads the mount table each call.
    if (Files.exists(target) && tmp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      try {
        Files.setPosixFilePermissions(tmp, Files.getPosixFilePermissions(target));
      } catch (FileSystemException e) {
        // A mount that takes no modes (vfat, say): the new file has the umask's, as any other.
      }
    }
  }
}
