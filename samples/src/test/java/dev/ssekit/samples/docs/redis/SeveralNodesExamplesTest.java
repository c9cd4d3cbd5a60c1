package dev.ssekit.samples.docs.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.ssekit.client.EventSource;
import dev.ssekit.client.EventStream;
import dev.ssekit.core.ServerSentEvent;
import dev.ssekit.hub.EventHub;
import dev.ssekit.redis.RedisServerProcess;
import dev.ssekit.samples.docs.hub.JerseyServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * docs/redis.md: two nodes, each a hub and a Jersey server of its own, on one real {@code
 * redis-server}: the same events and ids on both, resume on either, {@code 503} without Redis.
 */
class SeveralNodesExamplesTest {
  @RegisterExtension static final RedisServerProcess redis = new RedisServerProcess();

  private static final Duration WAIT = Duration.ofSeconds(10);

  private EventHub hubA;
  private EventHub hubB;
  private JerseyServer nodeA;
  private JerseyServer nodeB;

  @BeforeEach
  void start() {
    redis.runningAndEmpty();
    hubA = RedisNodes.node(redis.uri());
    hubB = RedisNodes.node(redis.uri());
    nodeA = JerseyServer.start(new NewsResource(hubA));
    nodeB = JerseyServer.start(new NewsResource(hubB));
  }

  @AfterEach
  void stop() {
    nodeA.close();
    nodeB.close();
    hubA.close();
    hubB.close();
  }

  @Test
  void anEventPostedOnOneNodeReachesTheOtherAndResumesThere() throws Exception {
    String first;
    try (EventStream onB = EventSource.builder(nodeB.uri("rooms/lobby/events")).events()) {
      await().atMost(WAIT).until(() -> hubB.topic("lobby").subscriberCount() == 1);

      HttpResponse<String> posted = post(nodeA, "lobby", "hello from A");
      assertThat(posted.statusCode()).isEqualTo(200);
      first = posted.body();
      assertThat(first).as("<epoch>_<stream id>").matches("[0-9a-z]+_[0-9]+-[0-9]+");

      ServerSentEvent received = onB.poll(WAIT);
      assertThat(received).isNotNull();
      assertThat(received.type()).isEqualTo("news");
      assertThat(received.data()).isEqualTo("hello from A");
      assertThat(received.id()).as("the same id on every node").isEqualTo(first);
    }

    String second = post(nodeB, "lobby", "posted while away").body();
    try (EventStream resumedOnA =
        EventSource.builder(nodeA.uri("rooms/lobby/events")).lastEventId(first).events()) {
      ServerSentEvent missed = resumedOnA.poll(WAIT);
      assertThat(missed).isNotNull();
      assertThat(missed.data()).isEqualTo("posted while away");
      assertThat(missed.id()).isEqualTo(second);
    }
  }

  @Test
  void theLogAssignsEveryId() {
    assertThatThrownBy(
            () -> hubA.topic("lobby").publish(ServerSentEvent.builder().id("42").data("x").build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("a Redis log assigns ids");
  }

  @Test
  void aLostStreamIsAnsweredWithTheResetEvent() throws Exception {
    String id = post(nodeA, "lobby", "before the flush").body();
    redis.run("FLUSHALL");

    try (EventStream resumed =
        EventSource.builder(nodeB.uri("rooms/lobby/events")).lastEventId(id).events()) {
      ServerSentEvent reset = resumed.poll(WAIT);
      assertThat(reset).isNotNull();
      assertThat(reset.type()).isEqualTo(EventHub.RESET_EVENT_TYPE);
    }
  }

  @Test
  void withoutRedisPublishingAnswers503AndStreamsStayOpen() throws Exception {
    try (EventStream open = EventSource.builder(nodeB.uri("rooms/lobby/events")).events()) {
      await().atMost(WAIT).until(() -> hubB.topic("lobby").subscriberCount() == 1);
      redis.kill9();

      // A publish sent as the connection broke may have reached Redis: 503, "may have been
      // published". Once the node knows Redis is gone, it fails at once: "was not published".
      await()
          .atMost(WAIT)
          .untilAsserted(
              () -> {
                HttpResponse<String> refused = post(nodeA, "lobby", "into the void");
                assertThat(refused.statusCode()).isEqualTo(503);
                assertThat(refused.body()).contains("was not published");
              });
      assertThat(hubB.topic("lobby").subscriberCount()).isEqualTo(1);
      assertThat(open.isClosed()).isFalse();
    } finally {
      redis.restart();
    }
  }

  private static HttpResponse<String> post(JerseyServer node, String room, String text)
      throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(node.uri("rooms/" + room + "/news"))
            .timeout(WAIT)
            .header("Content-Type", "text/plain")
            .POST(HttpRequest.BodyPublishers.ofString(text))
            .build();
    return JerseyServer.HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
