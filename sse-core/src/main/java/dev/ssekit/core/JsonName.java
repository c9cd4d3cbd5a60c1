package dev.ssekit.core;

/**
 * CONTRACT STUB. A JSON property name encoded once (as {@code "name":} in UTF-8, escaped) so that
 * generated codecs write it with a single array copy.
 */
public final class JsonName {
  private JsonName() {}

  public static JsonName of(String name) {
    throw new UnsupportedOperationException("todo");
  }
}
