package dev.ssekit.samples.docs.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.ssekit.client.EventSource;
import dev.ssekit.client.EventStream;
import dev.ssekit.core.ServerSentEvent;
import dev.ssekit.hub.EventHub;
import dev.ssekit.hub.HubObserver;
import dev.ssekit.hub.Topic;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** docs/hub.md: topics, who may read them, and an observer of refusals, on Jersey and Grizzly. */
class TopicsExamplesTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @RegisterExtension final Closer closer = new Closer();

  private EventHub hub;
  private JerseyServer server;

  // begin-snippet: refusal-log
  /** Counts and logs refused requests, with no metrics library. */
  static final class RefusalLog implements HubObserver {
    private static final System.Logger LOG = System.getLogger("app.events");
    final LongAdder refused = new LongAdder();

    @Override
    public void refused(String topic, Refusal refusal) {
      refused.increment(); // quick and thread-safe: the hub calls this on its own threads
      LOG.log(System.Logger.Level.DEBUG, "refused {0} for topic {1}", refusal, topic);
    }
  }

  // end-snippet

  @Test
  void eachUserReadsOnlyTheirOwnTopic() throws Exception {
    RefusalLog refusals = new RefusalLog();
    // begin-snippet: topic-authorizer
    EventHub hub =
        EventHub.builder()
            .topicAuthorizer(
                (topic, request) ->
                    request.principal() != null
                        && topic.equals("user-" + request.principal().getName()))
            .observer(refusals) // counts refusals: see "Observers" below
            .build();
    // end-snippet
    this.hub = closer.add(hub);
    server = closer.add(JerseyServer.start(new DemoLogin(), new UserEventsResource(hub)));

    try (EventStream ada =
        EventSource.builder(server.uri("users/ada/events"))
            .header(DemoLogin.HEADER, "ada")
            .events()) {
      await().atMost(WAIT).until(() -> hub.topic("user-ada").subscriberCount() == 1);

      // begin-snippet: publish-to-topic
      hub.topic("user-ada").publish(new BuildStatus("nightly", "passed"));
      // end-snippet

      ServerSentEvent event = ada.poll(WAIT);
      assertThat(event).isNotNull();
      assertThat(event.type()).isEqualTo("build-status");
      assertThat(event.data()).contains("\"job\":\"nightly\"").contains("\"state\":\"passed\"");
    }

    HttpResponse<String> bob = get(server.uri("users/ada/events"), "bob");
    assertThat(bob.statusCode()).isEqualTo(403);
    assertThat(bob.body().strip()).isEqualTo("not allowed to subscribe to topic \"user-ada\"");
    assertThat(get(server.uri("users/ada/events"), null).statusCode()).isEqualTo(403);
    assertThat(refusals.refused.sum()).isEqualTo(2);
    assertThat(get(server.uri("users/not%20a%20name/events"), "ada").statusCode())
        .as("the path's pattern keeps out names the hub refuses")
        .isEqualTo(404);
  }

  @Test
  void topicNamesAreVisibleAscii() {
    hub = closer.add(EventHub.builder().build());
    Topic room = hub.topic("room-42");
    assertThat(room).isEqualTo(hub.topic("room-42"));
    assertThatThrownBy(() -> hub.topic("room 42")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> hub.topic("")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> hub.topic("x".repeat(201)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theDefaultAuthorizerKeepsNamedTopicsClosed() throws Exception {
    hub = closer.add(EventHub.builder().build());
    server = closer.add(JerseyServer.start(new DemoLogin(), new UserEventsResource(hub)));

    assertThat(get(server.uri("users/ada/events"), "ada").statusCode()).isEqualTo(403);
  }

  @Test
  void replayNeverCrossesTopics() throws Exception {
    hub = closer.add(EventHub.builder().topicAuthorizer((topic, request) -> true).build());
    server = closer.add(JerseyServer.start(new UserEventsResource(hub)));
    String adasId = hub.topic("user-ada").publish(new BuildStatus("nightly", "failed"));
    hub.topic("user-bob").publish(new BuildStatus("release", "passed"));

    try (EventStream bob =
        EventSource.builder(server.uri("users/bob/events")).lastEventId(adasId).events()) {
      ServerSentEvent first = bob.poll(WAIT);
      assertThat(first).isNotNull();
      assertThat(first.type()).isEqualTo(EventHub.RESET_EVENT_TYPE);
      assertThat(first.data()).isEqualTo(adasId);
    }
  }

  private static HttpResponse<String> get(URI uri, String user) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri).timeout(WAIT).header("Accept", "text/event-stream");
    if (user != null) {
      request.header(DemoLogin.HEADER, user);
    }
    return JerseyServer.HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
