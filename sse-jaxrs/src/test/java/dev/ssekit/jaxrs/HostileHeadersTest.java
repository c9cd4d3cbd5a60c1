package dev.ssekit.jaxrs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ssekit.core.ServerSentEvent;
import dev.ssekit.hub.EventHub;
import dev.ssekit.hub.EventIdGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.Awaitility;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Requests with hostile headers, sent over a raw socket (the JDK's HttpClient refuses to send most
 * of them): each gets a clear refusal or a clean close, and a subscriber connected meanwhile keeps
 * receiving every event.
 */
@Timeout(120)
class HostileHeadersTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @BeforeAll
  static void pollPromptly() {
    Awaitility.setDefaultPollDelay(Duration.ZERO);
    Awaitility.setDefaultPollInterval(Duration.ofMillis(10));
  }

  private EventHub hub;
  private TestServer server;
  private StreamClient bystander;
  private ScheduledExecutorService publisher;
  private final AtomicLong published = new AtomicLong();

  @BeforeEach
  void start() {
    hub = EventHub.builder().ids(EventIdGenerator.sequence()).build();
    server = TestServer.start(new ResourceConfig().register(new HubResource(hub)));
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    bystander = StreamClient.open(http, server.uri("hub/events"), null);
    await().atMost(WAIT).until(() -> hub.subscriberCount() == 1);
    publisher = Executors.newSingleThreadScheduledExecutor();
    publisher.scheduleAtFixedRate(
        () -> hub.publish(ServerSentEvent.of(Long.toString(published.incrementAndGet()))),
        0,
        5,
        TimeUnit.MILLISECONDS);
  }

  @AfterEach
  void stop() {
    if (publisher != null) {
      publisher.shutdownNow();
    }
    if (bystander != null) {
      bystander.close();
    }
    hub.close();
    server.close();
  }

  /** The bystander received 1, 2, 3, ... up to at least what was published by now. */
  private void assertBystanderMissedNothing() throws InterruptedException {
    publisher.shutdown();
    assertThat(publisher.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    long last = published.get();
    await().atMost(WAIT).until(() -> bystander.eventCount() >= last);
    List<ServerSentEvent> events = bystander.events();
    for (int i = 0; i < events.size(); i++) {
      assertThat(events.get(i).data()).as("event %d", i + 1).isEqualTo(Long.toString(i + 1));
      assertThat(events.get(i).id()).isEqualTo(Long.toString(i + 1));
    }
    assertThat(events).hasSize((int) last);
    assertThat(hub.subscriberCount()).isEqualTo(1);
    System.out.printf(
        "hostile headers: bystander received all %d events published meanwhile, 0 lost%n", last);
  }

  /** How the server answered a raw request. */
  private record Answer(String statusLine, String body, boolean closed) {
    int status() {
      return statusLine == null ? -1 : Integer.parseInt(statusLine.split(" ")[1]);
    }
  }

  /** Sends a request and reads its answer until the server closes, or for up to 10 s. */
  private Answer send(byte[] head) throws Exception {
    return send(head, Duration.ofSeconds(10), null);
  }

  /**
   * Sends {@code head} (request line and headers, CRLF-terminated) and a blank line, and reads the
   * answer until the server closes, {@code timeout} passes without a byte, or the answer contains
   * {@code until}.
   */
  private Answer send(byte[] head, Duration timeout, String until) throws Exception {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", server.port()));
      s.setSoTimeout((int) timeout.toMillis());
      OutputStream out = s.getOutputStream();
      // Written on another thread: a server that refuses a huge header may stop reading it.
      CompletableFuture<Void> writing =
          CompletableFuture.runAsync(
              () -> {
                try {
                  out.write(head);
                  out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                  out.flush();
                } catch (IOException e) {
                  // The server closed the connection while the request was still being sent.
                }
              });
      InputStream in = s.getInputStream();
      ByteArrayOutputStream got = new ByteArrayOutputStream();
      byte[] buf = new byte[8192];
      boolean closed = false;
      try {
        int n;
        while ((n = in.read(buf)) != -1) {
          got.write(buf, 0, n);
          if (until != null && got.toString(StandardCharsets.ISO_8859_1).contains(until)) {
            break; // a stream would not end by itself
          }
        }
        closed = n == -1;
      } catch (SocketException e) {
        closed = true; // reset: the server closed while unread request bytes were pending
      } catch (SocketTimeoutException e) {
        closed = false;
      }
      writing.get(15, TimeUnit.SECONDS);
      String text = got.toString(StandardCharsets.ISO_8859_1);
      if (text.isEmpty()) {
        return new Answer(null, "", closed);
      }
      int eol = text.indexOf("\r\n");
      int bodyAt = text.indexOf("\r\n\r\n");
      return new Answer(
          text.substring(0, eol < 0 ? text.length() : eol),
          bodyAt < 0 ? "" : text.substring(bodyAt + 4),
          closed);
    }
  }

  private static byte[] request(String... headerLines) {
    StringBuilder b = new StringBuilder("GET /hub/events HTTP/1.1\r\nHost: 127.0.0.1\r\n");
    for (String h : headerLines) {
      b.append(h).append("\r\n");
    }
    return b.toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  @Test
  void oversizeHeadersAreRefusedByGrizzlysHeaderLimitAndHarmNobody() throws Exception {
    List<byte[]> oversize = new ArrayList<>();
    oversize.add(request("Last-Event-ID: " + "7".repeat(1 << 20)));
    oversize.add(request("Last-Event-ID: " + "7".repeat(1 << 20)));
    oversize.add(request("X-Padding: " + "y".repeat(64 << 10)));
    List<String> many = new ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      many.add("X-" + i + ": v");
    }
    oversize.add(request(many.toArray(new String[0])));
    for (byte[] head : oversize) {
      Answer a = send(head);
      // Grizzly's request-header limit (8 KiB by default) answers before Jersey or the hub see it.
      assertThat(a.status()).as(describe(head)).isEqualTo(400);
      assertThat(a.closed()).as(describe(head)).isTrue();
    }
    assertThat(hub.subscriberCount()).isEqualTo(1);
    assertBystanderMissedNothing();
  }

  @Test
  void malformedLastEventIdsGetTheHubs400WithTheReasonAndHarmNobody() throws Exception {
    String[][] cases = {
      {"a\tb", "control character U+0009"},
      {"a\u0000b", "control character U+0000"},
      {"a\rb", "control character U+000D"},
      {"a\u007fb", "control character U+007F"},
      {"9".repeat(257), "longer than 256 characters"},
    };
    for (String[] c : cases) {
      Answer a = send(request("Last-Event-ID: " + c[0]));
      assertThat(a.status()).as(c[1]).isEqualTo(400);
      assertThat(a.body()).as(c[1]).startsWith("Last-Event-ID").contains(c[1]);
    }
    assertThat(hub.subscriberCount()).isEqualTo(1);
    assertBystanderMissedNothing();
  }

  @Test
  void idsNoEventCouldHaveGetTheResetEventAndHarmNobody() throws Exception {
    // Published ids are visible ASCII, so these can never be in the window: the client is told to
    // reload (the reset event), as after a server restart.
    List<byte[]> unknown = new ArrayList<>();
    unknown.add(request("Last-Event-ID: \u00ff\u00fe"));
    unknown.add(request("Last-Event-ID: 1", " folded")); // obs-fold: Grizzly joins the lines
    unknown.add(request("Last-Event-ID: two words"));
    for (byte[] head : unknown) {
      Answer a = send(head, Duration.ofSeconds(10), "event: ssekit-reset");
      assertThat(a.status()).as(describe(head)).isEqualTo(200);
      assertThat(a.body()).as(describe(head)).contains("event: ssekit-reset");
    }
    await().atMost(WAIT).until(() -> hub.subscriberCount() == 1);
    assertBystanderMissedNothing();
  }

  @Test
  void aHeaderLineWithoutAColonIsNeverServed() throws Exception {
    // Grizzly neither answers nor closes such a request (it waits for the rest of a header it
    // cannot finish); what matters here is that no stream is opened and nobody else is delayed.
    Answer a = send(request("Last-Event-ID 42"), Duration.ofSeconds(2), null);
    assertThat(a.status()).isNotEqualTo(200);
    assertThat(hub.subscriberCount()).isEqualTo(1);
    assertBystanderMissedNothing();
  }

  @Test
  void aRepeatedLastEventIdResumesAfterTheFirst() throws Exception {
    await().atMost(WAIT).until(() -> bystander.eventCount() >= 3);
    Answer a =
        send(request("Last-Event-ID: 1", "Last-Event-ID: 2"), Duration.ofSeconds(10), "id: 3\n");
    // Jersey hands the resource the first of the repeated values.
    assertThat(a.status()).isEqualTo(200);
    assertThat(a.body()).contains("id: 2\ndata: 2\n\n").doesNotContain("ssekit-reset");
    await().atMost(WAIT).until(() -> hub.subscriberCount() == 1);
    assertBystanderMissedNothing();
  }

  private static String describe(byte[] head) {
    String s = new String(head, 0, Math.min(head.length, 80), StandardCharsets.ISO_8859_1);
    return s.replace("\r\n", " | ") + (head.length > 80 ? "... (" + head.length + " bytes)" : "");
  }
}
