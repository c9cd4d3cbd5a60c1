package dev.ssekit.jaxrs;

import dev.ssekit.hub.contract.Order;
import dev.ssekit.hub.contract.Order_SseCodec;
import dev.ssekit.hub.contract.Ping;
import jakarta.inject.Singleton;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseBroadcaster;
import jakarta.ws.rs.sse.SseEventSink;

/** Typed events through the standard JAX-RS SSE API only. */
@Singleton
@Path("/sink")
public class SinkResource {
  private final Sse sse;
  private final SseBroadcaster broadcaster;

  public SinkResource(@Context Sse sse) {
    this.sse = sse;
    this.broadcaster = sse.newBroadcaster();
  }

  @GET
  @Path("three")
  @Produces(MediaType.SERVER_SENT_EVENTS)
  public void three(@Context SseEventSink sink) throws java.io.IOException {
    try (sink) {
      sink.send(TypedEvents.of(sse, new Ping("one", 1)));
      sink.send(TypedEvents.builder(sse, new Ping("two", 2)).id("custom-2").build());
      sink.send(TypedEvents.builder(sse, new Order("o-3", 3), new Order_SseCodec()).build());
    }
  }

  @GET
  @Path("subscribe")
  @Produces(MediaType.SERVER_SENT_EVENTS)
  public void subscribe(@Context SseEventSink sink) {
    broadcaster.register(sink);
  }

  @POST
  @Path("broadcast")
  public void broadcast(String text) {
    broadcaster.broadcast(TypedEvents.of(sse, new Ping(text, 42)));
  }
}
