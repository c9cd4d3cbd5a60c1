package dev.ssekit.core;

import static dev.ssekit.core.Recorder.bytes;
import static dev.ssekit.core.Recorder.concat;
import static dev.ssekit.core.Recorder.event;
import static dev.ssekit.core.Recorder.message;
import static dev.ssekit.core.Recorder.parse;
import static dev.ssekit.core.Recorder.parseBytewise;
import static dev.ssekit.core.Recorder.parseChunks;
import static dev.ssekit.core.Recorder.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ssekit.core.Recorder.Comment;
import dev.ssekit.core.Recorder.LastId;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** UTF-8 decoding as the WHATWG Encoding standard specifies it, whatever the chunking. */
class EventStreamParserUtf8Test {
  private static final String R = "\uFFFD";

  /** The data of the single event of {@code data: <value>\n\n}. */
  private static String dataOf(byte[] value) {
    byte[] stream = concat(utf8("data: "), value, utf8("\n\n"));
    Recorder whole = parse(stream);
    assertThat(parseBytewise(stream).calls).isEqualTo(whole.calls);
    assertThat(whole.events).hasSize(1);
    return whole.events.get(0).data();
  }

  @Test
  void overlongFourByteStartIsThreeReplacements() {
    assertThat(dataOf(bytes(0xF0, 0x80, 0x80))).isEqualTo(R + R + R);
  }

  @Test
  void encodedSurrogateIsThreeReplacements() {
    // The JDK's decoder gives one U+FFFD here; browsers give three.
    assertThat(dataOf(bytes(0xED, 0xA0, 0x80))).isEqualTo(R + R + R);
    assertThat(dataOf(bytes(0xED, 0xBF, 0xBF, 0x41))).isEqualTo(R + R + R + "A");
    assertThat(dataOf(bytes(0xED, 0x9F, 0xBF))).isEqualTo("\uD7FF");
  }

  @Test
  void overlongTwoByteIsTwoReplacements() {
    assertThat(dataOf(bytes(0xC0, 0xAF))).isEqualTo(R + R);
    assertThat(dataOf(bytes(0xC1, 0xBF))).isEqualTo(R + R);
    assertThat(dataOf(bytes(0xE0, 0x80, 0xAF))).isEqualTo(R + R + R);
  }

  @Test
  void beyondU10FfffIsOneReplacementPerByte() {
    assertThat(dataOf(bytes(0xF4, 0x90, 0x80, 0x80))).isEqualTo(R + R + R + R);
    assertThat(dataOf(bytes(0xF5, 0x80))).isEqualTo(R + R);
    assertThat(dataOf(bytes(0xFF, 0xFE, 0x41))).isEqualTo(R + R + "A");
  }

  @Test
  void loneContinuationBytesAreReplacedOneEach() {
    assertThat(dataOf(bytes(0x80, 0xBF, 0x41))).isEqualTo(R + R + "A");
  }

  @Test
  void truncatedSequenceIsOneReplacementAndTheNextByteStartsAfresh() {
    assertThat(dataOf(bytes(0xE2, 0x82, 0x41))).isEqualTo(R + "A");
    assertThat(dataOf(bytes(0xF0, 0x9F, 0x98, 0xE2, 0x82, 0xAC))).isEqualTo(R + "\u20AC");
  }

  @Test
  void truncatedSequenceAtTheEndOfALineIsOneReplacement() {
    // The line break ends the sequence; it is not swallowed and the next line is intact.
    byte[] stream =
        concat(
            utf8("data: a"),
            bytes(0xE2, 0x82),
            utf8("\ndata: b"),
            bytes(0xF0, 0x9F, 0x98),
            utf8("\n\n"));
    assertThat(parse(stream).events).containsExactly(message("a" + R + "\nb" + R));
    assertThat(parseBytewise(stream).events).containsExactly(message("a" + R + "\nb" + R));
  }

  @Test
  void genuineReplacementCharactersAreKept() {
    assertThat(dataOf(Recorder.utf8("a\uFFFDb\u00e9"))).isEqualTo("a\uFFFDb\u00e9");
    assertThat(dataOf(concat(Recorder.utf8("\uFFFD"), bytes(0xED, 0xA0, 0x80))))
        .isEqualTo(R + R + R + R);
  }

