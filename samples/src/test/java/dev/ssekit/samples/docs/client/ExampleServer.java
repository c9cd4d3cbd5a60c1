package dev.ssekit.samples.docs.client;

import dev.ssekit.hub.EventHub;
import dev.ssekit.jaxrs.HubStreams;
import dev.ssekit.jaxrs.SseKitFeature;
import dev.ssekit.jaxrs.TypedEvents;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.io.IOException;
import java.net.URI;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;

/**
 * The server the client examples read: Jersey on Grizzly on a free loopback port, with a hub's
 * stream at {@code GET /events} and an LLM-style answer at {@code POST /chat}, which streams one
 * {@link Token} per word of the request body and then {@code data: [DONE]}.
 */
final class ExampleServer implements AutoCloseable {
  /**
   * Jersey warns that resources registered as instances "will be ignored" as providers; they are
   * served all the same. Held here because JUL keeps loggers weakly.
   */
  private static final Logger JERSEY_PROVIDERS =
      Logger.getLogger("org.glassfish.jersey.internal.inject.Providers");

  static {
    JERSEY_PROVIDERS.setLevel(Level.SEVERE);
  }

  private final HttpServer server;

  /** What the server exposes; one instance per server. */
  @Path("/")
  public static final class Endpoints {
    private final EventHub hub;

    Endpoints(EventHub hub) {
      this.hub = hub;
    }

    /** The hub's stream, resumed from {@code Last-Event-ID}. */
    @GET
    @Path("events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public Response events(@HeaderParam(HttpHeaders.LAST_EVENT_ID_HEADER) String lastEventId) {
      return HubStreams.open(hub, lastEventId);
    }

    /** Streams the words of {@code prompt} back as tokens, then the end sentinel. */
    @POST
    @Path("chat")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void chat(String prompt, @Context SseEventSink sink, @Context Sse sse)
        throws IOException {
      try (sink) {
        for (String word : prompt.split(" ")) {
          sink.send(TypedEvents.of(sse, new Token(word)));
        }
        sink.send(sse.newEvent("[DONE]"));
      }
    }
  }

  /** Serves {@code hub} on a free port of 127.0.0.1. */
  ExampleServer(EventHub hub) {
    server =
        GrizzlyHttpServerFactory.createHttpServer(
            URI.create("http://127.0.0.1:0/"),
            new ResourceConfig()
                .register(new SseKitFeature())
                .register(new Endpoints(hub))
                .property(ServerProperties.WADL_FEATURE_DISABLE, true));
  }

  /** The URL of {@code path} on this server, such as {@code "/events"}. */
  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.getListener("grizzly").getPort() + path);
  }

  @Override
  public void close() {
    server.shutdownNow();
  }
}
