package dev.ssekit.core.internal;

import java.nio.charset.StandardCharsets;

/**
 * Decodes UTF-8 exactly as the WHATWG Encoding standard's UTF-8 decoder does: every maximal subpart
 * of an ill-formed sequence becomes one U+FFFD, and the byte that ended it is decoded afresh. The
 * JDK's decoder differs for some inputs (it turns an encoded surrogate such as {@code ED A0 80}
 * into one U+FFFD where browsers produce three), and Android's may differ again, so the parser
 * relies on this one.
 */
public final class Utf8Decoder {
  private static final char REPLACEMENT = '\uFFFD';

  private Utf8Decoder() {}

  /** Decodes {@code b[from, to)}; an incomplete sequence at the end becomes one U+FFFD. */
  public static String decode(byte[] b, int from, int to) {
    // The JDK's decoder is the fastest there is, and for well-formed input every decoder agrees.
    // Ill-formed input always yields a U+FFFD, and only then can the JDK's answer be wrong, so
    // such rare strings (and text with a real U+FFFD) are decoded again by the exact algorithm.
    String s = new String(b, from, to - from, StandardCharsets.UTF_8);
    return s.indexOf(REPLACEMENT) < 0 ? s : decodeWhatwg(b, from, to);
  }

  /** Decodes {@code b[from, to)} with the WHATWG algorithm only; {@link #decode} is faster. */
  public static String decodeWhatwg(byte[] b, int from, int to) {
    int i = from;
    while (i < to && b[i] >= 0) {
      i++;
    }
    if (i == to) {
      // ISO-8859-1 maps each byte to one char with no validation: the cheapest copy.
      return new String(b, from, to - from, StandardCharsets.ISO_8859_1);
    }
    return decodeFrom(b, from, to, i);
  }

  private static String decodeFrom(byte[] b, int from, int to, int firstNonAscii) {
    // Each byte yields at most one UTF-16 unit, except four-byte sequences (two units for four).
    char[] out = new char[to - from];
    int n = 0;
    for (int k = from; k < firstNonAscii; k++) {
      out[n++] = (char) b[k];
    }
    int i = firstNonAscii;
    while (i < to) {
      int c = b[i++] & 0xFF;
      if (c < 0x80) {
        out[n++] = (char) c;
        continue;
      }
      int needed;
      int cp;
      int lower = 0x80;
      int upper = 0xBF;
      if (c >= 0xC2 && c <= 0xDF) {
        needed = 1;
        cp = c & 0x1F;
      } else if (c >= 0xE0 && c <= 0xEF) {
        needed = 2;
        cp = c & 0x0F;
        if (c == 0xE0) {
          lower = 0xA0; // overlong
        } else if (c == 0xED) {
          upper = 0x9F; // surrogates
        }
      } else if (c >= 0xF0 && c <= 0xF4) {
        needed = 3;
        cp = c & 0x07;
        if (c == 0xF0) {
          lower = 0x90; // overlong
        } else if (c == 0xF4) {
          upper = 0x8F; // beyond U+10FFFF
        }
      } else {
        out[n++] = REPLACEMENT;
        continue;
      }
      boolean complete = true;
      for (int seen = 0; seen < needed; seen++) {
        if (i == to) {
          complete = false;
          break;
        }
        int d = b[i] & 0xFF;
        if (d < lower || d > upper) {
          // Not consumed: the offending byte starts over as the next input.
          complete = false;
          break;
        }
        cp = (cp << 6) | (d & 0x3F);
        lower = 0x80;
        upper = 0xBF;
        i++;
      }
      if (!complete) {
        out[n++] = REPLACEMENT;
      } else if (cp >= 0x10000) {
        out[n++] = Character.highSurrogate(cp);
        out[n++] = Character.lowSurrogate(cp);
      } else {
        out[n++] = (char) cp;
      }
    }
    return new String(out, 0, n);
  }
}
