package dev.ssekit.hub.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ssekit.core.ServerSentEvent;
import dev.ssekit.hub.CorsPolicy;
import dev.ssekit.hub.EventHub;
import dev.ssekit.hub.EventIdGenerator;
import dev.ssekit.hub.HubObserver;
import dev.ssekit.hub.SubscribeRequest;
import dev.ssekit.hub.Subscription;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A hub's {@link CorsPolicy} as every server adapter must apply it, over real HTTP: what a listed
 * origin, another origin, the {@code null} origin and the server's own origin get on a stream, and
 * what preflights get. A subclass starts its container with {@link #start(EventHub, Consumer)}.
 */
@Timeout(120)
public abstract class CorsEndpointContract {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final String APP = "http://app.test:8080";
  private static final String EVIL = "https://evil.test";

  /** The policy's logger; held here because JUL keeps loggers weakly. */
  private static final Logger POLICY_LOG = Logger.getLogger(CorsPolicy.class.getName());

  private EventHub hub;
  private CorsPolicy policy;
  private StreamEndpoint server;
  private final Queue<Subscription> closed = new ConcurrentLinkedQueue<>();
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final Queue<SubscribeRequest> asked = new ConcurrentLinkedQueue<>();
  private final List<String> refusals = new CopyOnWriteArrayList<>();
  private final LogCapture capture = new LogCapture();
  private final List<LogRecord> logged = capture.records;
  private final List<AutoCloseable> toClose = new ArrayList<>();

  /**
   * Starts a real server on 127.0.0.1 and a free port that serves {@code hub} as {@link
   * StreamEndpointContract#start(EventHub, Consumer)} describes, and also: {@code POST
   * /topics/<name>/events} the same stream as a GET, and {@code OPTIONS /topics/<name>/events}
   * answered by the adapter's preflight.
   */
  protected abstract StreamEndpoint start(EventHub hub, Consumer<Subscription> onClose)
      throws Exception;

  /** Serves {@code policy}; topics named {@code private-…} are refused by the authorizer. */
  private void start(CorsPolicy policy) throws Exception {
    this.policy = policy;
    POLICY_LOG.addHandler(capture);
    hub =
        EventHub.builder()
            .ids(EventIdGenerator.sequence())
            .heartbeatInterval(Duration.ofMillis(200))
            .cors(policy)
            .observer(
                new HubObserver() {
                  @Override
                  public void refused(String topic, Refusal refusal) {
                    refusals.add(topic + " " + refusal);
                  }
                })
            .topicAuthorizer(
                (topic, request) -> {
                  asked.add(request);
                  return !topic.startsWith("private-");
                })
            .build();
    server = start(hub, closed::add);
  }

  private void start() throws Exception {
    start(
        CorsPolicy.builder()
            .allowOrigin(APP)
            .allowHeader("Authorization")
            .allowMethod("POST")
            .maxAge(Duration.ofMinutes(5))
            .build());
  }

  @AfterEach
  void stop() throws Exception {
    POLICY_LOG.removeHandler(capture);
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

  private HttpRequest.Builder request(String path, String... headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(server.uri(path));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return b;
  }

  /** Opens a stream; {@code headers} are name, value pairs. */
  private StreamClient stream(HttpRequest request) {
    StreamClient c = StreamClient.open(http, request);
    toClose.add(c);
    return c;
  }

  private StreamClient stream(String path, String... headers) {
    return stream(request(path, headers).header("Accept", "text/event-stream").build());
  }

  /** A request that must not become a stream, answered in full. */
  private HttpResponse<String> answer(HttpRequest request) throws Exception {
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> preflight(String path, String... headers) throws Exception {
    return answer(
        request(path, headers).method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());
  }

  private static List<String> corsHeaderNames(HttpHeaders headers) {
    List<String> names = new ArrayList<>();
    for (String name : headers.map().keySet()) {
      if (name.toLowerCase().startsWith("access-control-")) {
        names.add(name);
      }
    }
    return names;
  }

  /** The header names {@code Vary} lists, lower-cased, however many lines it takes. */
  private static List<String> varyNames(HttpHeaders headers) {
    List<String> names = new ArrayList<>();
    for (String line : headers.allValues("Vary")) {
      for (String name : line.split(",")) {
        names.add(name.strip().toLowerCase(Locale.ROOT));
      }
    }
    return names;
  }

  private String origin() {
    return "http://127.0.0.1:" + server.port();
  }

  @Test
  void aListedOriginGetsItsStreamWithItsOriginEchoedCredentialsAndVary() throws Exception {
    start();
    // What a browser sends for new EventSource(url, {withCredentials: true}) from the app.
    StreamClient c =
        stream("topics/news/events", "Origin", APP, "Cookie", "session=abc", "Last-Event-ID", "0");
    HttpHeaders headers = c.headers();
    assertThat(c.response().statusCode()).isEqualTo(200);
    assertThat(headers.allValues("Access-Control-Allow-Origin")).containsExactly(APP);
    assertThat(headers.allValues("Access-Control-Allow-Credentials")).containsExactly("true");
    // A server that compresses adds Accept-Encoding, on a line of its own or the same one.
    assertThat(varyNames(headers)).containsOnlyOnce("origin");
    assertThat(headers.firstValue("Content-Type")).hasValue("text/event-stream;charset=UTF-8");
    assertThat(corsHeaderNames(headers))
        .as("a stream answer names no methods or headers: those are for preflights")
        .hasSize(2);

    await().atMost(WAIT).until(() -> hub.topic("news").subscriberCount() == 1);
    String id = hub.topic("news").publish(ServerSentEvent.of("hello"));
    // The unknown Last-Event-ID "0" gets the reset event first, then the live event.
    await().atMost(WAIT).until(() -> c.eventCount() >= 2);
    assertThat(c.events().get(0).type()).isEqualTo(EventHub.RESET_EVENT_TYPE);
    assertThat(c.events().get(c.eventCount() - 1).data()).isEqualTo("hello");
    assertThat(c.lastId()).isEqualTo(id);
    assertThat(policy.refusedCount()).isZero();
    assertThat(logged).isEmpty();
  }

  @Test
  void aPostStreamFromAListedOriginIsServedToo() throws Exception {
    start();
    StreamClient c =
        stream(
            request("topics/posted/events", "Origin", APP, "Accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build());
    assertThat(c.response().statusCode()).isEqualTo(200);
    assertThat(c.headers().allValues("Access-Control-Allow-Origin")).containsExactly(APP);
    await().atMost(WAIT).until(() -> hub.topic("posted").subscriberCount() == 1);
  }

  @Test
  void anotherOriginGetsA403WithoutCorsHeadersNoSubscriberAndOneLogLine() throws Exception {
    start();
    for (int i = 0; i < 5; i++) {
      HttpResponse<String> r =
          answer(
              request("topics/news/events", "Origin", EVIL, "Accept", "text/event-stream").build());
      assertThat(r.statusCode()).isEqualTo(403);
      assertThat(r.headers().firstValue("Content-Type").orElseThrow())
          .isEqualToIgnoringCase("text/plain;charset=UTF-8");
      assertThat(r.body()).isEqualTo("this origin is not allowed to open this stream\n");
      assertThat(corsHeaderNames(r.headers())).isEmpty();
      assertThat(varyNames(r.headers())).doesNotContain("origin");
    }
    HttpResponse<String> posted =
        answer(
            request("topics/news/events", "Origin", EVIL)
                .POST(HttpRequest.BodyPublishers.noBody())
                .build());
    assertThat(posted.statusCode()).isEqualTo(403);

    assertThat(asked).as("refused before the authorizer, so before any subscription").isEmpty();
    assertThat(hub.subscriberCount()).isZero();
    assertThat(closed).isEmpty();
    assertThat(policy.refusedCount()).isEqualTo(6);
    assertThat(logged).hasSize(1);
    assertThat(logged.get(0).getParameters()).startsWith(EVIL);
  }

  @Test
  void theNullOriginIsRefused() throws Exception {
    start();
    HttpResponse<String> r = answer(request("topics/news/events", "Origin", "null").build());
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.body()).contains("null origin is never allowed");
    assertThat(corsHeaderNames(r.headers())).isEmpty();
    HttpResponse<String> p =
        preflight("topics/news/events", "Origin", "null", "Access-Control-Request-Method", "GET");
    assertThat(p.statusCode()).isEqualTo(403);
    assertThat(corsHeaderNames(p.headers())).isEmpty();
    assertThat(hub.subscriberCount()).isZero();
    assertThat(policy.refusedCount()).isEqualTo(2);
    // The adapter reports both to the hub's observer (a preflight names no topic).
    assertThat(refusals).containsExactly("news ORIGIN_REFUSED", "null ORIGIN_REFUSED");
  }

  @Test
  void theServersOwnOriginAndRequestsWithoutOriginAreServedWithoutCorsHeaders() throws Exception {
    start();
    StreamClient own = stream("topics/news/events", "Origin", origin());
    StreamClient none = stream("topics/news/events");
    for (StreamClient c : List.of(own, none)) {
      assertThat(c.response().statusCode()).isEqualTo(200);
      assertThat(corsHeaderNames(c.headers())).isEmpty();
      assertThat(varyNames(c.headers())).doesNotContain("origin");
    }
    await().atMost(WAIT).until(() -> hub.topic("news").subscriberCount() == 2);
    // Another port on the same host is another origin.
    HttpResponse<String> otherPort =
        answer(request("topics/news/events", "Origin", "http://127.0.0.1:1").build());
    assertThat(otherPort.statusCode()).isEqualTo(403);
    assertThat(policy.refusedCount()).isEqualTo(1);
  }

  @Test
  void anAllowedPreflightGets204WithMethodsHeadersAndMaxAge() throws Exception {
    start();
    HttpResponse<String> r =
        preflight(
            "topics/news/events",
            "Origin",
            APP,
            "Access-Control-Request-Method",
            "GET",
            "Access-Control-Request-Headers",
            "authorization,last-event-id");
    assertThat(r.statusCode()).isEqualTo(204);
    assertThat(r.body()).isEmpty();
    HttpHeaders h = r.headers();
    assertThat(h.allValues("Access-Control-Allow-Origin")).containsExactly(APP);
    assertThat(h.allValues("Access-Control-Allow-Credentials")).containsExactly("true");
    assertThat(h.allValues("Access-Control-Allow-Methods")).containsExactly("GET, POST");
    assertThat(h.allValues("Access-Control-Allow-Headers"))
        .containsExactly("Last-Event-ID, Authorization");
    assertThat(h.allValues("Access-Control-Max-Age")).containsExactly("300");
    assertThat(h.allValues("Vary")).containsExactly("Origin");
    assertThat(hub.subscriberCount()).isZero();
    assertThat(asked).isEmpty();
  }

  @Test
  void aPreflightForAnUnlistedHeaderMethodOrOriginIsRefused() throws Exception {
    start();
    List<HttpResponse<String>> refused =
        List.of(
            preflight(
                "topics/news/events",
                "Origin",
                APP,
                "Access-Control-Request-Method",
                "GET",
                "Access-Control-Request-Headers",
                "authorization,x-api-key"),
            preflight("topics/news/events", "Origin", APP, "Access-Control-Request-Method", "PUT"),
            preflight(
                "topics/news/events", "Origin", EVIL, "Access-Control-Request-Method", "GET"));
    for (HttpResponse<String> r : refused) {
      assertThat(r.statusCode()).isEqualTo(403);
      assertThat(corsHeaderNames(r.headers())).isEmpty();
      assertThat(r.headers().firstValue("Content-Type").orElseThrow())
          .isEqualToIgnoringCase("text/plain;charset=UTF-8");
    }
    assertThat(refused.get(0).body())
        .isEqualTo(
            "preflight refused: request header x-api-key is not allowed for cross-origin streams"
                + " (allowed: Last-Event-ID, Authorization)\n");
    assertThat(refused.get(1).body()).contains("method PUT is not allowed");
    assertThat(policy.refusedCount()).isEqualTo(3);
    assertThat(logged).extracting(r -> r.getParameters()[0]).containsExactly(APP, EVIL);
  }

  @Test
  void anOptionsRequestThatIsNoPreflightGetsABare204() throws Exception {
    start();
    HttpResponse<String> r = preflight("topics/news/events", "Origin", APP);
    assertThat(r.statusCode()).isEqualTo(204);
    assertThat(corsHeaderNames(r.headers())).isEmpty();
    assertThat(policy.refusedCount()).isZero();
  }

  @Test
  void aListedOriginCanReadTheAuthorizersRefusal() throws Exception {
    start();
    HttpResponse<String> r = answer(request("topics/private-x/events", "Origin", APP).build());
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.body()).isEqualTo("not allowed to subscribe to topic \"private-x\"\n");
    assertThat(r.headers().allValues("Access-Control-Allow-Origin")).containsExactly(APP);
    assertThat(policy.refusedCount()).as("the authorizer's refusal, not the policy's").isZero();
  }

  @Test
  void withoutAPolicyNothingIsAddedAndNothingRefused() throws Exception {
    start(CorsPolicy.none());
    StreamClient c = stream("topics/news/events", "Origin", EVIL);
    assertThat(c.response().statusCode()).isEqualTo(200);
    assertThat(corsHeaderNames(c.headers())).isEmpty();
    HttpResponse<String> p =
        preflight("topics/news/events", "Origin", EVIL, "Access-Control-Request-Method", "GET");
    assertThat(p.statusCode()).isEqualTo(204);
    assertThat(corsHeaderNames(p.headers())).isEmpty();
    StreamClient bare = stream("hub/events", "Origin", EVIL);
    assertThat(bare.response().statusCode()).isEqualTo(200);
    await().atMost(WAIT).until(() -> hub.subscriberCount() == 2);
  }
}
