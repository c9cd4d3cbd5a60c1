package dev.ssekit.core.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Finds the next CR or LF in a byte array: the parser's innermost loop. Where the platform can read
 * a {@code long} from a {@code byte[]} (HotSpot; Android from API 33) it tests eight bytes at a
 * time with SWAR arithmetic, otherwise one byte at a time.
 */
public final class LineScanner {
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;
  private static final long LFS = 0x0A0A0A0A0A0A0A0AL;
  private static final long CRS = 0x0D0D0D0D0D0D0D0DL;
  /** Little-endian, so the lowest set bit of a match mask belongs to the first byte in the array. */
  private static final VarHandle LONGS = longView();

  private LineScanner() {}

  private static VarHandle longView() {
    try {
      return MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    } catch (Throwable unsupported) {
      return null;
    }
  }

  /** The index of the first CR or LF in {@code b[from, to)}, or {@code to} when there is none. */
  public static int indexOfLineEnd(byte[] b, int from, int to) {
    int i = from;
    if (LONGS != null) {
      for (int last = to - Long.BYTES; i <= last; i += Long.BYTES) {
        long word = (long) LONGS.get(b, i);
        long lf = word ^ LFS;
        long cr = word ^ CRS;
        // A byte of lf or cr is zero where the word holds LF or CR. (v - 1) & ~v sets a byte's
        // high bit when it is zero; bytes above a zero may be flagged too, but never below, so the
        // lowest flag is exact.
        long found = ((lf - ONES) & ~lf | (cr - ONES) & ~cr) & HIGHS;
        if (found != 0) {
          return i + (Long.numberOfTrailingZeros(found) >>> 3);
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
}
