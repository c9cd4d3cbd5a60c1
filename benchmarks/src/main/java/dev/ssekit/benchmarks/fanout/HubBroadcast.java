package dev.ssekit.benchmarks.fanout;

import dev.ssekit.core.CodecRegistry;
import dev.ssekit.core.SseCodec;
import dev.ssekit.hub.EventHub;
import dev.ssekit.hub.EventLog;
import dev.ssekit.jaxrs.HubStreams;
import dev.ssekit.micrometer.SseMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;

/**
 * ssekit's side: an {@link EventHub} served with {@link HubStreams}. The queues are sized to hold a
 * whole run, so that the slow-subscriber policy measures nothing here; if it triggers anyway, the
 * client sees closed connections and gaps and the run reports them.
 */
final class HubBroadcast implements Broadcast {
  private final EventHub hub;
  private final SseCodec<FanoutPing> codec =
      CodecRegistry.loadDefault().codecFor(FanoutPing.class);

  /**
   * A hub whose events go through {@code log} (null: the hub's own memory), whose heartbeat
   * interval is {@code heartbeat} (null: the hub's default), and, with {@code metrics}, whose
   * figures sse-micrometer records into a registry (what metrics cost).
   */
  HubBroadcast(int maxQueuedEvents, EventLog log, Duration heartbeat, boolean metrics) {
    EventHub.Builder b =
        EventHub.builder()
            .maxQueued(maxQueuedEvents, 256L * 1024 * 1024)
            .writeTimeout(Duration.ofSeconds(60));
    if (log != null) {
      b.eventLog(log);
    }
    if (heartbeat != null) {
      b.heartbeatInterval(heartbeat);
    }
    if (metrics) {
      b.observer(SseMetrics.builder(new SimpleMeterRegistry()).build());
    }
    this.hub = b.build();
  }

  /** The hub, for a server other than Jersey's. */
  EventHub hub() {
    return hub;
  }

  @Override
  public void publish(FanoutPing ping) {
    hub.publish(ping, codec);
  }

  @Override
  public void publishUnseen(FanoutPing ping) {
    hub.topic("warmup").publish(ping, codec);
  }

  @Override
  public int subscribers() {
    return hub.subscriberCount();
  }

  @Override
  public Object resource() {
    return new Resource(hub);
  }

  @Override
  public void close() {
    hub.close();
  }

  /** {@code GET /events}: one line, as the README shows. */
  @Path("/")
  public static final class Resource {
    private final EventHub hub;

    Resource(EventHub hub) {
      this.hub = hub;
    }

    /** The event stream. */
    @GET
    @Path("events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public Response events(@HeaderParam(HttpHeaders.LAST_EVENT_ID_HEADER) String lastEventId) {
      return HubStreams.open(hub, lastEventId);
    }
  }
}
