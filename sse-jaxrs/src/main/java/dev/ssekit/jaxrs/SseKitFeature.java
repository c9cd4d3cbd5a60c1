package dev.ssekit.jaxrs;

import dev.ssekit.core.CodecRegistry;
import dev.ssekit.jaxrs.internal.CodecBodyReader;
import dev.ssekit.jaxrs.internal.CodecBodyWriter;
import dev.ssekit.jaxrs.internal.EventStreamHeadersFilter;
import jakarta.ws.rs.RuntimeType;
import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Registers ssekit with a JAX-RS server or client:
 *
 * <ul>
 *   <li>an entity writer and reader for every {@code @SseEvent} class, using its generated codec,
 *       so {@code InboundSseEvent.readData(Ping.class)} works on a client and {@code
 *       newEventBuilder().data(Ping.class, ping)} on a server;
 *   <li>on a server, a response filter that gives every {@code text/event-stream} response {@code
 *       Cache-Control: no-cache}, {@code X-Accel-Buffering: no} and an explicit UTF-8 charset, and
 *       keeps it from being compressed (compression buffers events).
 * </ul>
 *
 * <pre>{@code
 * new ResourceConfig().register(new SseKitFeature()).register(ChatResource.class);
 * ClientBuilder.newClient().register(SseKitFeature.class);
 * }</pre>
 */
public final class SseKitFeature implements Feature {
  /** Runs after header-setting filters such as Jersey's {@code EncodingFilter} (3000). */
  private static final int FILTER_PRIORITY = 100;

  private final Supplier<CodecRegistry> codecs;

  /** Uses every codec the annotation processor registered. */
  public SseKitFeature() {
    this.codecs = CodecRegistry::loadDefault;
  }

  /** Uses the codecs in {@code codecs}. */
  public SseKitFeature(CodecRegistry codecs) {
    Objects.requireNonNull(codecs, "codecs");
    this.codecs = () -> codecs;
  }

  @Override
  public boolean configure(FeatureContext context) {
    context.register(new CodecBodyWriter(codecs));
    context.register(new CodecBodyReader(codecs));
    if (context.getConfiguration().getRuntimeType() == RuntimeType.SERVER) {
      context.register(new EventStreamHeadersFilter(), FILTER_PRIORITY);
    }
    return true;
  }
}
