package dev.ssekit.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ssekit.core.ServerSentEvent;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Against a plain Jersey SSE endpoint (the standard SseEventSink), not our own server code. */
@Timeout(60)
class JerseyServerTest {
  static final List<String> LAST_EVENT_IDS = new CopyOnWriteArrayList<>();

  /** Sends three ticks after the Last-Event-ID, then ends the stream: a replaying server. */
  @Path("ticks")
  public static class Ticks {
    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void ticks(
        @Context SseEventSink sink,
        @Context Sse sse,
        @HeaderParam("Last-Event-ID") String lastEventId)
        throws java.io.IOException {
      LAST_EVENT_IDS.add(String.valueOf(lastEventId));
      int from = lastEventId == null ? 1 : Integer.parseInt(lastEventId) + 1;
      try (sink) {
        for (int i = from; i < from + 3 && i <= 9; i++) {
          sink.send(
                  sse.newEventBuilder()
                      .name("tick")
                      .id(String.valueOf(i))
                      .reconnectDelay(30)
                      .data("tick " + i)
                      .build())
              .toCompletableFuture()
              .join();
        }
        if (from > 9) {
          // Nothing left: tell the client to stop, as the spec allows.
          sink.send(sse.newEventBuilder().comment("done").build()).toCompletableFuture().join();
        }
      }
    }
  }

  private HttpServer server;
  private URI base;

  @BeforeEach
  void start() {
    LAST_EVENT_IDS.clear();
    server =
        GrizzlyHttpServerFactory.createHttpServer(
            URI.create("http://127.0.0.1:0/"),
            // No WADL: without JAXB, Jersey warns on every start that it cannot serve one.
            new ResourceConfig(Ticks.class).property(ServerProperties.WADL_FEATURE_DISABLE, true),
            true);
    base = URI.create("http://127.0.0.1:" + server.getListeners().iterator().next().getPort() + "/");
  }

  @AfterEach
  void stop() {
    server.shutdownNow();
  }

  @Test
  void readsAJerseyStreamAcrossReconnectsWithoutLossOrDuplicates() throws Exception {
    Recorder r = new Recorder();
    try (EventSource source = r.attach(EventSource.builder(base.resolve("ticks")).build(), "tick")) {
      source.connect();
      List<String> got = new ArrayList<>();
      for (int i = 1; i <= 9; i++) {
        ServerSentEvent e = r.nextEvent();
        assertThat(e.type()).isEqualTo("tick");
        assertThat(e.id()).isEqualTo(String.valueOf(i));
        got.add(e.data());
      }
      assertThat(got).containsExactly(
          "tick 1", "tick 2", "tick 3", "tick 4", "tick 5", "tick 6", "tick 7", "tick 8",
          "tick 9");
      assertThat(LAST_EVENT_IDS.subList(0, 3)).containsExactly("null", "3", "6");
      assertThat(source.lastEventId()).isEqualTo("9");
    }
  }

  @Test
  void theIteratorReadsAJerseyStream() throws Exception {
    try (EventStream events =
        EventSource.builder(base.resolve("ticks"))
            .reconnectPolicy(ReconnectPolicy.never())
            .events()) {
      List<String> got = new ArrayList<>();
      events.forEachRemaining(e -> got.add(e.data()));
      assertThat(got).containsExactly("tick 1", "tick 2", "tick 3");
    }
  }
}
