package dev.ssekit.jaxrs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ssekit.core.ServerSentEvent;
import dev.ssekit.hub.EventHub;
import dev.ssekit.hub.EventIdGenerator;
import dev.ssekit.hub.SubscribeRequest;
import dev.ssekit.hub.Topic;
import dev.ssekit.hub.TopicAuthorizer;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.SecurityContext;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.awaitility.Awaitility;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Topics served by {@link HubStreams#open(Topic, jakarta.ws.rs.core.HttpHeaders, SecurityContext)}
 * from one path template on Jersey and Grizzly, over real HTTP: each client gets its own topic's
 * events and ids only, a {@code Last-Event-ID} never crosses topics, and the hub's {@link
 * TopicAuthorizer} decides who may read what.
 */
@Timeout(120)
class TopicStreamsTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  /** The request header the test's filter turns into the request's principal. */
  private static final String USER_HEADER = "X-Test-User";

  @BeforeAll
  static void pollPromptly() {
    Awaitility.setDefaultPollDelay(Duration.ZERO);
    Awaitility.setDefaultPollInterval(Duration.ofMillis(5));
  }

  private EventHub hub;
  private TopicResource topics;
  private HubResource defaultTopic;
  private TestServer server;
  private HttpClient http;
  private final Queue<SubscribeRequest> asked = new ConcurrentLinkedQueue<>();
  private final List<AutoCloseable> toClose = new ArrayList<>();

  /**
   * This test's rule: {@code user-<name>} only to the principal {@code <name>}; {@code keyed} only
   * with the right {@code X-Room-Key} header; every other topic, the default one included, to
   * anyone.
   */
  private static boolean usersOwnTopics(String topic, SubscribeRequest request) {
    if (topic.startsWith("user-")) {
      Principal p = request.principal();
      return p != null && topic.equals("user-" + p.getName());
    }
    if (topic.equals("keyed")) {
      return "open-sesame".equals(request.header("x-room-key"));
    }
    return true;
  }

  private void start(TopicAuthorizer authorizer) {
    hub =
        EventHub.builder()
            .ids(EventIdGenerator.sequence())
            // A client that goes away is noticed at the next write: heartbeats make that prompt.
            .heartbeatInterval(Duration.ofMillis(100))
            .topicAuthorizer(
                (topic, request) -> {
                  asked.add(request);
                  return authorizer.allows(topic, request);
                })
            .build();
    topics = new TopicResource(hub);
    defaultTopic = new HubResource(hub);
    server =
        TestServer.start(
            new ResourceConfig()
                .register(topics)
                .register(defaultTopic)
                .register(PrincipalFromHeader.class));
    http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  }

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

  /** Sets the request's principal from {@value #USER_HEADER}, as an authentication filter would. */
  @PreMatching
  public static final class PrincipalFromHeader implements ContainerRequestFilter {
    @Override
    public void filter(ContainerRequestContext request) {
      String user = request.getHeaderString(USER_HEADER);
      if (user == null) {
        return;
      }
      SecurityContext original = request.getSecurityContext();
      Principal principal = () -> user;
      request.setSecurityContext(
          new SecurityContext() {
            @Override
            public Principal getUserPrincipal() {
              return principal;
            }

            @Override
            public boolean isUserInRole(String role) {
              return false;
            }

            @Override
            public boolean isSecure() {
              return original.isSecure();
            }

            @Override
            public String getAuthenticationScheme() {
              return "test";
            }
          });
    }
  }

  private HttpRequest.Builder request(String path, String... headers) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(server.uri(path)).header("Accept", "text/event-stream");
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return b;
  }

  /** Opens a stream; {@code headers} are name, value pairs. */
  private StreamClient stream(String path, String... headers) {
    StreamClient c = StreamClient.open(http, request(path, headers).build());
    toClose.add(c);
    return c;
  }

  /** How the server answered a request that should not become a stream. */
  private record Answer(int status, String contentType, String body) {}

  /**
   * Sends a request and reads its whole answer; a {@code 200} stream, which would not end, is
   * abandoned at once and reported with an empty body.
   */
  private Answer answer(String path, String... headers) throws Exception {
    HttpResponse<String> r =
        http.sendAsync(
                request(path, headers).build(),
                info ->
                    info.statusCode() == 200
                        ? new Abandon()
                        : HttpResponse.BodySubscribers.ofString(StandardCharsets.UTF_8))
            .get(WAIT.toSeconds(), TimeUnit.SECONDS);
    return new Answer(
        r.statusCode(), r.headers().firstValue("Content-Type").orElse(null), r.body());
  }

  /** Cancels a response body at once: for a stream that was not expected. */
  private static final class Abandon implements HttpResponse.BodySubscriber<String> {
    @Override
    public CompletionStage<String> getBody() {
      return CompletableFuture.completedFuture("");
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      s.cancel();
    }

    @Override
    public void onNext(List<ByteBuffer> item) {}

    @Override
    public void onError(Throwable t) {}

    @Override
    public void onComplete() {}
  }

  private static List<String> data(StreamClient c) {
    List<String> data = new ArrayList<>();
    for (ServerSentEvent e : c.events()) {
      data.add(e.data());
    }
    return data;
  }

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
    assertThat(data(attacker)).containsExactly(stolen, "b4", "b5").noneMatch(d -> d.contains("secret"));
    assertThat(data(elsewhere)).containsExactly(stolen, "c1");
  }

  @Test
  void aUserReadsTheirOwnTopicAndIsRefusedAnyoneElses() throws Exception {
    start(TopicStreamsTest::usersOwnTopics);
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
      assertThat(own.headers().firstValue("Content-Type")).hasValue(HubStreams.CONTENT_TYPE);
      await().atMost(WAIT).until(() -> alice.subscriberCount() == 1);
      String id = alice.publish(ServerSentEvent.of("for alice"));
      await().atMost(WAIT).until(() -> own.eventCount() == 1);
      assertThat(own.ids()).containsExactly(id);

      Answer other = answer("topics/user-bob/events", USER_HEADER, "alice");
      assertThat(other.status()).isEqualTo(403);
      assertThat(other.contentType()).isEqualTo("text/plain;charset=UTF-8");
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
      assertThat(topics.closed).isEmpty(); // no close callback for a client never subscribed
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
    start(TopicStreamsTest::usersOwnTopics);
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
    start(TopicStreamsTest::usersOwnTopics);
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
    assertThat(a.contentType()).isEqualTo("text/plain;charset=UTF-8");
    assertThat(a.body()).isEqualTo("not allowed to subscribe to topic \"default\"\n");
    assertThat(hub.subscriberCount()).isZero();
    assertThat(defaultTopic.closed).isEmpty();
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
    assertThat(a.contentType()).isEqualTo("text/plain;charset=UTF-8");
    assertThat(a.body()).isEqualTo("Last-Event-ID is longer than 256 characters\n");
    assertThat(hub.topic("room-a").subscriberCount()).isZero();
    assertThat(topics.closed).isEmpty();
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
  void aNameNoTopicCanHaveIsNotFoundByThePathPattern() throws Exception {
    start(TopicAuthorizer.allowAll());
    assertThat(answer("topics/a%20b/events").status()).isEqualTo(404);
    assertThat(answer("topics/" + "%C3%A9" + "/events").status()).isEqualTo(404);
    assertThat(hub.subscriberCount()).isZero();
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
