package dev.ssekit.core;

import dev.ssekit.core.internal.Utf8Buffer;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * CONTRACT STUB — to be implemented (JSON helper). Compact streaming JSON writer producing UTF-8
 * bytes. Commas and colons are inserted automatically. Never emits a raw CR or LF (all control
 * characters and U+2028/U+2029 are escaped), so its output fits on one {@code data:} line.
 */
public final class JsonWriter {
  /** A writer over its own growable buffer. */
  public JsonWriter() {
    this(new Utf8Buffer(256));
  }

  /** A writer appending to {@code buffer}, shared with the frame encoder. */
  JsonWriter(Utf8Buffer buffer) {
    throw new UnsupportedOperationException("todo");
  }

  public void beginObject() {}

  public void endObject() {}

  public void beginArray() {}

  public void endArray() {}

  public void name(String name) {}

  public void name(JsonName name) {}

  /** Writes a string, or {@code null} for a null reference. */
  public void value(String value) {}

  public void value(boolean value) {}

  public void value(int value) {}

  public void value(long value) {}

  /** @throws JsonException for NaN and infinities, which JSON cannot represent */
  public void value(double value) {}

  public void value(float value) {}

  public void value(char value) {}

  public void value(BigDecimal value) {}

  public void value(BigInteger value) {}

  public void nullValue() {}

  public byte[] toByteArray() {
    throw new UnsupportedOperationException("todo");
  }

  public void reset() {}
}
