package dev.ssekit.core.hub;

import dev.ssekit.core.CodecRegistry;

/** The registry a hub uses when none is configured. */
final class DefaultCodecs {
  private DefaultCodecs() {}

  static CodecRegistry registry() {
    // TODO(hub): CodecRegistry.loadDefault() once the JSON helper's registry is merged.
    throw new IllegalStateException(
        "no CodecRegistry configured: call EventHub.builder().codecs(...)");
  }
}
