package dev.ssekit.jaxrs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ssekit.hub.EventHub;
import dev.ssekit.hub.EventIdGenerator;
import dev.ssekit.hub.contract.Ping;
import dev.ssekit.hub.contract.StreamEndpointContract;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.sse.InboundSseEvent;
import jakarta.ws.rs.sse.SseEventSource;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The hub served by Jersey on Grizzly, over real HTTP: what is particular to JAX-RS and Jersey. The
 * behaviour every adapter shares is in {@link StreamEndpointContract} ({@link
 * JerseyStreamEndpointTest}).
 */
class HubStreamsTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  private EventHub hub;
  private TestServer server;

  @BeforeEach
  void start() {
    hub = EventHub.builder().ids(EventIdGenerator.sequence()).build();
    server =
        TestServer.start(
            new ResourceConfig()
                .register(new HubResource(hub, subscription -> {}))
                .register(new SseKitFeature()));
  }

  @AfterEach
  void stop() {
    hub.close();
    server.close();
  }

  @Test
  void jerseysEventSourceReadsTypedData() throws Exception {
    Client jersey = ClientBuilder.newClient().register(new SseKitFeature());
    ConcurrentLinkedQueue<InboundSseEvent> received = new ConcurrentLinkedQueue<>();
    try (SseEventSource source =
        SseEventSource.target(jersey.target(server.uri("hub/events"))).build()) {
      // Jersey's client reports the data-less retry block as an event too; the spec says it is
      // none.
      source.register(
          e -> {
            if (e.getName() != null) {
              received.add(e);
            }
          });
      source.open();
      await().atMost(WAIT).until(() -> hub.subscriberCount() == 1);
      hub.publish(new Ping("typed", 7));
      await().atMost(WAIT).until(() -> received.size() == 1);
      InboundSseEvent event = received.peek();
      assertThat(event.getName()).isEqualTo("ping");
      assertThat(event.getId()).isEqualTo("1");
      assertThat(event.readData(Ping.class)).isEqualTo(new Ping("typed", 7));
    } finally {
      jersey.close();
    }
  }

  @Test
  void theStatusLineSaysOkThoughTheResponseCarriesNoReasonPhrase() throws Exception {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", server.port()));
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      out.write(
          "GET /hub/events HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
              .getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = s.getInputStream();
      StringBuilder line = new StringBuilder();
      int b;
      while ((b = in.read()) != -1 && b != '\n') {
        line.append((char) b);
      }
      assertThat(line.toString().trim()).isEqualTo("HTTP/1.1 200 OK");
    }
  }
}
