package dev.ssekit.benchmarks.parse;

import okio.Buffer;
import okio.Source;
import okio.Timeout;

/** An okio {@link Source} serving a byte array in reads of at most {@code chunk} bytes. */
final class ChunkedSource implements Source {
  private final byte[] bytes;
  private final int chunk;
  private int position;

  ChunkedSource(byte[] bytes, int chunk) {
    this.bytes = bytes;
    this.chunk = chunk;
  }

  @Override
  public long read(Buffer sink, long byteCount) {
    if (position >= bytes.length) {
      return -1;
    }
    int n = (int) Math.min(Math.min(byteCount, chunk), bytes.length - position);
    sink.write(bytes, position, n);
    position += n;
    return n;
  }

  @Override
  public Timeout timeout() {
    return Timeout.NONE;
  }

  @Override
  public void close() {}
}
