package dev.ssekit.samples;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseBroadcaster;
import jakarta.ws.rs.sse.SseEventSink;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** {@code GET /events}: a {@code ping} event every second, as in the seed's demo. */
@Path("/events")
public final class PingResource {
  private final Ticker ticker;

  PingResource(Ticker ticker) {
    this.ticker = ticker;
  }

  @GET
  @Produces(MediaType.SERVER_SENT_EVENTS)
  public void events(@Context SseEventSink sink, @Context Sse sse) {
    ticker.broadcaster(sse).register(sink);
  }

  /** One scheduler and one broadcaster shared by every subscriber. */
  static final class Ticker implements AutoCloseable {
    private final ScheduledExecutorService scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "ssekit-samples-ping");
              t.setDaemon(true);
              return t;
            });
    private SseBroadcaster broadcaster;

    synchronized SseBroadcaster broadcaster(Sse sse) {
      if (broadcaster == null) {
        broadcaster = sse.newBroadcaster();
        scheduler.scheduleAtFixedRate(
            () ->
                broadcaster.broadcast(
                    sse.newEventBuilder()
                        .name("ping")
                        .data("{\"time\":\"" + Instant.now() + "\"}")
                        .build()),
            1,
            1,
            TimeUnit.SECONDS);
      }
      return broadcaster;
    }

    @Override
    public synchronized void close() {
      scheduler.shutdownNow();
      if (broadcaster != null) {
        broadcaster.close();
      }
    }
  }
}
