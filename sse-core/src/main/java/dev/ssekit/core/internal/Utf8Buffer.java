package dev.ssekit.core.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable byte array that frames and JSON are written into as UTF-8. The encoder and the JSON
 * writer share one, so a typed event is written into a single buffer without intermediate copies.
 * Not thread-safe; meant to be reused.
 */
public final class Utf8Buffer {
  private byte[] bytes;
  private int size;

  public Utf8Buffer(int initialCapacity) {
    bytes = new byte[Math.max(16, initialCapacity)];
  }

  public int size() {
    return size;
  }

  /** The backing array; valid from 0 to {@link #size()} until the next write. */
  public byte[] array() {
    return bytes;
  }

  public void reset() {
    size = 0;
  }

  /** Truncates to {@code newSize}, which must not exceed the current size. */
  public void truncate(int newSize) {
    if (newSize < 0 || newSize > size) {
      throw new IndexOutOfBoundsException(newSize);
    }
    size = newSize;
  }

  public byte[] toByteArray() {
    return Arrays.copyOf(bytes, size);
  }

  public void writeTo(OutputStream out) throws IOException {
    out.write(bytes, 0, size);
  }

  /** Makes room for {@code n} more bytes and returns the index to write them at. */
  public int reserve(int n) {
    int needed = size + n;
    if (needed < 0) {
      throw new OutOfMemoryError("buffer larger than 2 GiB");
    }
    if (needed > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(needed, bytes.length << 1));
    }
    return size;
  }

  /** Marks {@code n} bytes, written after {@link #reserve(int)}, as used. */
  public void commit(int n) {
    size += n;
  }

  public void writeByte(int b) {
    int at = size;
    if (at == bytes.length) {
      reserve(1);
    }
    bytes[at] = (byte) b;
    size = at + 1;
  }

  public void write(byte[] b) {
    write(b, 0, b.length);
  }

  public void write(byte[] b, int off, int len) {
    int at = reserve(len);
    System.arraycopy(b, off, bytes, at, len);
    size = at + len;
  }

  /** Writes characters known to be ASCII, one byte each. */
  public void writeAscii(String s) {
    int n = s.length();
    int at = reserve(n);
    byte[] b = bytes;
    for (int i = 0; i < n; i++) {
      b[at + i] = (byte) s.charAt(i);
    }
    size = at + n;
  }

  /**
   * Writes {@code s[from, to)} as UTF-8. A lone surrogate, which UTF-8 cannot represent, is written
   * as U+FFFD, as {@link String#getBytes} would.
   */
  public void writeUtf8(CharSequence s, int from, int to) {
    int at = reserve((to - from) * 3);
    size = encode(s, from, to, bytes, at);
  }

  /**
   * Writes {@code prefix}, {@code value} as UTF-8 (as {@link #writeUtf8}) and an LF: one field line
   * of a frame, with one bounds check.
   */
  public void writeLine(byte[] prefix, CharSequence value) {
    int n = prefix.length;
    int at = reserve(n + value.length() * 3 + 1);
    byte[] b = bytes;
    System.arraycopy(prefix, 0, b, at, n);
    int end = encode(value, 0, value.length(), b, at + n);
    b[end] = '\n';
    size = end + 1;
  }

  /** Encodes {@code s[from, to)} into {@code b} from {@code at}; returns the end. */
  private static int encode(CharSequence s, int from, int to, byte[] b, int at) {
    int i = from;
    // ASCII fast path: most event text is ASCII.
    while (i < to) {
      char c = s.charAt(i);
      if (c >= 0x80) {
        break;
      }
      b[at++] = (byte) c;
      i++;
    }
    while (i < to) {
      char c = s.charAt(i++);
      if (c < 0x80) {
        b[at++] = (byte) c;
      } else if (c < 0x800) {
        b[at++] = (byte) (0xC0 | (c >> 6));
        b[at++] = (byte) (0x80 | (c & 0x3F));
      } else if (Character.isSurrogate(c)) {
        int cp = -1;
        if (Character.isHighSurrogate(c) && i < to && Character.isLowSurrogate(s.charAt(i))) {
          cp = Character.toCodePoint(c, s.charAt(i++));
        }
        if (cp < 0) {
          b[at++] = (byte) 0xEF;
          b[at++] = (byte) 0xBF;
          b[at++] = (byte) 0xBD;
        } else {
          b[at++] = (byte) (0xF0 | (cp >> 18));
          b[at++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
          b[at++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
          b[at++] = (byte) (0x80 | (cp & 0x3F));
        }
      } else {
        b[at++] = (byte) (0xE0 | (c >> 12));
        b[at++] = (byte) (0x80 | ((c >> 6) & 0x3F));
        b[at++] = (byte) (0x80 | (c & 0x3F));
      }
    }
    return at;
  }

  public void writeUtf8(CharSequence s) {
    writeUtf8(s, 0, s.length());
  }

  /** Writes a decimal {@code long} without allocating. */
  public void writeLong(long v) {
    if (v == Long.MIN_VALUE) {
      writeAscii("-9223372036854775808");
      return;
    }
    int at = reserve(20);
    byte[] b = bytes;
    if (v < 0) {
      b[at++] = '-';
      v = -v;
    }
    int digits = 1;
    for (long t = v; t >= 10; t /= 10) {
      digits++;
    }
    int end = at + digits;
    for (int p = end - 1; p >= at; p--) {
      b[p] = (byte) ('0' + (int) (v % 10));
      v /= 10;
    }
    size = end;
  }

  @Override
  public String toString() {
    return new String(bytes, 0, size, StandardCharsets.UTF_8);
  }
}
