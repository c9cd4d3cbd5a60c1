package dev.ssekit.core;

/**
 * CONTRACT STUB — to be implemented (JSON helper). Maps event class → codec and event name → codec.
 * {@code CodecRegistry.loadDefault()} uses ServiceLoader over SseCodec; {@code builder()} registers
 * explicitly. {@code codecFor(Class)} throws IllegalArgumentException naming the class and hinting
 * that the annotation processor is probably not configured.
 */
public final class CodecRegistry {
  private CodecRegistry() {}

  public <T> SseCodec<T> codecFor(Class<T> type) {
    throw new UnsupportedOperationException("todo");
  }

  /** The codec for an event name, or {@code null} when none is registered. */
  public SseCodec<?> codecForEvent(String eventName) {
    throw new UnsupportedOperationException("todo");
  }
}
