package dev.ssekit.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ssekit.client.EventSource;
import dev.ssekit.client.EventStream;
import dev.ssekit.client.ReadyState;
import dev.ssekit.core.CodecRegistry;
import dev.ssekit.core.ServerSentEvent;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The HTTP side of the samples, with the JDK's HttpClient and sse-client: no browser. Each test
 * runs against both servers, Jersey and sse-servlet on Jetty.
 */
@ParameterizedClass
@EnumSource(Adapter.class)
class ChatHttpTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @Parameter Adapter adapter;

  private SampleServer server;
  private URI base;
  private EventStream observer;

  @BeforeEach
  void start() {
    server = SampleServer.start(adapter.config());
    base = server.baseUri();
    observer = EventSource.builder(base.resolve("chat/events")).events();
  }

  @AfterEach
  void stop() {
    if (observer != null) {
      observer.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void postedMessageIsPublishedWithUsernameAndTextExactlyAsPosted() throws Exception {
    awaitOpen();
    Instant before = Instant.now().minusSeconds(1);
    String text = "Hi everyone. \"quoted\" \\ é 😀\ttab\nline two";

    HttpResponse<String> response = Http.post(base, Http.message("bobby", text));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
    ServerSentEvent event = next("usermessage");
    assertThat(response.body()).isEqualTo("{\"id\":\"" + event.id() + "\"}");
    UserMessage message =
        CodecRegistry.loadDefault().codecFor(UserMessage.class).fromJson(event.data());
    assertThat(message.username()).isEqualTo("bobby");
    assertThat(message.text()).isEqualTo(text);
    assertThat(message.time()).isAfter(before).isBefore(Instant.now().plusSeconds(1));
  }

  static Stream<Arguments> invalidBodies() {
    return Stream.of(
        Arguments.of("", "malformed JSON"),
        Arguments.of("{", "malformed JSON"),
        Arguments.of("[\"bobby\", \"hi\"]", "malformed JSON"),
        Arguments.of("{\"username\": \"bobby\", \"text\": \"hi\"} trailing", "malformed JSON"),
        Arguments.of("{\"username\": 7, \"text\": \"hi\"}", "malformed JSON"),
        Arguments.of("null", "a whole document is never null"),
        Arguments.of("{\"text\": \"hi\"}", "username is required"),
        Arguments.of(Http.message("", "hi"), "username must not be blank"),
        Arguments.of(Http.message("   ", "hi"), "username must not be blank"),
        Arguments.of(Http.message("b".repeat(33), "hi"), "at most 32 characters, got 33"),
        Arguments.of(Http.message("bob\nby", "hi"), "username must not contain control"),
        Arguments.of("{\"username\": \"bobby\"}", "text is required"),
        Arguments.of(Http.message("bobby", ""), "text must not be blank"),
        Arguments.of(Http.message("bobby", " \n "), "text must not be blank"),
        Arguments.of(Http.message("bobby", "x".repeat(2001)), "at most 2000 characters, got 2001"));
  }

  @ParameterizedTest
  @MethodSource("invalidBodies")
  void invalidMessagesGetA400SayingWhatIsWrongAndPublishNothing(String body, String problem)
      throws Exception {
    awaitOpen();

    HttpResponse<String> response = Http.post(base, body);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
    assertThat(response.body()).contains(problem);
    Http.say(base, "bobby", "the valid one");
    assertThat(UserMessageText.of(next("usermessage"))).isEqualTo("the valid one");
  }

  @Test
  void limitsCountCharactersNotUtf16Units() throws Exception {
    awaitOpen();
    String name = "😀".repeat(32);
    String text = "😀".repeat(2000);

    assertThat(Http.post(base, Http.message(name, text)).statusCode()).isEqualTo(200);
    assertThat(UserMessageText.of(next("usermessage"))).isEqualTo(text);
  }

  @Test
  void oversizeBodiesAndOtherContentTypesAreRefused() throws Exception {
    byte[] huge = Http.message("bobby", "x".repeat(70_000)).getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> tooLarge = Http.post(base, "application/json", huge);
    assertThat(tooLarge.statusCode()).isEqualTo(413);
    assertThat(tooLarge.body()).contains("larger than 65536 bytes");

    byte[] valid = Http.message("bobby", "hi").getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> wrongType = Http.post(base, "text/plain", valid);
    assertThat(wrongType.statusCode()).isEqualTo(415);
    assertExplained(wrongType, "POST /chat/messages accepts application/json, not text/plain");
  }

  /** What the routing refuses by itself, Jersey's from its annotations, the servlet's alike. */
  static Stream<Arguments> requestsRoutingRefuses() {
    return Stream.of(
        Arguments.of(
            "GET",
            "chat/nope",
            null,
            404,
            "nothing at GET /chat/nope; this server has GET /, GET /chat/events, GET /events,"
                + " GET /metrics, GET /metrics/events, GET /{file}, POST /chat/messages\n"),
        Arguments.of("GET", "nope", null, 404, "POST /chat/messages"),
        Arguments.of("DELETE", "chat/messages", null, 405, "DELETE is not allowed on"),
        Arguments.of("GET", "chat/messages", null, 405, "/chat/messages; it allows OPTIONS, POST"),
        Arguments.of("PUT", "events", null, 405, "PUT is not allowed on /events; it allows GET"),
        Arguments.of(
            "GET",
            "events",
            "application/json",
            406,
            "GET /events answers with text/event-stream, which Accept: application/json does"
                + " not allow"));
  }

  @ParameterizedTest
  @MethodSource("requestsRoutingRefuses")
  void errorsTheRoutingAnswersItselfSayWhatTheServerAccepts(
      String method, String path, String accept, int status, String explanation) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(WAIT)
            .method(method, HttpRequest.BodyPublishers.noBody());
    if (accept != null) {
      request.header("Accept", accept);
    }

    HttpResponse<String> response =
        Http.CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(status);
    assertExplained(response, explanation);
  }

  private static void assertExplained(HttpResponse<String> response, String explanation) {
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
    assertThat(response.body()).contains(explanation).endsWith("\n");
  }

  @Test
  void bothStreamsCarryTheProductionHeadersAndAreNeverCompressed() throws Exception {
    for (String path : new String[] {"events", "chat/events"}) {
      HttpRequest request =
          HttpRequest.newBuilder(base.resolve(path))
              .timeout(WAIT)
              .header("Accept", "text/event-stream")
              .header("Accept-Encoding", "gzip, deflate")
              .build();
      HttpResponse<InputStream> response =
          Http.CLIENT.send(request, HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream body = response.body()) {
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
            .as(path)
            .hasValue("text/event-stream;charset=UTF-8");
        assertThat(response.headers().firstValue("Cache-Control")).as(path).hasValue("no-cache");
        assertThat(response.headers().firstValue("X-Accel-Buffering")).as(path).hasValue("no");
        assertThat(response.headers().firstValue("Content-Encoding")).as(path).isEmpty();
        if (path.equals("chat/events")) {
          byte[] first = body.readNBytes("retry: 1000\n\n".length());
          assertThat(new String(first, StandardCharsets.UTF_8)).isEqualTo("retry: 1000\n\n");
        }
      }
    }
  }

  @Test
  void pingStreamSendsTypedPingsWithAnIsoTime() throws Exception {
    Instant before = Instant.now().minusSeconds(1);
    try (EventStream pings = EventSource.builder(base.resolve("events")).events()) {
      ServerSentEvent event = pings.poll(WAIT);
      while (event != null && !event.type().equals("ping")) {
        event = pings.poll(WAIT); // an unnamed message may come first
      }
      assertThat(event).isNotNull();
      assertThat(event.data()).matches("\\{\"time\":\"[^\"]+\"\\}");
      Ping ping = CodecRegistry.loadDefault().codecFor(Ping.class).fromJson(event.data());
      assertThat(ping.time()).isAfter(before).isBefore(Instant.now().plusSeconds(1));
      assertThat(event.id()).isNotEmpty();
    }
  }

  @Test
  void badUsernameOrLastEventIdOnTheStreamGetsA400() throws Exception {
    String tooLong = "b".repeat(33);
    HttpResponse<String> badName =
        Http.CLIENT.send(
            HttpRequest.newBuilder(base.resolve("chat/events?username=" + tooLong))
                .timeout(WAIT)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(badName.statusCode()).isEqualTo(400);
    assertThat(badName.body()).contains("username must be at most 32 characters");

    HttpResponse<String> badId =
        Http.CLIENT.send(
            HttpRequest.newBuilder(base.resolve("chat/events"))
                .timeout(WAIT)
                .header("Last-Event-ID", "x".repeat(300))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(badId.statusCode()).isEqualTo(400);
    assertThat(badId.body()).contains("Last-Event-ID is longer than 256 characters");
  }

  @Test
  void aUserJoinsOnceWithTwoStreamsAndLeavesAfterTheLastOneIsGone() throws Exception {
    awaitOpen();
    HttpRequest alice =
        HttpRequest.newBuilder(base.resolve("chat/events?username=alice")).timeout(WAIT).build();
    HttpResponse<InputStream> first =
        Http.CLIENT.send(alice, HttpResponse.BodyHandlers.ofInputStream());
    HttpResponse<InputStream> second =
        Http.CLIENT.send(alice, HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream a = first.body();
        InputStream b = second.body()) {
      assertThat(next("userconnect").data()).contains("\"username\":\"alice\"");

      // Both of alice's streams (which do not reconnect) and the observer's (which does) end.
      assertThat(server.dropChatConnections()).isEqualTo(3);
      // The hub notices a dropped response at its next write.
      Http.say(base, "bobby", "who is still here?");

      assertThat(UserMessageText.of(next("usermessage"))).isEqualTo("who is still here?");
      ServerSentEvent left = next("userdisconnect");
      assertThat(left.data()).contains("\"username\":\"alice\"");
    }
  }

  /** Waits until the observer is connected, so that nothing published next can be missed. */
  private void awaitOpen() {
    // The hub subscribes a client before its response starts, so OPEN means subscribed.
    await().atMost(WAIT).until(() -> observer.readyState() == ReadyState.OPEN);
  }

  /** The observer's next event, which must have the given type. */
  private ServerSentEvent next(String type) throws InterruptedException {
    ServerSentEvent event = observer.poll(WAIT);
    assertThat(event).as("an event of type " + type + " within " + WAIT).isNotNull();
    assertThat(event.type()).as(event.toString()).isEqualTo(type);
    return event;
  }

  /** The text of a usermessage event. */
  private static final class UserMessageText {
    static String of(ServerSentEvent event) {
      return CodecRegistry.loadDefault().codecFor(UserMessage.class).fromJson(event.data()).text();
    }
  }
}
