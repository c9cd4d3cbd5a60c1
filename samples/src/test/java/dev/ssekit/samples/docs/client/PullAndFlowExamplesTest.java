package dev.ssekit.samples.docs.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ssekit.client.EventSource;
import dev.ssekit.client.EventSourceException;
import dev.ssekit.client.EventStream;
import dev.ssekit.client.MessageEvent;
import dev.ssekit.client.RawServer;
import dev.ssekit.client.TypedEventStream;
import dev.ssekit.core.ServerSentEvent;
import dev.ssekit.hub.EventHub;
import dev.ssekit.hub.EventIdGenerator;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** docs/client.md: the blocking iterators and the Flow publishers, against real servers. */
@Timeout(60)
class PullAndFlowExamplesTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @Test
  void theIteratorReconnectsUnderneathAndEndsOnA204() throws Exception {
    // Two events and a 1 ms retry, then a drop; the reconnect is answered 204, the server's stop.
    try (RawServer server =
        new RawServer(
            x -> {
              if (x.index == 0) {
                x.sseHead().write("retry: 1\n\nid: 1\ndata: one\n\nid: 2\ndata: two\n\n").close();
              } else {
                x.head(204).close();
              }
            })) {
      URI uri = server.uri("/events");
      List<String> lines = new ArrayList<>();
      List<String> errors = new ArrayList<>();
      // begin-snippet: iterator
      try (EventStream events = EventSource.builder(uri).events()) {
        // each reconnect, in this thread: "connection lost (…): http://…, retrying in 3000 ms"
        events.onError(e -> errors.add(e.reason() + ": " + e.getMessage()));
        for (ServerSentEvent e : events) {
          lines.add(e.type() + " " + e.data() + " (last id " + events.lastEventId() + ")");
        }
        if (events.closeCause() != null) { // NO_CONTENT: the server answered 204, "stop"
          errors.add(events.closeCause().getMessage());
        }
      } catch (EventSourceException e) { // a failure that closed the source
        errors.add("stream failed: " + e.getMessage());
      }
      // end-snippet
      assertThat(lines).containsExactly("message one (last id 1)", "message two (last id 2)");
      assertThat(errors).containsExactly("HTTP 204 No Content, the server's stop: " + uri);
      assertThat(server.exchanges().get(1).header("Last-Event-ID")).isEqualTo("2");
    }
  }

  @Test
  void aTypedIteratorDecodesTheTokensOfAPostStreamUntilTheSentinel() {
    EventHub hub = EventHub.builder().build();
    try (ExampleServer server = new ExampleServer(hub)) {
      URI uri = server.uri("/chat");
      StringBuilder answer = new StringBuilder();
      // begin-snippet: typedPull
      try (TypedEventStream<Token> tokens =
          EventSource.builder(uri)
              .method("POST", HttpRequest.BodyPublishers.ofString("Hello typed world"))
              .endSentinel("[DONE]")
              .events(Token.class)) {
        for (Token token : tokens) {
          answer.append(token.text()).append(' ');
        }
      }
      // end-snippet
      assertThat(answer.toString()).isEqualTo("Hello typed world ");
    } finally {
      hub.close();
    }
  }

  @Test
  void aTypedPublisherDeliversMessageEventsOnlyAgainstDemand() throws Exception {
    // Short heartbeats, so that the hub notices the cancelled connection at once.
    EventHub hub =
        EventHub.builder()
            .ids(EventIdGenerator.sequence())
            .heartbeatInterval(Duration.ofMillis(200))
            .build();
    try (ExampleServer server = new ExampleServer(hub)) {
      URI uri = server.uri("/events");
      Recorder<MessageEvent<Token>> subscriber = new Recorder<>();
      // begin-snippet: typedFlow
      Flow.Publisher<MessageEvent<Token>> publisher =
          EventSource.builder(uri).publisher(Token.class);
      publisher.subscribe(subscriber); // each subscriber gets its own connection
      // end-snippet
      subscriber.subscribed.await(10, TimeUnit.SECONDS);
      subscriber.request(1);
      await().atMost(WAIT).until(() -> hub.subscriberCount() == 1);
      hub.publish(new Token("a"));
      hub.publish(ServerSentEvent.of("not a token"));
      hub.publish(new Token("b"));
      await().atMost(WAIT).until(() -> subscriber.items.size() == 1);
      // One requested, one delivered: "b" waits for demand.
      await().during(Duration.ofMillis(300)).atMost(WAIT).until(() -> subscriber.items.size() == 1);

      subscriber.request(1);
      await().atMost(WAIT).until(() -> subscriber.items.size() == 2);
      assertThat(subscriber.items)
          .extracting(m -> m.value().text() + "@" + m.lastEventId())
          .containsExactly("a@1", "b@3");
      assertThat(subscriber.failure).isNull();

      subscriber.cancel();
      await().atMost(WAIT).until(() -> hub.subscriberCount() == 0);
    } finally {
      hub.close();
    }
  }

  @Test
  void anUntypedPublisherGivesEveryEvent() throws Exception {
    EventHub hub = EventHub.builder().build();
    try (ExampleServer server = new ExampleServer(hub)) {
      URI uri = server.uri("/events");
      Recorder<ServerSentEvent> subscriber = new Recorder<>();
      // begin-snippet: publisher
      Flow.Publisher<ServerSentEvent> publisher = EventSource.builder(uri).publisher();
      publisher.subscribe(subscriber);
      // end-snippet
      subscriber.subscribed.await(10, TimeUnit.SECONDS);
      subscriber.request(Long.MAX_VALUE);
      await().atMost(WAIT).until(() -> hub.subscriberCount() == 1);
      hub.publish(new Token("a"));
      hub.publish(ServerSentEvent.of("plain"));
      await().atMost(WAIT).until(() -> subscriber.items.size() == 2);
      assertThat(subscriber.items)
          .extracting(ServerSentEvent::type)
          .containsExactly("token", "message");
      assertThat(subscriber.failure).isNull();
      subscriber.cancel();
    } finally {
      hub.close();
    }
  }

  /** A subscriber that records what it gets and requests only when told. */
  private static final class Recorder<T> implements Flow.Subscriber<T> {
    final List<T> items = new CopyOnWriteArrayList<>();
    final CountDownLatch subscribed = new CountDownLatch(1);
    volatile Throwable failure;
    private volatile Flow.Subscription subscription;

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      subscribed.countDown();
    }

    @Override
    public void onNext(T item) {
      items.add(item);
    }

    @Override
    public void onError(Throwable t) {
      failure = t;
    }

    @Override
    public void onComplete() {}

    void request(long n) {
      subscription.request(n);
    }

    void cancel() {
      subscription.cancel();
    }
  }
}
