package io.github.sitehealth.core.result;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One share of the checks when a run is split over several jobs ({@code <shard>2/3</shard>}): share
 * {@code index} of {@code count}, counted from 1.
 *
 * <p>A check belongs to the share its name decides ({@link #of(String, int)}): the first 8 bytes of
 * the SHA-256 of the name in UTF-8, read as an unsigned big-endian number, modulo {@code count},
 * plus 1. That depends on nothing but the name, so it is the same on every machine and JVM and
 * whatever the order of the checks, and {@code count} jobs that each run their share run every
 * check exactly once. Adding or removing a check moves no other check to another share.
 *
 * @param index the share, 1 to {@code count}
 * @param count the number of shares, 1 to {@link #MAX_COUNT}
 */
public record Shard(int index, int count) {

  /** The most shares a run can be split into. */
  public static final int MAX_COUNT = 1000;

  private static final Pattern TEXT = Pattern.compile("\\s*(\\d{1,9})\\s*/\\s*(\\d{1,9})\\s*");

  /** @throws IllegalArgumentException unless {@code 1 <= index <= count <= MAX_COUNT} */
  public Shard {
    if (count < 1 || count > MAX_COUNT || index < 1 || index > count) {
      throw new IllegalArgumentException("not a share K/N with 1 <= K <= N <= " + MAX_COUNT + ": "
          + index + "/" + count);
    }
  }

  /**
   * The share written as {@code K/N}, e.g. {@code 2/3}.
   *
   * @throws IllegalArgumentException when the text is not {@code K/N} with {@code 1 <= K <= N <=
   *     MAX_COUNT}
   */
  public static Shard parse(String text) {
    Matcher m = TEXT.matcher(text == null ? "" : text);
    if (!m.matches()) {
      throw new IllegalArgumentException("not a share K/N: " + text);
    }
    return new Shard(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
  }

  /**
   * The share, 1 to {@code count}, that the check of this name belongs to.
   *
   * @throws IllegalArgumentException when {@code count} is not 1 to {@link #MAX_COUNT}
   */
  public static int of(String checkName, int count) {
    if (count < 1 || count > MAX_COUNT) {
      throw new IllegalArgumentException("shares must be 1 to " + MAX_COUNT + ", was " + count);
    }
    byte[] digest = sha256(checkName.getBytes(StandardCharsets.UTF_8));
    long first8 = 0;
    for (int i = 0; i < 8; i++) {
      first8 = (first8 << 8) | (digest[i] & 0xff);
    }
    return (int) Long.remainderUnsigned(first8, count) + 1;
  }

  /** Whether the check of this name belongs to this share. */
  public boolean contains(String checkName) {
    return of(checkName, count) == index;
  }

  /** {@code K/N}, as written in the configuration and in {@code results.json}. */
  @Override
  public String toString() {
    return index + "/" + count;
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      // Every Java platform has SHA-256 (MessageDigest's documented requirements).
      throw new IllegalStateException(e);
    }
  }
}
