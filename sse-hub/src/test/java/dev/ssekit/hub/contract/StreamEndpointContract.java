package dev.ssekit.hub.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.ssekit.core.ServerSentEvent;
import dev.ssekit.hub.CloseReason;
import dev.ssekit.hub.EventHub;
import dev.ssekit.hub.EventIdGenerator;
import dev.ssekit.hub.SubscribeRequest;
import dev.ssekit.hub.Subscription;
import dev.ssekit.hub.Topic;
import dev.ssekit.hub.TopicAuthorizer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * What every server adapter must do for a hub's streams, over real HTTP with the JDK's client: the
 * stream's headers and frames, replay with {@code Last-Event-ID}, the reset signal, 400 for a
 * malformed id and 403 for a refused topic, slow and vanished clients released, and no harm to
 * anybody else from any of it, hostile raw requests included. A subclass starts its container with
 * {@link #start(EventHub, Consumer)}.
 */
@Timeout(180)
public abstract class StreamEndpointContract {
  protected static final Duration WAIT = Duration.ofSeconds(20);

  /** The request header the endpoint's authentication turns into the request's principal. */
  public static final String USER_HEADER = "X-Test-User";

  @BeforeAll
  static void pollPromptly() {
    // Conditions here usually hold within milliseconds; the default 100 ms first poll adds up.
    Awaitility.setDefaultPollDelay(Duration.ZERO);
    Awaitility.setDefaultPollInterval(Duration.ofMillis(5));
  }

  protected EventHub hub;
  protected StreamEndpoint server;
  protected HttpClient http;

  /** Every subscription the endpoint released, in order, from the onClose callback. */
  protected final Queue<Subscription> closed = new ConcurrentLinkedQueue<>();

  /** When each of {@link #closed} was released ({@link System#nanoTime()}), in the same order. */
  private final Queue<Long> closedAtNanos = new ConcurrentLinkedQueue<>();

  /** Every request the hub's authorizer was asked about. */
  protected final Queue<SubscribeRequest> asked = new ConcurrentLinkedQueue<>();

  private final List<AutoCloseable> toClose = new ArrayList<>();

  /**
   * Starts a real server on 127.0.0.1 and a free port, serving {@code hub} through the adapter
   * under test the way an application would:
   *
   * <ul>
   *   <li>{@code GET /hub/events}: the hub's default topic, through the adapter's form that takes
   *       the hub;
   *   <li>{@code GET /topics/<name>/events}: topic {@code <name>}, through the adapter's form that
   *       takes a topic and the request, for names of {@code [A-Za-z0-9_-]}, 404 for others;
   *   <li>{@code GET /plain}: a plain-text response of a few KiB, which the server compresses for a
   *       client that accepts gzip: the server's response compression is on, as in production.
   * </ul>
   *
   * Both streams pass every released subscription to {@code onClose}. An authentication filter
   * makes the request's principal the user named in {@value #USER_HEADER}, if present.
   */
  protected abstract StreamEndpoint start(EventHub hub, Consumer<Subscription> onClose)
      throws Exception;

  /**
   * Starts the hub {@code config} builds, with sequential ids and {@code authorizer} (each request
   * it is asked about is logged in {@link #asked}), and its server.
   */
  protected final void start(EventHub.Builder config, TopicAuthorizer authorizer) throws Exception {
    hub =
        config
            .ids(EventIdGenerator.sequence())
            .topicAuthorizer(
                (topic, request) -> {
                  asked.add(request);
                  return authorizer.allows(topic, request);
                })
            .build();
    server =
        start(
            hub,
            subscription -> {
              closedAtNanos.add(System.nanoTime());
              closed.add(subscription);
            });
    http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  }

  /** Starts a hub with the default authorizer (the default topic only), and its server. */
  protected final void start(EventHub.Builder config) throws Exception {
    start(config, TopicAuthorizer.defaultTopicOnly());
  }

  /**
   * Starts a hub whose topics {@code authorizer} guards, with heartbeats every 100 ms (a client
   * that goes away is noticed at the next write at the latest), and its server.
   */
  protected final void start(TopicAuthorizer authorizer) throws Exception {
    start(EventHub.builder().heartbeatInterval(Duration.ofMillis(100)), authorizer);
  }

  @AfterEach
  void stopEverything() throws Exception {
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

  /** Closes {@code c} after the test. */
  protected final <T extends AutoCloseable> T closeAfter(T c) {
    toClose.add(c);
    return c;
  }

  protected final HttpRequest.Builder request(String path, String... headers) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(server.uri(path)).header("Accept", "text/event-stream");
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return b;
  }

  /** Opens a stream; {@code headers} are name, value pairs. */
  protected final StreamClient stream(String path, String... headers) {
    return closeAfter(StreamClient.open(http, request(path, headers).build()));
  }

  /** Opens a stream of the default topic, resuming after {@code lastEventId} unless null. */
  protected final StreamClient connect(String lastEventId) {
    return closeAfter(StreamClient.open(http, server.uri("hub/events"), lastEventId));
  }

  /** How the server answered a request that should not become a stream. */
  protected record Answer(int status, String contentType, String body) {}

  /**
   * Sends a request and reads its whole answer; a {@code 200} stream, which would not end, is
   * abandoned at once and reported with an empty body.
   */
  protected final Answer answer(String path, String... headers) throws Exception {
    HttpResponse<String> r =
        http.sendAsync(
                request(path, headers).build(),
                info ->
                    info.statusCode() == 200
                        ? HttpResponse.BodySubscribers.replacing("")
                        : HttpResponse.BodySubscribers.ofString(StandardCharsets.UTF_8))
            .get(WAIT.toSeconds(), TimeUnit.SECONDS);
    return new Answer(
        r.statusCode(), r.headers().firstValue("Content-Type").orElse(null), r.body());
  }

  protected static List<String> range(int from, int to) {
    List<String> ids = new ArrayList<>();
    for (int i = from; i <= to; i++) {
      ids.add(Integer.toString(i));
    }
    return ids;
  }

  protected static List<String> data(StreamClient c) {
    List<String> data = new ArrayList<>();
    for (ServerSentEvent e : c.events()) {
      data.add(e.data());
    }
    return data;
  }

  /**
   * This contract's rule: {@code user-<name>} only to the principal {@code <name>}; {@code keyed}
   * only with the right {@code X-Room-Key} header; every other topic, the default one included, to
   * anyone.
   */
  protected static boolean usersOwnTopics(String topic, SubscribeRequest request) {
    if (topic.startsWith("user-")) {
      Principal p = request.principal();
      return p != null && topic.equals("user-" + p.getName());
    }
    if (topic.equals("keyed")) {
      return "open-sesame".equals(request.header("x-room-key"));
    }
    return true;
  }

  // The stream itself.

  @Test
  void typedEventsArriveWithNameIdAndCodecJson() throws Exception {
    start(EventHub.builder());
    StreamClient client = connect(null);
    await().atMost(WAIT).until(() -> hub.subscriberCount() == 1);
    hub.publish(new Ping("hello", 1));
    hub.publish(new Order("order-9", 3));
    await().atMost(WAIT).until(() -> client.eventCount() == 2);
    assertThat(client.events())
        .containsExactly(
            ServerSentEvent.builder()
                .type("ping")
                .id("1")
                .data("{\"text\":\"hello\",\"seq\":1}")
                .build(),
            ServerSentEvent.builder()
                .type("order")
                .id("order-9")
                .data("{\"orderId\":\"order-9\",\"quantity\":3}")
                .build());
  }

  @Test
  void theResponseHasStreamHeadersAndIsNeverCompressed() throws Exception {
    start(EventHub.builder());
    // Compression is on: a plain response is compressed for this client.
    HttpResponse<byte[]> plain =
        http.send(
            HttpRequest.newBuilder(server.uri("plain")).header("Accept-Encoding", "gzip").build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(plain.headers().firstValue("Content-Encoding")).hasValue("gzip");

    HttpRequest request =
        HttpRequest.newBuilder(server.uri("hub/events"))
            .header("Accept-Encoding", "gzip, deflate")
            .build();
    StreamClient client = closeAfter(StreamClient.open(http, request));
    var headers = client.headers();
    assertThat(client.response().statusCode()).isEqualTo(200);
    assertThat(headers.firstValue("Content-Type")).hasValue("text/event-stream;charset=UTF-8");
    assertThat(headers.firstValue("Cache-Control")).hasValue("no-cache");
    assertThat(headers.firstValue("X-Accel-Buffering")).hasValue("no");
    assertThat(headers.firstValue("Content-Encoding")).isEmpty();
    hub.publish(ServerSentEvent.of("plain text"));
    await().atMost(WAIT).until(() -> client.eventCount() == 1);
    assertThat(client.events().get(0).data()).isEqualTo("plain text");
  }

  @Test
  void replaysAcrossAForcedDisconnectWithNoGapAndNoDuplicate() throws Exception {
    start(EventHub.builder().heartbeatInterval(Duration.ofMillis(100)));
    StreamClient first = connect(null);
    await().atMost(WAIT).until(() -> hub.subscriberCount() == 1);
    for (int i = 1; i <= 5; i++) {
      hub.publish(new Ping("p", i));
    }
    await().atMost(WAIT).until(() -> first.eventCount() == 5);
    String lastId = first.lastId();
    first.close();
    await().atMost(WAIT).until(() -> hub.subscriberCount() == 0);
    for (int i = 6; i <= 10; i++) {
      hub.publish(new Ping("p", i));
    }
    StreamClient second = connect(lastId);
    await().atMost(WAIT).until(() -> hub.subscriberCount() == 1);
    hub.publish(new Ping("p", 11));
    await().atMost(WAIT).until(() -> second.eventCount() >= 6);
    assertThat(lastId).isEqualTo("5");
    assertThat(second.ids()).isEqualTo(range(6, 11));
  }

  @Test
  void heartbeatsArriveOnAnIdleStream() throws Exception {
    start(EventHub.builder().heartbeatInterval(Duration.ofMillis(100)));
    StreamClient client = connect(null);
    await().atMost(WAIT).until(() -> client.comments().size() >= 3);
    assertThat(client.events()).isEmpty();
    hub.publish(new Ping("after the heartbeats", 1));
    await().atMost(WAIT).until(() -> client.eventCount() == 1);
    // A heartbeat is a block of its own: it leaves no comment on the event that follows.
    assertThat(client.events().get(0).comment()).isNull();
  }

  @Test
  void aThousandSubscribersEachReceiveEveryEvent() throws Exception {
    start(EventHub.builder());
    int n = 1000;
    List<StreamClient> clients = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      clients.add(connect(null));
    }
    await().atMost(Duration.ofSeconds(60)).until(() -> hub.subscriberCount() == n);
    for (int i = 1; i <= 20; i++) {
      hub.publish(new Ping("fan-out", i));
    }
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> clients.stream().allMatch(c -> c.eventCount() == 20));
    for (StreamClient c : clients) {
      assertThat(c.ids()).isEqualTo(range(1, 20));
    }
    clients.forEach(StreamClient::close);
    hub.close();
    assertThat(hub.subscriberCount()).isZero();
  }

  @Test
  void disconnectedClientsAreNoticedAndReleased() throws Exception {
    start(EventHub.builder().heartbeatInterval(Duration.ofMillis(100)));
    List<StreamClient> clients = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      clients.add(connect(null));
    }
    await().atMost(WAIT).until(() -> hub.subscriberCount() == 20);
    clients.forEach(StreamClient::close);
    await().atMost(WAIT).until(() -> hub.subscriberCount() == 0);
    await().atMost(WAIT).until(() -> closed.size() == 20);
    assertThat(closed).extracting(Subscription::closeReason).containsOnly(CloseReason.CLIENT_GONE);
  }

  @Test
  void publishingWithoutACodecOrWithAnInvalidIdFailsInTheCaller() throws Exception {
    start(EventHub.builder());
    StreamClient client = connect(null);
    await().atMost(WAIT).until(() -> hub.subscriberCount() == 1);
    assertThatThrownBy(() -> hub.publish(new Object() {}))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> hub.publish(new Order("two words", 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("event id");
    assertThatThrownBy(() -> hub.publish(new Order("line\nbreak", 1)))
        .isInstanceOf(IllegalArgumentException.class);
    hub.publish(new Order("ok-1", 1));
    await().atMost(WAIT).until(() -> client.eventCount() == 1);
    assertThat(client.ids()).containsExactly("ok-1");
    assertThat(client.response().statusCode()).isEqualTo(200);
  }

  // Vanished clients.

  @Test
  void aClientThatClosesItsConnectionIsReleased() throws Exception {
    start(EventHub.builder().heartbeatInterval(Duration.ofMillis(200)));
    Socket client = openRawStream();
    client.close(); // FIN: everything sent was read
    await().atMost(WAIT).until(() -> closed.size() == 1);
    assertThat(closed.peek().closeReason()).isEqualTo(CloseReason.CLIENT_GONE);
    assertThat(hub.subscriberCount()).isZero();
  }

  @Test
  void aClientWhoseConnectionIsResetIsReleased() throws Exception {
    start(EventHub.builder().heartbeatInterval(Duration.ofMillis(200)));
    Socket client = openRawStream();
    client.setSoLinger(true, 0);
    client.close(); // RST, as when a process dies with unread data or a middlebox drops it
    await().atMost(WAIT).until(() -> closed.size() == 1);
    assertThat(closed.peek().closeReason()).isEqualTo(CloseReason.CLIENT_GONE);
    assertThat(hub.subscriberCount()).isZero();
  }

  /**
   * Measures how long a client that vanishes from an idle stream takes to be released, with the
   * hub's default heartbeat interval (15 s): {@value #MEASURED_CLIENTS} clients that close politely
   * (FIN), then as many whose connection is reset (RST). Prints the figures (BENCHMARKS.md,
   * "Noticing a vanished client"); it waits for heartbeats, so it runs only when asked: {@code
   * -Dssekit.vanished.measure=true}.
   */
  @Test
  @EnabledIfSystemProperty(named = "ssekit.vanished.measure", matches = "true")
  @Timeout(600)
  void measureHowLongAVanishedClientTakesToBeReleased() throws Exception {
    start(EventHub.builder());
    String polite = measureRelease(false);
    String reset = measureRelease(true);
    System.out.printf(
        "vanished client on %s, heartbeat 15 s: closed politely (FIN) released after %s;"
            + " reset (RST) released after %s%n",
        getClass().getSimpleName(), polite, reset);
  }

  private static final int MEASURED_CLIENTS = 5;

  private static boolean endsWithFirstFrame(String response) {
    boolean chunked =
        response.toLowerCase(Locale.ROOT).contains("\r\ntransfer-encoding: chunked\r\n");
    return response.endsWith(chunked ? ":\n\n\r\n" : ":\n\n");
  }

  /** The release times of {@value #MEASURED_CLIENTS} clients that vanish at once, as min–max. */
  private String measureRelease(boolean reset) throws Exception {
    int before = closed.size();
    List<Socket> clients = new ArrayList<>();
    for (int i = 0; i < MEASURED_CLIENTS; i++) {
      clients.add(openRawStream(i + 1));
    }
    long gone = System.nanoTime();
    for (Socket c : clients) {
      if (reset) {
        c.setSoLinger(true, 0);
      }
      c.close();
    }
    await().atMost(Duration.ofSeconds(60)).until(() -> closed.size() == before + clients.size());
    List<Long> millis = new ArrayList<>();
    closedAtNanos.stream()
        .skip(before)
        .forEach(at -> millis.add(TimeUnit.NANOSECONDS.toMillis(at - gone)));
    assertThat(closed).extracting(Subscription::closeReason).containsOnly(CloseReason.CLIENT_GONE);
    return String.format(
        "%d-%d ms",
        millis.stream().mapToLong(m -> m).min().orElseThrow(),
        millis.stream().mapToLong(m -> m).max().orElseThrow());
  }

  /** A raw stream of the default topic, subscribed, with everything the server sent read. */
  protected final Socket openRawStream() throws Exception {
    return openRawStream(1);
  }

  private Socket openRawStream(int subscribers) throws Exception {
    Socket s = closeAfter(new Socket());
    s.connect(new InetSocketAddress("127.0.0.1", server.port()));
    s.getOutputStream()
        .write(
            "GET /hub/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII));
    InputStream in = s.getInputStream();
    StringBuilder got = new StringBuilder();
    // The headers, then the hub's first frame (a comment), with its chunk's end when chunked.
    while (!got.toString().contains("\r\n\r\n") || !endsWithFirstFrame(got.toString())) {
      int b = in.read();
      assertThat(b).isNotNegative();
      got.append((char) b);
    }
    await().atMost(WAIT).until(() -> hub.subscriberCount() == subscribers);
    // Whatever else came (a heartbeat) is read too, so that closing sends FIN, not RST.
    while (in.available() > 0) {
      in.read();
    }
    return s;
  }

  // Slow readers.

  @Test
  void aSubscriberThatNeverReadsIsReleasedAndDelaysNobody() throws Exception {
    start(EventHub.builder().maxQueued(8, 256 * 1024).writeTimeout(Duration.ofSeconds(5)));
    StreamClient reader = connect(null);
    await().atMost(WAIT).until(() -> hub.subscriberCount() == 1);
    try (Socket stalled = stalledReader()) {
      await().atMost(WAIT).until(() -> hub.subscriberCount() == 2);
      String payload = "x".repeat(64 * 1024);
      int published = 0;
      // Publish, paced by the reader, until the stalled client has been dealt with.
      while (closed.isEmpty() && published < 3000) {
        published++;
        hub.publish(ServerSentEvent.of(payload));
        int expected = published;
        await().atMost(WAIT).until(() -> reader.eventCount() == expected);
      }
      assertThat(closed).hasSize(1);
      assertThat(closed.peek().closeReason()).isIn(CloseReason.TOO_SLOW, CloseReason.WRITE_TIMEOUT);
      assertThat(hub.subscriberCount()).isEqualTo(1);
      hub.publish(ServerSentEvent.of("after"));
      int expected = published + 1;
      await().atMost(WAIT).until(() -> reader.eventCount() == expected);
      assertThat(reader.ids()).isEqualTo(range(1, expected));
    }
  }

  @Test
  void stalledReadersAreReleasedWhileTheOthersReceiveEverything() throws Exception {
    int stalledCount = 4;
    int readerCount = 5;
    int lag = 3; // how far the publisher may run ahead of the slowest live reader, in events
    start(EventHub.builder().maxQueued(8, 512 * 1024).writeTimeout(Duration.ofSeconds(2)));
    List<StreamClient> readers = new ArrayList<>();
    for (int i = 0; i < readerCount; i++) {
      readers.add(connect(null));
    }
    for (int i = 0; i < stalledCount; i++) {
      closeAfter(stalledReader());
    }
    await().atMost(WAIT).until(() -> hub.subscriberCount() == readerCount + stalledCount);

    String payload = "x".repeat(64 * 1024);
    int published = 0;
    // Paced by the live readers, so only the stalled ones can fall behind.
    while (closed.size() < stalledCount && published < 5000) {
      hub.publish(ServerSentEvent.of(payload));
      published++;
      int atLeast = published - lag;
      await().atMost(WAIT).until(() -> readers.stream().allMatch(r -> r.eventCount() >= atLeast));
    }
    assertThat(closed).hasSize(stalledCount);
    assertThat(closed)
        .extracting(Subscription::closeReason)
        .allMatch(r -> r == CloseReason.TOO_SLOW || r == CloseReason.WRITE_TIMEOUT);
    assertThat(hub.subscriberCount()).isEqualTo(readerCount);
    hub.publish(ServerSentEvent.of("after"));
    int total = published + 1;
    await().atMost(WAIT).until(() -> readers.stream().allMatch(r -> r.eventCount() == total));
    for (StreamClient r : readers) {
      assertThat(r.ids()).isEqualTo(range(1, total));
    }
  }

  /** A client that sends its request for the default topic and never reads, with a small window. */
  protected final Socket stalledReader() throws Exception {
    Socket stalled = new Socket();
    stalled.setReceiveBufferSize(4096); // before connecting, so the window stays small
    stalled.connect(new InetSocketAddress("127.0.0.1", server.port()));
    stalled
        .getOutputStream()
        .write(
            "GET /hub/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII));
    return stalled;
  }

  // Topics, Last-Event-ID and the authorizer.

  @Test
  void twoTopicsFromOnePathTemplateEachReceiveOnlyTheirOwnEventsAndIds() throws Exception {
    start(TopicAuthorizer.allowAll());
    Topic a = hub.topic("room-a");
    Topic b = hub.topic("room-b");
    StreamClient inA = stream("topics/room-a/events");
    StreamClient inB = stream("topics/room-b/events");
    await().atMost(WAIT).until(() -> a.subscriberCount() == 1 && b.subscriberCount() == 1);

    List<String> idsA = new ArrayList<>();
    List<String> idsB = new ArrayList<>();
    List<String> dataA = new ArrayList<>();
    List<String> dataB = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      idsA.add(a.publish(ServerSentEvent.of("a" + i)));
      dataA.add("a" + i);
      idsB.add(b.publish(ServerSentEvent.of("b" + i)));
      dataB.add("b" + i);
    }
    await().atMost(WAIT).until(() -> inA.eventCount() >= 5 && inB.eventCount() >= 5);
    assertThat(inA.ids()).isEqualTo(idsA);
    assertThat(data(inA)).isEqualTo(dataA);
    assertThat(inB.ids()).isEqualTo(idsB);
    assertThat(data(inB)).isEqualTo(dataB);
    assertThat(idsA).doesNotContainAnyElementsOf(idsB);
    assertThat(hub.subscriberCount()).isEqualTo(2); // nobody on the default topic

    // A client of room-a that drops and resumes gets room-a's missed events, none of room-b's
    // published in between.
    String resumeFrom = inA.lastId();
    assertThat(resumeFrom).isEqualTo(idsA.get(4));
    inA.close();
    await().atMost(WAIT).until(() -> a.subscriberCount() == 0);
    List<String> missedA = new ArrayList<>();
    for (int i = 6; i <= 8; i++) {
      missedA.add(a.publish(ServerSentEvent.of("a" + i)));
      b.publish(ServerSentEvent.of("b" + i));
    }
    StreamClient back = stream("topics/room-a/events", "Last-Event-ID", resumeFrom);
    await().atMost(WAIT).until(() -> back.eventCount() >= 3);
    assertThat(back.ids()).isEqualTo(missedA);
    assertThat(data(back)).containsExactly("a6", "a7", "a8");
    await().atMost(WAIT).until(() -> inB.eventCount() >= 8);
    assertThat(data(inB)).containsExactly("b1", "b2", "b3", "b4", "b5", "b6", "b7", "b8");
  }

  @Test
  void aLastEventIdFromAnotherTopicGetsTheResetEventAndNeverThatTopicsEvents() throws Exception {
    start(TopicAuthorizer.allowAll());
    Topic a = hub.topic("room-a");
    Topic b = hub.topic("room-b");
    // Interleaved, on one id sequence: room-a holds 1, 3, 5 and room-b 2, 4, 6. An implementation
    // that looked ids up across topics, or resumed by position, would find "1" and replay from it.
    List<String> idsA = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      idsA.add(a.publish(ServerSentEvent.of("secret-a" + i)));
      b.publish(ServerSentEvent.of("b" + i));
    }
    String stolen = idsA.get(0);

    StreamClient attacker = stream("topics/room-b/events", "Last-Event-ID", stolen);
    // The id is known where it belongs: the same header on room-a resumes.
    StreamClient owner = stream("topics/room-a/events", "Last-Event-ID", stolen);
    await().atMost(WAIT).until(() -> a.subscriberCount() == 1 && b.subscriberCount() == 1);
    String liveA = a.publish(ServerSentEvent.of("secret-a4"));
    String liveB = b.publish(ServerSentEvent.of("b4"));

    await().atMost(WAIT).until(() -> attacker.eventCount() >= 2 && owner.eventCount() >= 3);
    List<ServerSentEvent> got = attacker.events();
    assertThat(got.get(0).type()).isEqualTo(EventHub.RESET_EVENT_TYPE);
    assertThat(got.get(0).data()).isEqualTo(stolen);
    assertThat(got.get(1).id()).isEqualTo(liveB);
    assertThat(got.get(1).data()).isEqualTo("b4");
    assertThat(owner.ids()).containsExactly(idsA.get(1), idsA.get(2), liveA);

    // On a topic that never had an event, too.
    StreamClient elsewhere = stream("topics/room-c/events", "Last-Event-ID", stolen);
    await().atMost(WAIT).until(() -> elsewhere.eventCount() >= 1);
    assertThat(elsewhere.events().get(0).type()).isEqualTo(EventHub.RESET_EVENT_TYPE);

    // Nothing of room-a ever reached the other topics' clients, however long they listen.
    b.publish(ServerSentEvent.of("b5"));
    hub.topic("room-c").publish(ServerSentEvent.of("c1"));
    await().atMost(WAIT).until(() -> attacker.eventCount() >= 3 && elsewhere.eventCount() >= 2);
    assertThat(data(attacker))
        .containsExactly(stolen, "b4", "b5")
        .noneMatch(d -> d.contains("secret"));
    assertThat(data(elsewhere)).containsExactly(stolen, "c1");
  }

  @Test
  void aUserReadsTheirOwnTopicAndIsRefusedAnyoneElses() throws Exception {
    start(StreamEndpointContract::usersOwnTopics);
    Topic alice = hub.topic("user-alice");
    Topic bob = hub.topic("user-bob");
    Queue<LogRecord> warnings = new ConcurrentLinkedQueue<>();
    Handler handler = collectWarnings(warnings);
    Logger root = Logger.getLogger("");
    root.addHandler(handler);
    StreamClient own;
    try {
      own = stream("topics/user-alice/events", USER_HEADER, "alice");
      assertThat(own.response().statusCode()).isEqualTo(200);
      assertThat(own.headers().firstValue("Content-Type"))
          .hasValue("text/event-stream;charset=UTF-8");
      await().atMost(WAIT).until(() -> alice.subscriberCount() == 1);
      String id = alice.publish(ServerSentEvent.of("for alice"));
      await().atMost(WAIT).until(() -> own.eventCount() == 1);
      assertThat(own.ids()).containsExactly(id);

      Answer other = answer("topics/user-bob/events", USER_HEADER, "alice");
      assertThat(other.status()).isEqualTo(403);
      assertThat(other.contentType()).isEqualToIgnoringCase("text/plain;charset=UTF-8");
      assertThat(other.body()).isEqualTo("not allowed to subscribe to topic \"user-bob\"\n");

      Answer anonymous = answer("topics/user-alice/events");
      assertThat(anonymous.status()).isEqualTo(403);
      assertThat(anonymous.body()).isEqualTo("not allowed to subscribe to topic \"user-alice\"\n");

      // Refused before its Last-Event-ID is looked at: a 403, not the 400 a bad id gets.
      Answer refusedAndMalformed =
          answer("topics/user-bob/events", USER_HEADER, "alice", "Last-Event-ID", "7".repeat(300));
      assertThat(refusedAndMalformed.status()).isEqualTo(403);

      assertThat(bob.subscriberCount()).isZero();
      assertThat(alice.subscriberCount()).isEqualTo(1);
      assertThat(hub.subscriberCount()).isEqualTo(1);
      assertThat(closed).isEmpty(); // no close callback for a client never subscribed
      assertThat(warnings).isEmpty(); // a refusal is the client's error, not the server's
    } finally {
      root.removeHandler(handler);
    }

    // What bob's topic holds reaches bob, and nobody else got it.
    StreamClient bobsOwn = stream("topics/user-bob/events", USER_HEADER, "bob");
    await().atMost(WAIT).until(() -> bob.subscriberCount() == 1);
    bob.publish(ServerSentEvent.of("for bob"));
    await().atMost(WAIT).until(() -> bobsOwn.eventCount() == 1);
    assertThat(data(bobsOwn)).containsExactly("for bob");
    String last = alice.publish(ServerSentEvent.of("for alice again"));
    await().atMost(WAIT).until(() -> own.eventCount() == 2);
    assertThat(data(own)).containsExactly("for alice", "for alice again");
    assertThat(own.lastId()).isEqualTo(last);
  }

  @Test
  void theAuthorizerSeesThePrincipalTheHeadersAndTheLastEventId() throws Exception {
    start(StreamEndpointContract::usersOwnTopics);
    Answer refused = answer("topics/keyed/events", "X-Room-Key", "wrong");
    assertThat(refused.status()).isEqualTo(403);
    asked.clear();

    StreamClient keyed =
        stream(
            "topics/keyed/events",
            "X-Room-Key",
            "open-sesame",
            USER_HEADER,
            "carol",
            "Last-Event-ID",
            "42");
    assertThat(keyed.response().statusCode()).isEqualTo(200);
    SubscribeRequest seen = asked.remove();
    assertThat(seen.principal().getName()).isEqualTo("carol");
    assertThat(seen.lastEventId()).isEqualTo("42");
    assertThat(seen.header("X-ROOM-KEY")).isEqualTo("open-sesame"); // names ignore case
    assertThat(seen.header("X-Absent")).isNull();
    await().atMost(WAIT).until(() -> keyed.eventCount() == 1);
    assertThat(keyed.events().get(0).type()).isEqualTo(EventHub.RESET_EVENT_TYPE); // 42 unknown
  }

  @Test
  void theDefaultTopicThroughTheHubsOpenStillWorksAndAsksTheAuthorizerToo() throws Exception {
    start(StreamEndpointContract::usersOwnTopics);
    StreamClient plain = stream("hub/events");
    assertThat(plain.response().statusCode()).isEqualTo(200);
    await().atMost(WAIT).until(() -> hub.subscriberCount() == 1);
    String id = hub.publish(ServerSentEvent.of("to everyone"));
    await().atMost(WAIT).until(() -> plain.eventCount() == 1);
    assertThat(plain.ids()).containsExactly(id);
    // The same rule for every stream: the authorizer was asked, with no principal.
    SubscribeRequest seen = asked.remove();
    assertThat(seen.principal()).isNull();
    assertThat(seen.lastEventId()).isNull();
  }

  @Test
  void anAuthorizerThatRefusesTheDefaultTopicRefusesItThroughTheHubsOpen() throws Exception {
    start((topic, request) -> !topic.equals(EventHub.DEFAULT_TOPIC));
    Answer a = answer("hub/events");
    assertThat(a.status()).isEqualTo(403);
    assertThat(a.contentType()).isEqualToIgnoringCase("text/plain;charset=UTF-8");
    assertThat(a.body()).isEqualTo("not allowed to subscribe to topic \"default\"\n");
    assertThat(hub.subscriberCount()).isZero();
    assertThat(closed).isEmpty();
  }

  @Test
  void theDefaultAuthorizerServesTheDefaultTopicAndRefusesNamedOnes() throws Exception {
    start(TopicAuthorizer.defaultTopicOnly());
    StreamClient plain = stream("hub/events");
    assertThat(plain.response().statusCode()).isEqualTo(200);
    Answer named = answer("topics/room-a/events");
    assertThat(named.status()).isEqualTo(403);
    assertThat(named.body()).isEqualTo("not allowed to subscribe to topic \"room-a\"\n");
    await().atMost(WAIT).until(() -> hub.subscriberCount() == 1);
    assertThat(hub.topic("room-a").subscriberCount()).isZero();
  }

  @Test
  void aMalformedLastEventIdOnATopicIs400WithThePlainTextReason() throws Exception {
    start(TopicAuthorizer.allowAll());
    Answer a = answer("topics/room-a/events", "Last-Event-ID", "7".repeat(300));
    assertThat(a.status()).isEqualTo(400);
    assertThat(a.contentType()).isEqualToIgnoringCase("text/plain;charset=UTF-8");
    assertThat(a.body()).isEqualTo("Last-Event-ID is longer than 256 characters\n");
    assertThat(hub.topic("room-a").subscriberCount()).isZero();
    assertThat(closed).isEmpty();
  }

  @Test
  void aRepeatedLastEventIdOnATopicResumesAfterTheFirst() throws Exception {
    start(TopicAuthorizer.allowAll());
    Topic a = hub.topic("room-a");
    String first = a.publish(ServerSentEvent.of("a1"));
    String second = a.publish(ServerSentEvent.of("a2"));
    String third = a.publish(ServerSentEvent.of("a3"));
    StreamClient c =
        stream("topics/room-a/events", "Last-Event-ID", first, "Last-Event-ID", second);
    await().atMost(WAIT).until(() -> c.eventCount() >= 2);
    assertThat(c.ids()).containsExactly(second, third);
  }

  @Test
  void aNameNoTopicCanHaveIsNotFound() throws Exception {
    start(TopicAuthorizer.allowAll());
    assertThat(answer("topics/a%20b/events").status()).isEqualTo(404);
    assertThat(answer("topics/" + "%C3%A9" + "/events").status()).isEqualTo(404);
    assertThat(hub.subscriberCount()).isZero();
  }

  // Hostile raw requests, each sent while a bystander receives an event every 5 ms.

  private StreamClient bystander;
  private ScheduledExecutorService publisher;
  private final AtomicLong published = new AtomicLong();

  /** Starts a hub and its server, a bystander on the default topic, and a publisher for it. */
  private void startWithBystander() throws Exception {
    start(EventHub.builder());
    bystander = connect(null);
    await().atMost(WAIT).until(() -> hub.subscriberCount() == 1);
    publisher = Executors.newSingleThreadScheduledExecutor();
    closeAfter(publisher::shutdownNow);
    publisher.scheduleAtFixedRate(
        () -> hub.publish(ServerSentEvent.of(Long.toString(published.incrementAndGet()))),
        0,
        5,
        TimeUnit.MILLISECONDS);
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
  private record RawAnswer(String statusLine, String body, boolean closed) {
    int status() {
      return statusLine == null ? -1 : Integer.parseInt(statusLine.split(" ")[1]);
    }
  }

  /** Sends a request and reads its answer until the server closes, or for up to 10 s. */
  private RawAnswer send(byte[] head) throws Exception {
    return send(head, Duration.ofSeconds(10), null);
  }

  /**
   * Sends {@code head} (request line and headers, CRLF-terminated) and a blank line, and reads the
   * answer until the server closes, {@code timeout} passes without a byte, or the answer contains
   * {@code until}.
   */
  private RawAnswer send(byte[] head, Duration timeout, String until) throws Exception {
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
        return new RawAnswer(null, "", closed);
      }
      int eol = text.indexOf("\r\n");
      int bodyAt = text.indexOf("\r\n\r\n");
      return new RawAnswer(
          text.substring(0, eol < 0 ? text.length() : eol),
          bodyAt < 0 ? "" : text.substring(bodyAt + 4),
          closed);
    }
  }

  private static byte[] rawRequest(String... headerLines) {
    StringBuilder b = new StringBuilder("GET /hub/events HTTP/1.1\r\nHost: 127.0.0.1\r\n");
    for (String h : headerLines) {
      b.append(h).append("\r\n");
    }
    return b.toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  @Test
  void oversizeHeadersAreRefusedAndHarmNobody() throws Exception {
    startWithBystander();
    List<byte[]> oversize = new ArrayList<>();
    oversize.add(rawRequest("Last-Event-ID: " + "7".repeat(1 << 20)));
    oversize.add(rawRequest("Last-Event-ID: " + "7".repeat(1 << 20)));
    oversize.add(rawRequest("X-Padding: " + "y".repeat(64 << 10)));
    List<String> many = new ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      many.add("X-" + i + ": v");
    }
    oversize.add(rawRequest(many.toArray(new String[0])));
    for (byte[] head : oversize) {
      RawAnswer a = send(head);
      // The container's request-header limit answers (400 or 431) before the adapter sees it.
      assertThat(a.status()).as(describe(head)).isIn(400, 431);
    }
    assertThat(hub.subscriberCount()).isEqualTo(1);
    assertBystanderMissedNothing();
  }

  @Test
  void malformedLastEventIdsGetTheHubs400WithTheReasonAndHarmNobody() throws Exception {
    startWithBystander();
    String[][] cases = {
      {"a\tb", "control character U+0009"},
      {"a\u0000b", "control character U+0000"},
      {"a\rb", "control character U+000D"},
      {"a\u007fb", "control character U+007F"},
      {"9".repeat(257), "longer than 256 characters"},
    };
    for (String[] c : cases) {
      RawAnswer a = send(rawRequest("Last-Event-ID: " + c[0]));
      assertThat(a.status()).as(c[1]).isEqualTo(400);
      // A container may refuse a control character in a header itself, with a reason of its own;
      // a tab is legal in a header value, and a long id too, so those always reach the hub.
      if (c[0].startsWith("a\t") || c[0].length() > 256) {
        assertThat(a.body()).as(c[1]).startsWith("Last-Event-ID").contains(c[1]);
      }
    }
    assertThat(hub.subscriberCount()).isEqualTo(1);
    assertBystanderMissedNothing();
  }

  @Test
  void idsNoEventCouldHaveGetTheResetEventAndHarmNobody() throws Exception {
    startWithBystander();
    // Published ids are visible ASCII, so these can never be in the window: the client is told to
    // reload (the reset event), as after a server restart.
    List<byte[]> unknown = new ArrayList<>();
    unknown.add(rawRequest("Last-Event-ID: \u00ff\u00fe"));
    unknown.add(rawRequest("Last-Event-ID: two words"));
    for (byte[] head : unknown) {
      RawAnswer a = send(head, Duration.ofSeconds(10), "event: ssekit-reset");
      assertThat(a.status()).as(describe(head)).isEqualTo(200);
      assertThat(a.body()).as(describe(head)).contains("event: ssekit-reset");
    }
    // obs-fold: a container either refuses it or joins the lines into an id no event has.
    byte[] folded = rawRequest("Last-Event-ID: 1", " folded");
    RawAnswer a = send(folded, Duration.ofSeconds(10), "event: ssekit-reset");
    if (a.status() != 400) {
      assertThat(a.status()).isEqualTo(200);
      assertThat(a.body()).contains("event: ssekit-reset");
    }
    await().atMost(WAIT).until(() -> hub.subscriberCount() == 1);
    assertBystanderMissedNothing();
  }

  @Test
  void aHeaderLineWithoutAColonIsNeverServed() throws Exception {
    startWithBystander();
    // Some containers answer 400, Grizzly neither answers nor closes such a request (it waits for
    // the rest of a header it cannot finish); what matters is that no stream is opened and nobody
    // else is delayed.
    RawAnswer a = send(rawRequest("Last-Event-ID 42"), Duration.ofSeconds(2), null);
    assertThat(a.status()).isNotEqualTo(200);
    assertThat(hub.subscriberCount()).isEqualTo(1);
    assertBystanderMissedNothing();
  }

  @Test
  void aRepeatedLastEventIdResumesAfterTheFirst() throws Exception {
    startWithBystander();
    await().atMost(WAIT).until(() -> bystander.eventCount() >= 3);
    RawAnswer a =
        send(rawRequest("Last-Event-ID: 1", "Last-Event-ID: 2"), Duration.ofSeconds(10), "id: 3\n");
    // The adapter takes the first of the repeated values.
    assertThat(a.status()).isEqualTo(200);
    assertThat(a.body()).contains("id: 2\ndata: 2\n\n").doesNotContain("ssekit-reset");
    await().atMost(WAIT).until(() -> hub.subscriberCount() == 1);
    assertBystanderMissedNothing();
  }

  private static String describe(byte[] head) {
    String s = new String(head, 0, Math.min(head.length, 80), StandardCharsets.ISO_8859_1);
    return s.replace("\r\n", " | ") + (head.length > 80 ? "... (" + head.length + " bytes)" : "");
  }

  private static Handler collectWarnings(Queue<LogRecord> into) {
    Handler h =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
              into.add(record);
            }
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    h.setLevel(Level.ALL);
    return h;
  }
}
