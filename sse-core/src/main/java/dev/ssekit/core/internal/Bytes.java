package dev.ssekit.core.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The parser's innermost loops over byte arrays: finding a line end, finding NUL, comparing ranges.
 * Where the platform can read a {@code long} from a {@code byte[]} (HotSpot; Android from API 33)
 * they work on eight bytes at a time with SWAR arithmetic, otherwise one byte at a time.
 */
public final class Bytes {
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;
  private static final long BELOW_CR = 0x0E0E0E0E0E0E0E0EL;
  private static final long SPACES = 0x2020202020202020L;
  private static final long QUOTES = 0x2222222222222222L;
  private static final long BACKSLASHES = 0x5C5C5C5C5C5C5C5CL;

  /** Little-endian, so the lowest flag of a match mask belongs to the first byte in the array. */
  private static final VarHandle LONGS = longView();

  private Bytes() {}

  private static VarHandle longView() {
    try {
      return MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    } catch (Throwable unsupported) {
      return null;
    }
  }

  /**
   * Flags the zero bytes of {@code v}: {@code (v - 1) & ~v} sets a byte's high bit when the byte is
   * zero. A byte above a zero may be flagged falsely (the borrow), never one below, so the lowest
   * flag is exact.
   */
  private static long zeros(long v) {
    return (v - ONES) & ~v & HIGHS;
  }

  /** The index of the first CR or LF in {@code b[from, to)}, or {@code to} when there is none. */
  public static int indexOfLineEnd(byte[] b, int from, int to) {
    int i = from;
    if (LONGS != null) {
      // Two words a step while neither has a candidate: long data lines take half the branches.
      for (int last = to - 2 * Long.BYTES; i <= last; i += 2 * Long.BYTES) {
        long first = (long) LONGS.get(b, i);
        long second = (long) LONGS.get(b, i + Long.BYTES);
        long candidates = ((first - BELOW_CR) & ~first) | ((second - BELOW_CR) & ~second);
        if ((candidates & HIGHS) != 0) {
          break;
        }
      }
      for (int last = to - Long.BYTES; i <= last; i += Long.BYTES) {
        // One test for both: CR and LF are the only bytes below 0x0E that text commonly holds, so
        // flag every byte below it and look closer only at the word that has one.
        long word = (long) LONGS.get(b, i);
        long below = (word - BELOW_CR) & ~word & HIGHS;
        if (below != 0) {
          for (int k = i + (Long.numberOfTrailingZeros(below) >>> 3), wordEnd = i + Long.BYTES;
              k < wordEnd;
              k++) {
            byte c = b[k];
            if (c == '\n' || c == '\r') {
              return k;
            }
          }
        }
      }
    }
    for (; i < to; i++) {
      byte c = b[i];
      if (c == '\n' || c == '\r') {
        return i;
      }
    }
    return to;
  }

  /** Whether {@link #wordAt} can read the eight bytes of {@code b} from {@code at}. */
  public static boolean hasWord(byte[] b, int at) {
    return LONGS != null && at >= 0 && at + Long.BYTES <= b.length;
  }

  /** The eight bytes of {@code b} from {@code at} as a little-endian word; see {@link #hasWord}. */
  public static long wordAt(byte[] b, int at) {
    return (long) LONGS.get(b, at);
  }

  /**
   * {@code ascii} ({@code 1 <= length <= 8}) as {@link #wordAt} reads it; compare it with a word
   * masked by {@link #lowBytes lowBytes(ascii.length())}.
   */
  public static long word(String ascii) {
    long w = 0;
    for (int k = ascii.length() - 1; k >= 0; k--) {
      w = (w << Byte.SIZE) | (ascii.charAt(k) & 0xFF);
    }
    return w;
  }

  /**
   * The index of the first byte in {@code b[from, to)} that ends the plain run of a JSON string: a
   * control character (below 0x20), {@code "}, {@code \\}, or a byte of a multi-byte UTF-8
   * sequence (0x80 and above); {@code to} when there is none.
   */
  public static int indexOfJsonStringSpecial(byte[] b, int from, int to) {
    int i = from;
    if (LONGS != null) {
      for (int last = to - Long.BYTES; i <= last; i += Long.BYTES) {
        long word = (long) LONGS.get(b, i);
        // Each term's lowest flag is exact (see zeros), so the lowest flag of them all is too.
        long found =
            ((word - SPACES) & ~word & HIGHS) | zeros(word ^ QUOTES) | zeros(word ^ BACKSLASHES)
                | (word & HIGHS);
        if (found != 0) {
          return i + (Long.numberOfTrailingZeros(found) >>> 3);
        }
      }
    }
    for (; i < to; i++) {
      int c = b[i];
      if (c < 0x20 || c == '"' || c == '\\') {
        return i;
      }
    }
    return to;
  }

  /** Whether {@code b[from, to)} contains a zero byte. */
  public static boolean containsNul(byte[] b, int from, int to) {
    int n = to - from;
    if (LONGS != null) {
      if (n >= Long.BYTES) {
        for (int i = from, last = to - Long.BYTES; i < last; i += Long.BYTES) {
          if (zeros((long) LONGS.get(b, i)) != 0) {
            return true;
          }
        }
        // The last word, overlapping the one before: no byte-at-a-time tail.
        return zeros((long) LONGS.get(b, to - Long.BYTES)) != 0;
      }
      if (from + Long.BYTES <= b.length) {
        // A short range inside a longer array: read a whole word, and make the bytes after the
        // range non-zero.
        return n > 0 && zeros((long) LONGS.get(b, from) | ~lowBytes(n)) != 0;
      }
    }
    for (int i = from; i < to; i++) {
      if (b[i] == 0) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether {@code a[0, n)} equals {@code b[from, from + n)}, both in bounds. Faster when {@code a}
   * has room for at least eight bytes.
   */
  public static boolean equalsRange(byte[] a, int n, byte[] b, int from) {
    if (LONGS != null) {
      if (n >= Long.BYTES) {
        for (int i = 0, last = n - Long.BYTES; i < last; i += Long.BYTES) {
          if ((long) LONGS.get(a, i) != (long) LONGS.get(b, from + i)) {
            return false;
          }
        }
        int tail = n - Long.BYTES; // the last word, overlapping the one before
        return (long) LONGS.get(a, tail) == (long) LONGS.get(b, from + tail);
      }
      if (a.length >= Long.BYTES && from + Long.BYTES <= b.length) {
        long diff = (long) LONGS.get(a, 0) ^ (long) LONGS.get(b, from);
        return (diff & lowBytes(n)) == 0;
      }
    }
    for (int i = 0; i < n; i++) {
      if (a[i] != b[from + i]) {
        return false;
      }
    }
    return true;
  }

  /** A mask of the {@code n} lowest bytes, {@code 0 <= n <= 8}: the first n bytes of a word. */
  public static long lowBytes(int n) {
    return n == 0 ? 0 : -1L >>> (Long.SIZE - Byte.SIZE * n);
  }
}
