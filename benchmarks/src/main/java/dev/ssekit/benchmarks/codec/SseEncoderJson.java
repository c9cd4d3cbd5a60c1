package dev.ssekit.benchmarks.codec;

import dev.ssekit.core.SseCodec;
import dev.ssekit.core.json.JsonWriter;
import java.nio.charset.StandardCharsets;

/** The JSON a generated codec writes, as a String, for cross-checking against Jackson. */
final class SseEncoderJson<T> {
  private final SseCodec<T> codec;

  SseEncoderJson(SseCodec<T> codec) {
    this.codec = codec;
  }

  String json(T value) {
    JsonWriter out = new JsonWriter();
    codec.write(out, value);
    return new String(out.toByteArray(), StandardCharsets.UTF_8);
  }
}
