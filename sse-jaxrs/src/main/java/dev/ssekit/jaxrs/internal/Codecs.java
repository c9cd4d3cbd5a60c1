package dev.ssekit.jaxrs.internal;

import dev.ssekit.core.CodecRegistry;
import dev.ssekit.core.SseCodec;

/** Codec lookups shared by the JAX-RS providers. */
public final class Codecs {
  private Codecs() {}

  /**
   * The registry of every codec the annotation processor registered, as the current class loader
   * sees them (core caches it per loader).
   */
  public static CodecRegistry defaultRegistry() {
    return CodecRegistry.loadDefault();
  }

  /** The codec for {@code type}, or {@code null} when it has none. */
  public static <T> SseCodec<T> find(CodecRegistry registry, Class<T> type) {
    try {
      return registry.codecFor(type);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
