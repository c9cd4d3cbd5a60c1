package dev.ssekit.processor.internal.emit;

import com.palantir.javapoet.ClassName;

/** The types of sse-core that generated code names: the codec SPI and the JSON reader/writer. */
final class CoreApi {
  private static final String CORE = "dev.ssekit.core";
  private static final String JSON = "dev.ssekit.core.json";
  static final ClassName JSON_WRITER = ClassName.get(JSON, "JsonWriter");
  static final ClassName JSON_READER = ClassName.get(JSON, "JsonReader");
  static final ClassName JSON_NAME = ClassName.get(JSON, "JsonName");
  static final ClassName JSON_NAMES = ClassName.get(JSON, "JsonNames");
  static final ClassName JSON_CODEC = ClassName.get(JSON, "JsonCodec");
  static final ClassName JSON_EXCEPTION = ClassName.get(JSON, "JsonException");
  static final ClassName SSE_CODEC = ClassName.get(CORE, "SseCodec");

  private CoreApi() {}
}
