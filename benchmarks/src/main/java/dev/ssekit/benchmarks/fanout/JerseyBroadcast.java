package dev.ssekit.benchmarks.fanout;

import dev.ssekit.core.CodecRegistry;
import dev.ssekit.core.SseCodec;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseBroadcaster;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Jersey's side: the standard {@link SseBroadcaster}, each event built with {@code
 * sse.newEventBuilder()} as a JAX-RS application would, with the same JSON (made once per event) as
 * the hub sends.
 */
final class JerseyBroadcast implements Broadcast {
  private final SseCodec<FanoutPing> codec =
      CodecRegistry.loadDefault().codecFor(FanoutPing.class);
  private final AtomicInteger subscribers = new AtomicInteger();
  private final Object lock = new Object();
  // Guarded by lock; made from the first request's Sse.
  private Sse sse;
  private SseBroadcaster broadcaster;

  @Override
  public void publish(FanoutPing ping) {
    Sse s;
    SseBroadcaster b;
    synchronized (lock) {
      s = sse;
      b = broadcaster;
    }
    if (b == null) {
      return; // nobody has connected yet
    }
    OutboundSseEvent event =
        s.newEventBuilder()
            .name("tick")
            .id(Long.toString(ping.seq()))
            .mediaType(MediaType.TEXT_PLAIN_TYPE)
            .data(String.class, codec.toJson(ping))
            .build();
    b.broadcast(event);
  }

  @Override
  public int subscribers() {
    return subscribers.get();
  }

  void register(SseEventSink sink, Sse requestSse) {
    SseBroadcaster b;
    synchronized (lock) {
      if (broadcaster == null) {
        sse = requestSse;
        broadcaster = requestSse.newBroadcaster();
        broadcaster.onClose(closed -> subscribers.decrementAndGet());
      }
      b = broadcaster;
    }
    b.register(sink);
    subscribers.incrementAndGet();
  }

  @Override
  public Object resource() {
    return new Resource(this);
  }

  @Override
  public void close() {
    synchronized (lock) {
      if (broadcaster != null) {
        broadcaster.close();
      }
    }
  }

  /** {@code GET /events}: the sink joins the broadcaster. */
  @Path("/")
  public static final class Resource {
    private final JerseyBroadcast owner;

    Resource(JerseyBroadcast owner) {
      this.owner = owner;
    }

    /** The event stream. */
    @GET
    @Path("events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void events(@Context SseEventSink sink, @Context Sse sse) {
      owner.register(sink, sse);
    }
  }
}
