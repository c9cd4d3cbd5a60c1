package dev.ssekit.benchmarks.parse;

import java.io.InputStream;

/** Serves a byte array in reads of at most {@code chunk} bytes, as a network would. */
final class ChunkedInputStream extends InputStream {
  private final byte[] bytes;
  private final int chunk;
  private int position;

  ChunkedInputStream(byte[] bytes, int chunk) {
    this.bytes = bytes;
    this.chunk = chunk;
  }

  @Override
  public int read() {
    return position < bytes.length ? bytes[position++] & 0xFF : -1;
  }

  @Override
  public int read(byte[] b, int off, int len) {
    if (position >= bytes.length) {
      return -1;
    }
    int n = Math.min(Math.min(len, chunk), bytes.length - position);
    System.arraycopy(bytes, position, b, off, n);
    position += n;
    return n;
  }

  @Override
  public int available() {
    return Math.min(chunk, bytes.length - position);
  }
}
