package io.github.sitehealth.core.result;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ShardTest {

  @Test
  void aNameMapsToTheSameShareOnEveryMachine() {
    // Fixed by SHA-256 alone: these figures must never change, or a CI matrix whose jobs run
    // different versions would check some names twice and others never.
    assertThat(Shard.of("home", 3)).isEqualTo(expected("home", 3));
    assertThat(Shard.of("home", 3)).isEqualTo(3);
    assertThat(Shard.of("checkout", 3)).isEqualTo(3);
    assertThat(Shard.of("api", 7)).isEqualTo(6);
    assertThat(Shard.of("home", 7)).isEqualTo(1);
    assertThat(Shard.of("anything", 1)).isEqualTo(1);
  }

  /** The rule as the README writes it, computed another way. */
  private static int expected(String name, int count) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
      BigInteger first8 = new BigInteger(1, Arrays.copyOf(d, 8));
      return first8.mod(BigInteger.valueOf(count)).intValue() + 1;
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void theRuleIsTheFirstEightBytesOfSha256Unsigned() {
    for (int i = 0; i < 2000; i++) {
      String name = "check-" + i;
      for (int count : new int[] {2, 3, 10, 999, 1000}) {
        assertThat(Shard.of(name, count)).as(name + " of " + count).isEqualTo(expected(name, count));
      }
    }
  }

  @Test
  void everyCheckIsInExactlyOneShareWhateverTheOrder() {
    List<String> names = new ArrayList<>(IntStream.range(0, 500).mapToObj(i -> "svc-" + i).toList());
    names.add("ü-ñame");
    for (int count : new int[] {1, 2, 3, 7, 1000}) {
      List<String> shuffled = new ArrayList<>(names);
      Collections.shuffle(shuffled, new Random(count));
      for (String name : names) {
        long shares = IntStream.rangeClosed(1, count)
            .filter(k -> new Shard(k, count).contains(name))
            .count();
        assertThat(shares).as(name + " in shares of " + count).isEqualTo(1);
      }
      List<String> union = new ArrayList<>();
      for (int k = 1; k <= count; k++) {
        Shard shard = new Shard(k, count);
        union.addAll(shuffled.stream().filter(shard::contains).toList());
      }
      assertThat(union).containsExactlyInAnyOrderElementsOf(names);
    }
  }

  @Test
  void sharesAreRoughlyEven() {
    int[] sizes = new int[3];
    for (int i = 0; i < 3000; i++) {
      sizes[Shard.of("endpoint-" + i, 3) - 1]++;
    }
    for (int size : sizes) {
      assertThat(size).isBetween(900, 1100);
    }
  }

  @Test
  void parsesKOverN() {
    assertThat(Shard.parse("2/3")).isEqualTo(new Shard(2, 3));
    assertThat(Shard.parse(" 1 / 1 ")).isEqualTo(new Shard(1, 1));
    assertThat(Shard.parse("1000/1000")).isEqualTo(new Shard(1000, 1000));
    assertThat(new Shard(2, 3)).hasToString("2/3");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "3", "0/3", "4/3", "1/0", "1/1001", "-1/3", "a/b", "1/3/4", "1,3"})
  void rejectsWhatIsNotAShare(String text) {
    assertThatThrownBy(() -> Shard.parse(text)).isInstanceOf(IllegalArgumentException.class);
  }
}
