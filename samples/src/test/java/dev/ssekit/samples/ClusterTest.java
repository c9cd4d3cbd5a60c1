package dev.ssekit.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ssekit.core.CodecRegistry;
import dev.ssekit.redis.RedisServerProcess;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Two nodes ({@code serve --redis}) on two ports sharing one real {@code redis-server}, with the
 * JDK's HttpClient: the chat crosses nodes with the same ids, presence survives a move between
 * nodes, a Redis outage gives 503 while streams stay open, and pings are not doubled.
 *
 * <p>Both nodes on Jersey, then both through sse-servlet on Jetty ({@code serve --redis
 * --servlet}).
 */
@ParameterizedClass
@EnumSource(Adapter.class)
class ClusterTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  /** Short, so that a test sees heartbeats keep the streams open while Redis is down. */
  private static final Duration HEARTBEAT = Duration.ofMillis(500);

  private static RedisServerProcess redis;
  @Parameter Adapter adapter;
  private SampleServer a;
  private SampleServer b;
  private final List<AutoCloseable> streams = new ArrayList<>();

  @BeforeAll
  static void startRedis() {
    redis = RedisServerProcess.start();
  }

  @AfterAll
  static void stopRedis() {
    if (redis != null) {
      redis.close();
    }
  }

  @BeforeEach
  void startNodes() {
    redis.run("FLUSHALL");
    a = SampleServer.start(adapter.config().redis(redis.uri()).heartbeat(HEARTBEAT));
    b = SampleServer.start(adapter.config().redis(redis.uri()).heartbeat(HEARTBEAT));
  }

  @AfterEach
  void stopNodes() throws Exception {
    for (AutoCloseable stream : streams) {
      stream.close();
    }
    if (a != null) {
      a.close();
    }
    if (b != null) {
      b.close();
    }
  }

  @Test
  void aMessagePostedOnOneNodeReachesStreamsOnBothWithTheSameId() throws Exception {
    RawStream onA = open(a, "chat/events");
    RawStream onB = open(b, "chat/events");

    String idFromA = postedId(Http.post(a.baseUri(), Http.message("alice", "posted on A")));
    String idFromB = postedId(Http.post(b.baseUri(), Http.message("bob", "posted on B")));

    for (RawStream stream : List.of(onA, onB)) {
      RawStream.Block first = stream.nextEvent("usermessage", WAIT);
      assertThat(first.id()).isEqualTo(idFromA);
      assertThat(text(first)).isEqualTo("posted on A");
      RawStream.Block second = stream.nextEvent("usermessage", WAIT);
      assertThat(second.id()).isEqualTo(idFromB);
      assertThat(text(second)).isEqualTo("posted on B");
    }
  }

  @Test
  void aUserWhoMovesToTheOtherNodeIsNotAnnouncedAsLeftButOneWhoReallyLeavesIs() throws Exception {
    RawStream observer = open(b, "chat/events");
    RawStream aliceOnA = open(a, "chat/events?username=alice");
    assertThat(observer.nextEvent("userconnect", WAIT).data()).contains("\"alice\"");

    // alice's browser moves: a stream on B, then the one on A ends.
    RawStream aliceOnB = open(b, "chat/events?username=alice");
    awaitStreams("alice", 2);
    aliceOnA.close();
    // Once A's stream is gone from Redis, the sweep that would have announced alice's departure
    // has run on both nodes.
    awaitStreams("alice", 1);
    Http.say(a.baseUri(), "bob", "is alice still here?");
    RawStream.Block next = observer.next("the next event", b -> !b.isHeartbeat(), WAIT);
    assertThat(next.type()).as(next.toString()).isEqualTo("usermessage");
    assertThat(text(next)).isEqualTo("is alice still here?");

    // alice really leaves: announced once, no sooner than three seconds later.
    Instant left = Instant.now();
    aliceOnB.close();
    RawStream.Block gone = observer.next("the next event", b -> !b.isHeartbeat(), WAIT);
    assertThat(gone.type()).as(gone.toString()).isEqualTo("userdisconnect");
    assertThat(gone.data()).contains("\"alice\"");
    assertThat(Duration.between(left, Instant.now())).isGreaterThanOrEqualTo(Duration.ofSeconds(3));
    Http.say(b.baseUri(), "bob", "bye");
    RawStream.Block after = observer.next("the next event", b -> !b.isHeartbeat(), WAIT);
    assertThat(text(after)).as("one departure, announced by one node").isEqualTo("bye");
  }

  @Test
  void whileRedisIsDownPostingGets503AndStreamsStayOpenThenMessagesFlowAgain() throws Exception {
    RawStream onA = open(a, "chat/events");
    RawStream onB = open(b, "chat/events");
    Http.say(a.baseUri(), "alice", "before");
    onB.nextEvent("usermessage", WAIT);

    redis.kill9();

    HttpResponse<String> refused = Http.post(a.baseUri(), Http.message("alice", "while down"));
    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
    assertThat(refused.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
    assertThat(refused.body()).startsWith("the chat cannot take messages now: ");
    for (RawStream stream : List.of(onA, onB)) {
      // Heartbeats keep coming: the stream is open (an ended one would show END).
      stream.next("a heartbeat", RawStream.Block::isHeartbeat, WAIT);
      stream.next("a second heartbeat", RawStream.Block::isHeartbeat, WAIT);
    }

    redis.restart();

    // The nodes reconnect by themselves; a message accepted now reaches both nodes' streams.
    AtomicInteger attempt = new AtomicInteger();
    AtomicReference<String> accepted = new AtomicReference<>();
    await()
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              String text = "back " + attempt.incrementAndGet();
              if (Http.post(b.baseUri(), Http.message("alice", text)).statusCode() == 200) {
                accepted.set(text);
                return true;
              }
              return false;
            });
    for (RawStream stream : List.of(onA, onB)) {
      stream.next(
          "the message accepted after the restart",
          block -> block.type().equals("usermessage") && accepted.get().equals(text(block)),
          WAIT);
    }
  }

  @Test
  void twoNodesPublishOnePingPerSecondNotTwo() throws Exception {
    RawStream onA = open(a, "events");
    RawStream onB = open(b, "events");

    List<RawStream.Block> pingsOnA = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      pingsOnA.add(onA.nextEvent("ping", WAIT));
    }
    List<RawStream.Block> pingsOnB = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      pingsOnB.add(onB.nextEvent("ping", WAIT));
    }

    List<Instant> times = new ArrayList<>();
    for (RawStream.Block ping : pingsOnA) {
      times.add(CodecRegistry.loadDefault().codecFor(Ping.class).fromJson(ping.data()).time());
    }
    // One ping per second: six span at least four seconds (two nodes each ticking would send
    // about two a second), and no two come from the same second.
    assertThat(Duration.between(times.get(0), times.get(5)))
        .isGreaterThanOrEqualTo(Duration.ofSeconds(4));
    for (int i = 1; i < times.size(); i++) {
      assertThat(Duration.between(times.get(i - 1), times.get(i)))
          .as("pings %s", times)
          .isGreaterThan(Duration.ofMillis(500));
    }
    // Both nodes serve the same pings, with the same ids.
    List<String> idsOnA = pingsOnA.stream().map(RawStream.Block::id).toList();
    List<String> idsOnB = pingsOnB.stream().map(RawStream.Block::id).toList();
    List<String> common = new ArrayList<>(idsOnA);
    common.retainAll(idsOnB);
    assertThat(common).hasSizeGreaterThanOrEqualTo(3);
  }

  private RawStream open(SampleServer node, String path) throws Exception {
    RawStream stream = RawStream.open(node.baseUri().resolve(path));
    streams.add(stream);
    // The first block (retry hint or heartbeat) shows the stream is subscribed.
    stream.poll(WAIT);
    return stream;
  }

  /** Waits until Redis holds {@code count} live or lingering streams of {@code username}. */
  private static void awaitStreams(String username, int count) {
    await()
        .atMost(WAIT)
        .until(
            () ->
                Long.parseLong(
                        redis.run("ZCARD", RedisNode.KEY_PREFIX + "presence:streams:" + username))
                    == count);
  }

  private static String postedId(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    String body = response.body();
    return body.substring("{\"id\":\"".length(), body.length() - 2);
  }

  private static String text(RawStream.Block block) {
    return CodecRegistry.loadDefault().codecFor(UserMessage.class).fromJson(block.data()).text();
  }
}