  @Test
  void unicodeStandardMaximalSubpartExample() {
    // The example of Unicode 15, section 3.9, table 3-8 (U+FFFD substitution of maximal subparts).
    byte[] b = bytes(0x61, 0xF1, 0x80, 0x80, 0xE1, 0x80, 0xC2, 0x62, 0x80, 0x63, 0x80, 0xBF, 0x64);
    assertThat(dataOf(b)).isEqualTo("a" + R + R + R + "b" + R + "c" + R + R + "d");
  }

  @Test
  void invalidUtf8InCommentsIdsAndTypesIsReplaced() {
    byte[] stream =
        concat(
            utf8(": c"),
            bytes(0xC3),
            utf8("\nevent: t"),
            bytes(0xFF),
            utf8("\nid: i"),
            bytes(0xED, 0xA0, 0x80),
            utf8("\ndata: x\n\n"));
    assertThat(parse(stream).calls)
        .containsExactly(
            new Comment("c" + R),
            new LastId("i" + R + R + R),
            event("t" + R, "x", "i" + R + R + R, null, "c" + R));
  }

  @Test
  void multiByteCharactersSplitAcrossChunksDecode() {
    String text = "\u00e9\u20ac\ud83d\ude00\u00e9";
    byte[] stream = utf8("event: \u00e9v\nid: \u20ac\n: \ud83d\ude00\ndata: " + text + "\n\n");
    Recorder whole = parse(stream);
    assertThat(whole.events)
        .containsExactly(event("\u00e9v", text, "\u20ac", null, "\ud83d\ude00"));
    for (int cut = 0; cut <= stream.length; cut++) {
      byte[] a = Arrays.copyOfRange(stream, 0, cut);
      byte[] b = Arrays.copyOfRange(stream, cut, stream.length);
      assertThat(parseChunks(a, b).calls).as("cut at %d", cut).isEqualTo(whole.calls);
    }
    assertThat(parseBytewise(stream).calls).isEqualTo(whole.calls);
  }

  @Test
  void validTextOfEveryPlaneDecodesExactly() {
    Random random = new Random(20260101);
    for (int round = 0; round < 300; round++) {
      StringBuilder s = new StringBuilder();
      int n = random.nextInt(40);
      for (int i = 0; i < n; i++) {
        int cp;
        do {
          switch (random.nextInt(4)) {
            case 0:
              cp = 0x20 + random.nextInt(0x5F);
              break;
            case 1:
              cp = 0x80 + random.nextInt(0x780);
              break;
            case 2:
              cp = 0x800 + random.nextInt(0xF800);
              break;
            default:
              cp = 0x10000 + random.nextInt(0x100000);
          }
        } while (Character.isSurrogate((char) cp) && cp < 0x10000 || cp == '\r' || cp == '\n');
        s.appendCodePoint(cp);
      }
      String text = s.toString();
      assertThat(dataOf(utf8(text))).as("round %d", round).isEqualTo(text);
    }
  }

  @Test
  void invalidInputMatchesTheJdkDecoderExceptForEncodedSurrogates() {
    // The JDK agrees with the WHATWG decoder except that it replaces an encoded surrogate
    // (ED A0..BF ..) with one U+FFFD where WHATWG gives one per byte: an independent oracle.
    int[] pool = {
      0x41, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE1, 0xEC, 0xED,
      0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xFF, 0x00, 0x3A
    };
    long seed = 77;
    Random random = new Random(seed);
    int compared = 0;
    for (int round = 0; round < 20_000; round++) {
      byte[] value = new byte[random.nextInt(10)];
      for (int i = 0; i < value.length; i++) {
        value[i] = (byte) pool[random.nextInt(pool.length)];
      }
      if (hasEncodedSurrogate(value)) {
        continue;
      }
      compared++;
      String expected = new String(value, StandardCharsets.UTF_8);
      byte[] stream = concat(utf8("data: "), value, utf8("\n\n"));
      assertThat(parse(stream).events)
          .as("seed %d round %d value %s", seed, round, HexFormat.of().formatHex(value))
          .containsExactly(message(expected));
    }
    assertThat(compared).isGreaterThan(10_000);
  }

  private static boolean hasEncodedSurrogate(byte[] b) {
    for (int i = 0; i + 1 < b.length; i++) {
      if ((b[i] & 0xFF) == 0xED && (b[i + 1] & 0xFF) >= 0xA0 && (b[i + 1] & 0xFF) <= 0xBF) {
        return true;
      }
    }
    return false;
  }
}
