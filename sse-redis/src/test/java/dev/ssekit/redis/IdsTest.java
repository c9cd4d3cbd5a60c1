package dev.ssekit.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ssekit.redis.internal.Ids;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The id format: {@code <epoch>_<stream id>}, short visible ASCII, one spelling per entry. */
class IdsTest {
  @Test
  void formatsAndParses() {
    String id = Ids.format("kx3f9a2b", "1733380000000-0");
    assertThat(id).isEqualTo("kx3f9a2b_1733380000000-0");
    assertThat(Ids.isWellFormed(id)).isTrue();
    assertThat(Ids.epoch(id)).isEqualTo("kx3f9a2b");
    assertThat(Ids.streamId(id)).isEqualTo("1733380000000-0");
  }

  @Test
  void theLongestIdFitsIn64VisibleAsciiBytes() {
    String id = Ids.format(Ids.newEpoch(), "18446744073709551615-18446744073709551615");
    assertThat(Ids.isWellFormed(id)).isTrue();
    assertThat(id.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(64);
    assertThat(id).matches("[\\x21-\\x7e]+");
  }

  @Test
  void streamIdsCompareAsRedisOrdersThem() {
    assertThat(Ids.compareStreamIds("2-0", "10-0")).isNegative();
    assertThat(Ids.compareStreamIds("10-2", "10-10")).isNegative();
    assertThat(Ids.compareStreamIds("10-10", "10-10")).isZero();
    assertThat(Ids.compareStreamIds("18446744073709551615-0", "1-0")).isPositive();
  }

  @Test
  void newEpochsAreShortBase36Tokens() {
    for (int i = 0; i < 100; i++) {
      assertThat(Ids.newEpoch()).matches("[0-9a-z]{8}");
    }
    assertThat(Ids.newEpoch()).isNotEqualTo(Ids.newEpoch());
  }

  @Test
  void refusesAnythingThisLogDidNotMake() {
    for (String bad :
        new String[] {
          null,
          "",
          "42",
          "abc",
          "_1-0",
          "abc_",
          "abc_1",
          "abc_1-",
          "abc_-1",
          "ABC_1-0",
          "a b_1-0",
          "abc_1-0-0",
          "abc_01-0",
          "abc_1-00",
          "abc_1-0 ",
          "abcdefghijklmnopq_1-0",
          "abc_123456789012345678901-0",
          "abc_1-x",
          "abc_18446744073709551616-0",
          "abc_1-99999999999999999999"
        }) {
      assertThat(Ids.isWellFormed(bad)).as(String.valueOf(bad)).isFalse();
    }
    assertThat(Ids.isWellFormed("a_0-0")).isTrue();
  }
}
