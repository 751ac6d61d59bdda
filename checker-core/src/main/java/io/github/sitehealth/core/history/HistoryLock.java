package io.github.sitehealth.core.history;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;

/**
 * The lock that serialises the writers of one history: an exclusive lock on a lock file of its
 * own, which the holder removes as it lets go, so that lock files do not pile up.
 *
 * <p>Removing it needs care. A writer that opened the lock file before the holder removed it
 * locks, once the holder lets go, a file that no longer has a name, while a third writer locks the
 * new file of that name: two writers at once. So a writer that gets the lock must tell whether
 * its file is still the one of that name. Java gives an open channel no file key to
 * compare with the path's, and opening the path again to compare would drop the lock: POSIX
 * releases a process's locks on a file as soon as any of its descriptors for that file is closed.
 * So the holder marks the file before it removes it, through its own channel: {@code released
 * <key>} and a line break, {@code <key>} being the path's file key ({@link
 * BasicFileAttributes#fileKey()}, device and inode). Only then does it remove the file and let
 * go. A writer that gets the lock reads its file through its channel:
 *
 * <ul>
 *   <li>empty, or a mark cut short (no line break): no holder has removed the file, which is so
 *       still the one of that name; the lock is had (and a mark cut short cleared: its writer was
 *       killed while writing it, before removing the file);
 *   <li>a mark whose key is the path's: its writer was killed after writing it and before
 *       removing the file, which is still the one of that name; the mark is cleared, the lock had;
 *   <li>any other mark: the file was removed; the writer lets it go and opens the name again.
 * </ul>
 *
 * <p>The key in a mark can be the path's only when the file is the path's: the writer holds its
 * file open, so its inode cannot be reused by another. Where the file system has no file keys
 * (Windows), or the mark cannot be written, the lock file is left in place, as it always was. A
 * build of a version before this one neither marks nor looks for marks: while builds of both
 * versions write one history at once, one of the old version may take a removed file's lock.
 */
final class HistoryLock implements AutoCloseable {

  private static final String MARK = "released ";

  private final Path path;
  private final FileChannel channel;

  private HistoryLock(Path path, FileChannel channel) {
    this.path = path;
    this.channel = channel;
  }

  /**
   * Locks the file, creating it if need be, and waits for it as long as the timeout allows.
   * Threads of this JVM see {@link OverlappingFileLockException} instead of blocking, hence the
   * polling.
   *
   * @param history the history the lock is for, named in the messages
   * @throws IOException when the lock file cannot be opened or the lock not had in time
   * @throws InterruptedIOException when interrupted while waiting
   */
  static HistoryLock acquire(Path path, Path history, Duration timeout) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      FileChannel channel = FileChannel.open(path,
          StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      try {
        waitFor(channel, path, history, timeout, deadline);
        if (isStillNamed(channel, path)) {
          return new HistoryLock(path, channel);
        }
      } catch (IOException | RuntimeException e) {
        channel.close();
        throw e;
      }
      // Its holder removed it: open the name again, which creates the file anew. Closing is safe
      // now, as no other channel of this JVM can hold a lock on it while this one does.
      channel.close();
      if (System.nanoTime() > deadline) {
        throw timedOut(path, timeout);
      }
    }
  }

  private static IOException timedOut(Path path, Duration timeout) {
    return new IOException("timed out after " + timeout.toSeconds()
        + " s waiting for the lock " + path + ": another build is writing it");
  }

  /** Locks the channel's file, polling until the deadline. */
  private static void waitFor(FileChannel channel, Path path, Path history, Duration timeout,
      long deadline) throws IOException {
    long pauseMs = 2;
    try {
      while (!tryLock(channel)) {
        if (System.nanoTime() > deadline) {
          throw timedOut(path, timeout);
        }
        Thread.sleep(pauseMs);
        pauseMs = Math.min(pauseMs * 2, 50);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException(
          "interrupted waiting for the lock on the history " + history.toAbsolutePath());
    }
  }

  private static boolean tryLock(FileChannel channel) throws IOException {
    try {
      return channel.tryLock() != null;
    } catch (OverlappingFileLockException e) {
      // another thread of this JVM holds it; wait like for another process
      return false;
    }
  }

  /** Whether the locked file is still the one the path names; see the class comment. */
  private static boolean isStillNamed(FileChannel channel, Path path) throws IOException {
    long size = channel.size();
    if (size == 0) {
      return true;
    }
    ByteBuffer content = ByteBuffer.allocate((int) Math.min(size, 512));
    while (content.hasRemaining() && channel.read(content, content.position()) >= 0) {
      // read what there is
    }
    String mark = new String(content.array(), 0, content.position(), StandardCharsets.UTF_8);
    boolean complete = mark.startsWith(MARK) && mark.endsWith("\n");
    if (complete && !mark.equals(mark(fileKey(path)))) {
      return false;
    }
    channel.truncate(0);
    return true;
  }

  /** Lets go of the lock, removing the file first where that is safe; see the class comment. */
  @Override
  public void close() throws IOException {
    try (channel) {
      String mark = mark(fileKey(path));
      if (mark != null) {
        ByteBuffer bytes = ByteBuffer.wrap(mark.getBytes(StandardCharsets.UTF_8));
        for (long at = 0; bytes.hasRemaining(); ) {
          at += channel.write(bytes, at);
        }
        Files.delete(path);
      }
    } catch (IOException e) {
      // The history was written; a lock file left, marked or not, is cleared by its next holder.
    }
  }

  /** The mark for the key, or null when there is none. */
  private static String mark(Object fileKey) {
    return fileKey == null ? null : MARK + fileKey + "\n";
  }

  /** The path's file key; null when it has none or no longer exists. */
  private static Object fileKey(Path path) throws IOException {
    try {
      return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
          .fileKey();
    } catch (NoSuchFileException e) {
      return null;
    }
  }
}
