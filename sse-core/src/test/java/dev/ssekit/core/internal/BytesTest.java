package dev.ssekit.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The word-at-a-time searches agree with the obvious loops at every position and alignment. */
class BytesTest {
  private static final byte[] ALPHABET = {
    'a', '\n', '\r', 0, (byte) 0x80, (byte) 0xFF, 0x0B, 0x0C, 0x0E, 0x09, 0x01
  };

  @Test
  void indexOfLineEndFindsTheFirstCrOrLf() {
    Random random = new Random(3);
    for (int round = 0; round < 20_000; round++) {
      byte[] b = randomBytes(random);
      int from = random.nextInt(b.length + 1);
      int to = from + random.nextInt(b.length - from + 1);
      int expected = to;
      for (int i = from; i < to; i++) {
        if (b[i] == '\n' || b[i] == '\r') {
          expected = i;
          break;
        }
      }
      assertThat(Bytes.indexOfLineEnd(b, from, to)).as("round %d", round).isEqualTo(expected);
    }
  }

  @Test
  void lineEndAfterOtherLowBytesIsFound() {
    // Bytes just above and below LF and CR, and zero, in the same word (the borrow case).
    byte[] b = {
      0x0B, 0x0C, 0x00, 0x0E, 0x09, 0x01, 0x00, '\r', 'x', 'x', 'x', 'x', 'x', 'x', 'x', '\n'
    };
    assertThat(Bytes.indexOfLineEnd(b, 0, b.length)).isEqualTo(7);
    assertThat(Bytes.indexOfLineEnd(b, 8, b.length)).isEqualTo(15);
    assertThat(Bytes.indexOfLineEnd(b, 8, 15)).isEqualTo(15);
  }

  @Test
  void indexOfJsonStringSpecialAgreesWithALoop() {
    Random random = new Random(6);
    byte[] alphabet = {'a', ' ', '!', '"', '#', '\\', ']', 0x1F, 0x7F, (byte) 0x80, (byte) 0xC3, 0};
    for (int round = 0; round < 20_000; round++) {
      byte[] b = new byte[random.nextInt(40)];
      for (int i = 0; i < b.length; i++) {
        b[i] = random.nextInt(3) == 0 ? alphabet[random.nextInt(alphabet.length)] : (byte) 'x';
      }
      int from = random.nextInt(b.length + 1);
      int to = from + random.nextInt(b.length - from + 1);
      int expected = to;
      for (int i = from; i < to; i++) {
        if (b[i] < 0x20 || b[i] == '"' || b[i] == '\\') {
          expected = i;
          break;
        }
      }
      assertThat(Bytes.indexOfJsonStringSpecial(b, from, to))
          .as("round %d", round)
          .isEqualTo(expected);
    }
  }

  @Test
  void wordAtReadsTheBytesAsWordSpellsThem() {
    byte[] b = "xxdata: 1\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    assertThat(Bytes.hasWord(b, 2)).isTrue();
    assertThat(Bytes.hasWord(b, 3)).isFalse();
    assertThat(Bytes.wordAt(b, 2) & Bytes.lowBytes(5)).isEqualTo(Bytes.word("data:"));
    assertThat(Bytes.wordAt(b, 2) & Bytes.lowBytes(5)).isNotEqualTo(Bytes.word("data "));
    assertThat(Bytes.wordAt(b, 1) & Bytes.lowBytes(8)).isEqualTo(Bytes.word("xdata: 1"));
  }

  @Test
  void containsNulAgreesWithALoop() {
    Random random = new Random(4);
    for (int round = 0; round < 20_000; round++) {
      byte[] b = randomBytes(random);
      int from = random.nextInt(b.length + 1);
      int to = from + random.nextInt(b.length - from + 1);
      boolean expected = false;
      for (int i = from; i < to; i++) {
        expected |= b[i] == 0;
      }
      assertThat(Bytes.containsNul(b, from, to)).as("round %d", round).isEqualTo(expected);
    }
  }

  @Test
  void equalsRangeAgreesWithArraysEquals() {
    Random random = new Random(5);
    for (int round = 0; round < 20_000; round++) {
      byte[] b = randomBytes(random);
      int n = random.nextInt(b.length + 1);
      int from = random.nextInt(b.length - n + 1);
      // Sometimes padded beyond n, as the parser keeps it.
      byte[] a = Arrays.copyOf(Arrays.copyOfRange(b, from, from + n), n + random.nextInt(9));
      if (n > 0 && random.nextBoolean()) {
        a[random.nextInt(n)] ^= 1 << random.nextInt(8);
      }
      boolean expected = Arrays.equals(a, 0, n, b, from, from + n);
      assertThat(Bytes.equalsRange(a, n, b, from)).as("round %d", round).isEqualTo(expected);
    }
  }

  private static byte[] randomBytes(Random random) {
    // Lengths below and above a word, so both the word-at-a-time paths and the byte loops for
    // arrays too short to read a word from are exercised.
    byte[] b = new byte[random.nextInt(40)];
    for (int i = 0; i < b.length; i++) {
      b[i] = random.nextInt(3) == 0 ? ALPHABET[random.nextInt(ALPHABET.length)] : (byte) 'a';
    }
    return b;
  }
}
