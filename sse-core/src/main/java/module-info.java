/**
 * The {@code text/event-stream} wire format, the typed-event model and the JSON that generated
 * codecs speak. This module has no dependencies outside the JDK.
 */
module dev.ssekit.core {
  exports dev.ssekit.core;
  exports dev.ssekit.core.json;
  // The client (a Last-Event-ID it was given) and the JAX-RS adapter (events the runtime writes)
  // check fields with the encoder's own rules.
  exports dev.ssekit.core.internal to
      dev.ssekit.client,
      dev.ssekit.jaxrs;

  uses dev.ssekit.core.SseCodec;
}
