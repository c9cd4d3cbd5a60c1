package dev.ssekit.core;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

/**
 * Random event streams biased toward what parsers get wrong, and random ways to feed them, for the
 * parser's fuzz and differential tests.
 */
public final class HostileStreams {
  private HostileStreams() {}

  /** Pieces a stream is built from: field names, separators, line breaks, BOMs, odd UTF-8. */
  private static final byte[][] PIECES = {
    ascii("data"),
    ascii("data:"),
    ascii("data: "),
    ascii("event"),
    ascii("event:"),
    ascii("event: "),
    ascii("id"),
    ascii("id:"),
    ascii("id: "),
    ascii("retry"),
    ascii("retry:"),
    ascii("retry: "),
    ascii("Data:"),
    ascii("dat"),
    ascii("datax:"),
    ascii("ida:"),
    ascii("eventt"),
    ascii(":"),
    ascii(": "),
    ascii(" "),
    ascii("  "),
    ascii("\r"),
    ascii("\n"),
    ascii("\r\n"),
    ascii("\n\n"),
    ascii("\r\r"),
    ascii("\n\r"),
    ascii("12"),
    ascii("0"),
    ascii("9223372036854775807"),
    ascii("9223372036854775808"),
    ascii("1x"),
    ascii("ping"),
    ascii("message"),
    ascii("x"),
    bytes(0),
    bytes(0xEF, 0xBB, 0xBF),
    bytes(0xEF, 0xBB),
    bytes(0xEF),
    utf8("\u00e9"),
    utf8("\ud83d\ude00"),
    utf8("\u2028"),
    utf8("\u2029"),
    utf8("\ufffd"),
    bytes(0x80),
    bytes(0xC0, 0x80),
    bytes(0xC2),
    bytes(0xE2, 0x82),
    bytes(0xED, 0xA0, 0x80),
    bytes(0xF4, 0x90, 0x80, 0x80),
    bytes(0xF0, 0x9F, 0x98),
    bytes(0xFF),
    bytes(0xFE),
    bytes(0xF8, 0x88, 0x80, 0x80, 0x80),
    bytes(0xE0, 0x80, 0xAF),
  };

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private static final String[] EOLS = {"\n", "\r", "\r\n"};

  /**
   * A random stream: either well-formed lines with hostile values, or a soup of pieces, or plain
   * random bytes.
   */
  static byte[] stream(Random random, int maxPieces) {
    switch (random.nextInt(5)) {
      case 0:
        return soup(random, maxPieces);
      case 1:
        return randomBytes(random, maxPieces * 3);
      default:
        return lines(random, maxPieces / 3 + 1);
    }
  }

