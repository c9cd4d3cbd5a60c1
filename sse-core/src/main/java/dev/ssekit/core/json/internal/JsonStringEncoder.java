package dev.ssekit.core.json.internal;

import dev.ssekit.core.internal.Utf8Buffer;
import java.nio.charset.StandardCharsets;

/**
 * Writes a Java string as a quoted JSON string in UTF-8.
 *
 * <p>Escaped: {@code "} and {@code \}, every control character below U+0020 ({@code \b \t \n \f \r}
 * in their short forms, the rest as <code>&#92;u00XX</code>), U+2028 and U+2029 (line terminators
 * in JavaScript), and lone surrogates. UTF-8 cannot represent a lone surrogate, so it is written as
 * a <code>&#92;uXXXX</code> escape, which {@code JsonReader} reads back as the same lone UTF-16
 * char: the string round-trips exactly. Everything else, non-ASCII included, is written as raw
 * UTF-8. The output therefore never contains a raw CR or LF and fits on one {@code data:} line.
 */
public final class JsonStringEncoder {
  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  /**
   * For each ASCII char: 0 if written as is, the letter of its short escape, or 'u' for a <code>
   * &#92;u00XX</code> escape.
   */
  private static final byte[] ESCAPE = new byte[128];

  /** Chars per step, so that reserving the worst case (6 bytes per char) stays small. */
  private static final int CHUNK = 2048;

  static {
    for (int c = 0; c < 0x20; c++) {
      ESCAPE[c] = 'u';
    }
    ESCAPE['"'] = '"';
    ESCAPE['\\'] = '\\';
    ESCAPE['\b'] = 'b';
    ESCAPE['\t'] = 't';
    ESCAPE['\n'] = 'n';
    ESCAPE['\f'] = 'f';
    ESCAPE['\r'] = 'r';
  }

  private JsonStringEncoder() {}

  /** Appends {@code s} in double quotes, escaped as described on the class. */
  public static void writeQuoted(Utf8Buffer out, CharSequence s) {
    int length = s.length();
    if (length <= CHUNK) {
      int at = out.reserve(length * 6 + 2);
      byte[] b = out.array();
      b[at] = '"';
      int p = at + 1;
      int i = 0;
      // Most strings are plain ASCII: a loop that does nothing else compiles to tight code.
      for (; i < length; i++) {
        char c = s.charAt(i);
        if (c < 0x20 || c >= 0x80 || c == '"' || c == '\\') {
          break;
        }
        b[p++] = (byte) c;
      }
      int end = i == length ? p : writeEscaped(b, p, s, i, length);
      b[end] = '"';
      out.commit(end + 1 - at);
      return;
    }
    out.writeByte('"');
    int from = 0;
    while (from < length) {
      int to = Math.min(length, from + CHUNK);
      if (to < length && Character.isHighSurrogate(s.charAt(to - 1))) {
        to++; // keep a surrogate pair in one step
      }
      int at = out.reserve((to - from) * 6);
      out.commit(writeEscaped(out.array(), at, s, from, to) - at);
      from = to;
    }
    out.writeByte('"');
  }

  /** Appends one char as a quoted JSON string. */
  public static void writeQuoted(Utf8Buffer out, char c) {
    int at = out.reserve(8);
    byte[] b = out.array();
    int p = at;
    b[p++] = '"';
    if (c < 0x80 && ESCAPE[c] == 0) {
      b[p++] = (byte) c;
    } else if (c < 0x80 || c == 0x2028 || c == 0x2029 || Character.isSurrogate(c)) {
      p = escape(b, p, c);
    } else if (c < 0x800) {
      b[p++] = (byte) (0xC0 | (c >> 6));
      b[p++] = (byte) (0x80 | (c & 0x3F));
    } else {
      b[p++] = (byte) (0xE0 | (c >> 12));
      b[p++] = (byte) (0x80 | ((c >> 6) & 0x3F));
      b[p++] = (byte) (0x80 | (c & 0x3F));
    }
    b[p++] = '"';
    out.commit(p - at);
  }

  /** Writes {@code s[from, to)} escaped into {@code b} from {@code p}; returns the end. */
  private static int writeEscaped(byte[] b, int p, CharSequence s, int from, int to) {
    int i = from;
    while (i < to) {
      char c = s.charAt(i++);
      if (c < 0x80) {
        if (ESCAPE[c] == 0) {
          b[p++] = (byte) c;
        } else {
          p = escape(b, p, c);
        }
      } else if (c < 0x800) {
        b[p++] = (byte) (0xC0 | (c >> 6));
        b[p++] = (byte) (0x80 | (c & 0x3F));
      } else if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c) && i < to && Character.isLowSurrogate(s.charAt(i))) {
          int cp = Character.toCodePoint(c, s.charAt(i++));
          b[p++] = (byte) (0xF0 | (cp >> 18));
          b[p++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
          b[p++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
          b[p++] = (byte) (0x80 | (cp & 0x3F));
        } else {
          p = escape(b, p, c);
        }
      } else if (c == 0x2028 || c == 0x2029) {
        p = escape(b, p, c);
      } else {
        b[p++] = (byte) (0xE0 | (c >> 12));
        b[p++] = (byte) (0x80 | ((c >> 6) & 0x3F));
        b[p++] = (byte) (0x80 | (c & 0x3F));
      }
    }
    return p;
  }

  /** Writes the escape for {@code c} at {@code p}; returns the position after it. */
  private static int escape(byte[] b, int p, char c) {
    b[p++] = '\\';
    byte shortForm = c < 0x80 ? ESCAPE[c] : (byte) 'u';
    if (shortForm != 'u') {
      b[p++] = shortForm;
      return p;
    }
    b[p++] = 'u';
    b[p++] = HEX[c >> 12];
    b[p++] = HEX[(c >> 8) & 0xF];
    b[p++] = HEX[(c >> 4) & 0xF];
    b[p++] = HEX[c & 0xF];
    return p;
  }
}
