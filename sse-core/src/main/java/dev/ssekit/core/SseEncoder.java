package dev.ssekit.core;

import java.io.IOException;
import java.io.OutputStream;

/**
 * CONTRACT STUB — to be implemented (wire helper). Writes complete {@code text/event-stream} frames
 * as UTF-8 into a reusable buffer. A frame that fails validation leaves the buffer as it was. Not
 * thread-safe; reuse one per thread.
 */
public final class SseEncoder {
  public SseEncoder() {}

  /** Appends one complete frame for {@code event}. */
  public SseEncoder append(ServerSentEvent event) {
    return this;
  }

  /** Appends a typed event: {@code event:} from the codec, {@code id} from {@code codec.id(value)}. */
  public <T> SseEncoder append(T value, SseCodec<T> codec) {
    return this;
  }

  /** Appends a typed event with an explicit id ({@code null} for none), overriding the codec's. */
  public <T> SseEncoder append(T value, SseCodec<T> codec, String id) {
    return this;
  }

  /** Appends comment lines (no blank line: a comment dispatches nothing). */
  public SseEncoder appendComment(String comment) {
    return this;
  }

  /** Appends a retry-only frame. */
  public SseEncoder appendRetry(long millis) {
    return this;
  }

  public int size() {
    return 0;
  }

  public byte[] toByteArray() {
    return new byte[0];
  }

  public void writeTo(OutputStream out) throws IOException {}

  public void reset() {}

  /** One complete frame for {@code event}. */
  public static byte[] encode(ServerSentEvent event) {
    return new SseEncoder().append(event).toByteArray();
  }
}
