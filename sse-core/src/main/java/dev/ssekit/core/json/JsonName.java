package dev.ssekit.core.json;

import dev.ssekit.core.internal.Utf8Buffer;
import dev.ssekit.core.json.internal.JsonStringEncoder;
import java.util.Objects;

/**
 * A JSON property name encoded once, as {@code "name":} in escaped UTF-8, so that {@link
 * JsonWriter#name(JsonName)} writes it with a single array copy. Generated codecs keep one per
 * property in a {@code static final} field. Immutable and thread-safe.
 */
public final class JsonName {
  private final String name;
  private final byte[] encoded;

  private JsonName(String name, byte[] encoded) {
    this.name = name;
    this.encoded = encoded;
  }

  /** Encodes {@code name}; any string is allowed, it is escaped like a JSON string value. */
  public static JsonName of(String name) {
    Objects.requireNonNull(name, "name");
    Utf8Buffer buffer = new Utf8Buffer(name.length() + 3);
    JsonStringEncoder.writeQuoted(buffer, name);
    buffer.writeByte(':');
    return new JsonName(name, buffer.toByteArray());
  }

  /** The name as given to {@link #of(String)}. */
  public String name() {
    return name;
  }

  /** The encoded {@code "name":} bytes; shared, never modified. */
  byte[] encoded() {
    return encoded;
  }

  /** The name as given to {@link #of(String)}. */
  @Override
  public String toString() {
    return name;
  }
}
