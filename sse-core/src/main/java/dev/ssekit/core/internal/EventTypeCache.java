package dev.ssekit.core.internal;

/**
 * The event types a stream used most recently, so that a repeated type is matched by comparing
 * bytes instead of being decoded into a new {@code String}. Streams interleave a handful of types;
 * a few entries, compared from the newest, catch nearly all of them. Entries are made on first
 * use, so an idle parser holds none.
 */
public final class EventTypeCache {
  private static final int ENTRIES = 8;

  /** Types longer than this are decoded every time: they are rare, and costly to compare. */
  private static final int MAX_LENGTH = 64;

  private byte[][] bytes;
  private int[] lengths;
  private String[] types;
  private int count;
  private int next;

  /** The type spelled by the UTF-8 bytes {@code b[from, to)}, decoded as the parser decodes. */
  public String type(byte[] b, int from, int to) {
    int n = to - from;
    for (int k = 0; k < count; k++) {
      if (lengths[k] == n && Bytes.equalsRange(bytes[k], n, b, from)) {
        return types[k];
      }
    }
    String decoded = Utf8Decoder.decode(b, from, to);
    if (n <= MAX_LENGTH) {
      remember(b, from, n, decoded);
    }
    return decoded;
  }

  private void remember(byte[] b, int from, int n, String decoded) {
    if (bytes == null) {
      bytes = new byte[ENTRIES][];
      lengths = new int[ENTRIES];
      types = new String[ENTRIES];
    }
    // At least a word long, so short types compare in one step.
    byte[] copy = new byte[Math.max(n, Long.BYTES)];
    System.arraycopy(b, from, copy, 0, n);
    int k = next;
    next = (next + 1) % ENTRIES;
    count = Math.max(count, k + 1);
    bytes[k] = copy;
    lengths[k] = n;
    types[k] = decoded;
  }
}
