package dev.ssekit.jaxrs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ssekit.core.ServerSentEvent;
import dev.ssekit.hub.CloseReason;
import dev.ssekit.hub.EventHub;
import dev.ssekit.hub.EventIdGenerator;
import dev.ssekit.hub.Subscription;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Several clients that send their request and never read (their TCP windows fill up) are released
 * by the slow-subscriber policy, while the clients that do read receive every event.
 */
@Timeout(180)
class StalledReadersTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final int STALLED = 4;
  private static final int READERS = 5;
  /** How far the publisher may run ahead of the slowest live reader, in events. */
  private static final int LAG = 3;

  @BeforeAll
  static void pollPromptly() {
    Awaitility.setDefaultPollDelay(Duration.ZERO);
    Awaitility.setDefaultPollInterval(Duration.ofMillis(5));
  }

  private EventHub hub;
  private TestServer server;
  private final List<AutoCloseable> toClose = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : toClose) {
      c.close();
    }
    if (hub != null) {
      hub.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void stalledReadersAreReleasedWhileTheOthersReceiveEverything() throws Exception {
    hub =
        EventHub.builder()
            .ids(EventIdGenerator.sequence())
            .maxQueued(8, 512 * 1024)
            .writeTimeout(Duration.ofSeconds(2))
            .build();
    HubResource resource = new HubResource(hub);
    server = TestServer.start(new ResourceConfig().register(resource));
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    List<StreamClient> readers = new ArrayList<>();
    for (int i = 0; i < READERS; i++) {
      StreamClient c = StreamClient.open(http, server.uri("hub/events"), null);
      toClose.add(c);
      readers.add(c);
    }
    for (int i = 0; i < STALLED; i++) {
      Socket stalled = new Socket();
      toClose.add(stalled);
      stalled.setReceiveBufferSize(4096); // before connecting, so the window stays small
      stalled.connect(new InetSocketAddress("127.0.0.1", server.port()));
      stalled
          .getOutputStream()
          .write(
              "GET /hub/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n"
                  .getBytes(StandardCharsets.US_ASCII));
    }
    await().atMost(WAIT).until(() -> hub.subscriberCount() == READERS + STALLED);

    String payload = "x".repeat(64 * 1024);
    int published = 0;
    long start = System.nanoTime();
    // Paced by the live readers, so only the stalled ones can fall behind.
    while (resource.closed.size() < STALLED && published < 5000) {
      hub.publish(ServerSentEvent.of(payload));
      published++;
      int atLeast = published - LAG;
      await().atMost(WAIT).until(() -> readers.stream().allMatch(r -> r.eventCount() >= atLeast));
    }
    long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

    assertThat(resource.closed).hasSize(STALLED);
    assertThat(resource.closed)
        .extracting(Subscription::closeReason)
        .allMatch(r -> r == CloseReason.TOO_SLOW || r == CloseReason.WRITE_TIMEOUT);
    assertThat(hub.subscriberCount()).isEqualTo(READERS);
    hub.publish(ServerSentEvent.of("after"));
    int total = published + 1;
    await().atMost(WAIT).until(() -> readers.stream().allMatch(r -> r.eventCount() == total));
    List<String> expected = new ArrayList<>();
    for (int i = 1; i <= total; i++) {
      expected.add(Integer.toString(i));
    }
    for (StreamClient r : readers) {
      assertThat(r.ids()).isEqualTo(expected);
    }
    System.out.printf(
        "stalled readers: %d stalled clients released (%s) after %d events of 64 KiB (%d MiB) in"
            + " %d ms; %d live readers received all %d events, 0 lost%n",
        STALLED,
        resource.closed.stream().map(Subscription::closeReason).toList(),
        published,
        (published * 64L) >> 10,
        tookMillis,
        READERS,
        total);
  }
}
