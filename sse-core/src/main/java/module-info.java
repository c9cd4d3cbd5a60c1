/**
 * The {@code text/event-stream} wire format, the typed-event model and the JSON that generated
 * codecs speak. This module has no dependencies outside the JDK.
 */
module dev.ssekit.core {
  exports dev.ssekit.core;
  exports dev.ssekit.core.hub;

  uses dev.ssekit.core.SseCodec;
}