  /** Pieces in any order. */
  static byte[] soup(Random random, int maxPieces) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int n = random.nextInt(maxPieces + 1);
    for (int i = 0; i < n; i++) {
      out.writeBytes(PIECES[random.nextInt(PIECES.length)]);
    }
    return out.toByteArray();
  }

  /** Uniform random bytes, sometimes drawn from a small alphabet so lines and fields appear. */
  static byte[] randomBytes(Random random, int maxLength) {
    byte[] b = new byte[random.nextInt(maxLength + 1)];
    if (random.nextBoolean()) {
      random.nextBytes(b);
    } else {
      byte[] alphabet = ascii("data:eventidry \r\n\0\u00ff");
      for (int i = 0; i < b.length; i++) {
        b[i] = alphabet[random.nextInt(alphabet.length)];
      }
    }
    return b;
  }

  /** Mostly well-formed lines whose names and values are hostile. */
  static byte[] lines(Random random, int maxLines) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (random.nextInt(4) == 0) {
      out.writeBytes(
          random.nextBoolean()
              ? bytes(0xEF, 0xBB, 0xBF)
              : bytes(0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF));
    }
    int n = random.nextInt(maxLines + 1);
    for (int i = 0; i < n; i++) {
      int kind = random.nextInt(10);
      if (kind < 2) {
        out.writeBytes(ascii(EOLS[random.nextInt(EOLS.length)])); // a blank line
        continue;
      }
      String[] names = {"data", "data", "event", "id", "retry", "", "other", "DATA"};
      out.writeBytes(ascii(names[random.nextInt(names.length)]));
      if (random.nextInt(5) > 0) {
        out.writeBytes(ascii(random.nextBoolean() ? ": " : ":"));
      }
      int pieces = random.nextInt(4);
      for (int k = 0; k < pieces; k++) {
        byte[] piece = PIECES[random.nextInt(PIECES.length)];
        if (random.nextInt(3) == 0 || !containsLineBreak(piece)) {
          out.writeBytes(piece);
        }
      }
      out.writeBytes(ascii(EOLS[random.nextInt(EOLS.length)]));
    }
    if (random.nextInt(3) == 0) {
      out.writeBytes(ascii("data: unterminated"));
    }
    return out.toByteArray();
  }

  private static boolean containsLineBreak(byte[] b) {
    for (byte x : b) {
      if (x == '\r' || x == '\n') {
        return true;
      }
    }
    return false;
  }

  /** How to cut a stream into reads. */
  enum Feeding {
    WHOLE,
    BYTEWISE,
    RANDOM_ARRAYS,
    DIRECT_BUFFERS,
    HEAP_BUFFER_SLICES
  }

  /**
   * Feeds {@code stream} to {@code parser} the given way, cutting it at random points (zero-length
   * reads included). Each read is copied to a fresh array at an offset and the array is scribbled
   * over right after the call, as a caller reusing its read buffer would.
   */
  static void feed(EventStreamParser parser, byte[] stream, Feeding how, Random random) {
    feed(parser, stream, how, random, () -> {});
  }

  /**
   * As {@link #feed(EventStreamParser, byte[], Feeding, Random)}, running a check after each read.
   */
  static void feed(
      EventStreamParser parser, byte[] stream, Feeding how, Random random, Runnable afterRead) {
    switch (how) {
      case WHOLE:
        feedCopy(parser, stream, 0, stream.length);
        afterRead.run();
        return;
      case BYTEWISE:
        for (int i = 0; i < stream.length; i++) {
          feedCopy(parser, stream, i, 1);
          afterRead.run();
        }
        return;
      default:
    }
    int at = 0;
    while (at < stream.length) {
      int max = random.nextBoolean() ? 5 : 70;
      int n = Math.min(stream.length - at, random.nextInt(max + 1));
      if (how == Feeding.RANDOM_ARRAYS) {
        feedCopy(parser, stream, at, n);
      } else if (how == Feeding.DIRECT_BUFFERS) {
        ByteBuffer b = ByteBuffer.allocateDirect(n + 3);
        b.position(2);
        b.put(stream, at, n).flip().position(2);
        parser.feed(b);
      } else {
        byte[] padded = new byte[n + 9];
        System.arraycopy(stream, at, padded, 5, n);
        ByteBuffer slice = ByteBuffer.wrap(padded, 4, n + 1).position(5).slice();
        parser.feed(slice);
        Arrays.fill(padded, (byte) '\n');
      }
      afterRead.run();
      at += n;
    }
  }

  private static void feedCopy(EventStreamParser parser, byte[] stream, int from, int n) {
    byte[] padded = new byte[n + 8];
    System.arraycopy(stream, from, padded, 3, n);
    parser.feed(padded, 3, n);
    // The caller may reuse its array as soon as feed returns.
    Arrays.fill(padded, (byte) '\n');
  }

  /** The bytes as text for failure messages: printable ASCII as is, the rest as escapes. */
  public static String show(byte[] b) {
    StringBuilder s = new StringBuilder("\"");
    for (byte x : b) {
      int c = x & 0xFF;
      if (c == '\r') {
        s.append("\\r");
      } else if (c == '\n') {
        s.append("\\n");
      } else if (c >= 0x20 && c < 0x7F && c != '\\') {
        s.append((char) c);
      } else {
        s.append("\\x").append(HEX[c >> 4]).append(HEX[c & 0xF]);
      }
    }
    return s.append('"').toString();
  }

  static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static byte[] bytes(int... values) {
    byte[] b = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      b[i] = (byte) values[i];
    }
    return b;
  }
}
