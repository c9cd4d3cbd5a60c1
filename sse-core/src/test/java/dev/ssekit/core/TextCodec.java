package dev.ssekit.core;

import dev.ssekit.core.json.JsonReader;
import dev.ssekit.core.json.JsonWriter;

/**
 * A hand-written codec for tests: a {@code String} value written as {@code {"text":value}}; a value
 * starting with {@code "id:"} supplies the rest as its frame id, and the value {@code "fail"} makes
 * {@link #write} throw half-way through.
 */
final class TextCodec implements SseCodec<String> {
  private final String name;

  private TextCodec(String name) {
    this.name = name;
  }

  static TextCodec named(String name) {
    return new TextCodec(name);
  }

  @Override
  public String eventName() {
    return name;
  }

  @Override
  public Class<String> type() {
    return String.class;
  }

  @Override
  public String id(String value) {
    return value.startsWith("id:") ? value.substring(3) : null;
  }

  @Override
  public void write(JsonWriter out, String value) {
    if (value.equals("nothing")) {
      return;
    }
    out.beginObject();
    out.name("text");
    if (value.equals("fail")) {
      throw new IllegalStateException("cannot write " + value);
    }
    out.value(value);
    if (!value.equals("open")) {
      out.endObject();
    }
  }

  @Override
  public String read(JsonReader in) {
    throw new UnsupportedOperationException("not needed by these tests");
  }
}
