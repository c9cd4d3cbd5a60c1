package dev.ssekit.core;

/**
 * CONTRACT STUB. The property names a generated codec expects, matched by
 * {@link JsonReader#nextName(JsonNames)} against the input bytes without allocating a String.
 */
public final class JsonNames {
  private JsonNames() {}

  public static JsonNames of(String... names) {
    throw new UnsupportedOperationException("todo");
  }
}
