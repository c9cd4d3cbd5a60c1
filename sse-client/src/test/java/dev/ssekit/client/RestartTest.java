package dev.ssekit.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.time.Duration;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link EventSource#restart()} in each state of a source, and for streams opened with a POST. */
@Timeout(60)
class RestartTest {
  /** A retry time far longer than the tests: only restart() can reconnect in time. */
  private static final ReconnectPolicy SLOW =
      ReconnectPolicy.builder().retry(Duration.ofMinutes(5)).build();

  @AutoClose private RawServer server;
  @AutoClose private EventSource source;

  /** Each connection sends one event, {@code id:} its index + 1, {@code data:} its method. */
  private void startServer(boolean closeAfterFirst) throws Exception {
    server =
        new RawServer(
            x -> {
              x.sseHead().write("id: " + (x.index + 1) + "\ndata: " + x.method + "\n\n");
              if (x.index == 0 && closeAfterFirst) {
                x.close();
              } else {
                x.awaitClientClose(Duration.ofSeconds(30));
              }
            });
  }

  private void assertNoMoreRequests(int count) {
    await()
        .during(Duration.ofMillis(300))
        .atMost(Duration.ofSeconds(3))
        .until(() -> server.exchanges().size() == count);
  }

  @Test
  void aPostStreamWithoutReconnectWithRefusesToRestartAndKeepsItsConnection() throws Exception {
    startServer(false);
    Recorder r = new Recorder();
    source =
        r.attach(
            EventSource.builder(server.uri("/chat"))
                .method("POST", HttpRequest.BodyPublishers.ofString("{\"prompt\":\"hi\"}"))
                .reconnectPolicy(SLOW)
                .build());
    assertThatThrownBy(source::restart)
        .as("before connect() too")
        .isInstanceOf(IllegalStateException.class);
    source.connect();
    assertThat(r.nextEvent().data()).isEqualTo("POST");

    assertThatThrownBy(source::restart)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("send the POST request again")
        .hasMessageContaining("reconnectWith(ReconnectRequest.GET)");

    assertThat(source.readyState()).isEqualTo(ReadyState.OPEN);
    assertNoMoreRequests(1);
    assertThat(r.errors).isEmpty();
  }

  @Test
  void aPostStreamRestartsWithWhatReconnectWithSays() throws Exception {
    startServer(false);
    Recorder r = new Recorder();
    source =
        r.attach(
                EventSource.builder(server.uri("/mcp"))
                    .method("POST", HttpRequest.BodyPublishers.ofString("{\"id\":1}"))
                    .reconnectWith(ReconnectRequest.GET)
                    .reconnectPolicy(SLOW)
                    .build())
            .connect();
    assertThat(r.nextEvent().data()).isEqualTo("POST");

    source.restart();

    assertThat(r.nextEvent().data()).isEqualTo("GET");
    assertThat(server.exchanges().get(1).header("Last-Event-ID")).isEqualTo("1");
    assertThat(server.exchanges().get(1).body).isEmpty();
  }

  @Test
  void restartWhileWaitingToReconnectConnectsAtOnce() throws Exception {
    startServer(true);
    Recorder r = new Recorder();
    source = r.attach(EventSource.builder(server.uri("/")).reconnectPolicy(SLOW).build()).connect();
    assertThat(r.nextEvent().data()).isEqualTo("GET");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> source.readyState() == ReadyState.CONNECTING);

    source.restart();

    assertThat(r.nextEvent().data()).isEqualTo("GET");
    assertThat(server.exchanges().get(1).header("Last-Event-ID")).isEqualTo("1");
    assertThat(r.errors).as("an ordinary end and a restart are no errors").isEmpty();
    assertThat(source.readyState()).isEqualTo(ReadyState.OPEN);
    assertNoMoreRequests(2);
  }

  @Test
  void restartBeforeConnectAndAfterCloseDoesNothing() throws Exception {
    startServer(false);
    Recorder r = new Recorder();
    source = r.attach(EventSource.builder(server.uri("/")).reconnectPolicy(SLOW).build());

    source.restart();
    assertNoMoreRequests(0);
    assertThat(source.readyState()).isEqualTo(ReadyState.CONNECTING);

    source.connect();
    assertThat(r.nextEvent().data()).isEqualTo("GET");
    source.close();
    source.restart();

    assertThat(source.readyState()).isEqualTo(ReadyState.CLOSED);
    assertNoMoreRequests(1);
    assertThat(r.closeCalls).hasValue(1);
  }

  /**
   * An error listener runs while the source reports a failure it will retry; a restart from there
   * must not be undone by the reconnect being scheduled for that failure (which would drop the new
   * connection and wait out the retry time).
   */
  @Test
  void aRestartFromAnErrorListenerIsNotUndoneByTheRetryItInterrupted() throws Exception {
    server =
        new RawServer(
            x -> {
              if (x.index == 0) {
                x.head(503, "Content-Length: 0").close();
              } else {
                x.sseHead().write("data: after restart\n\n");
                x.awaitClientClose(Duration.ofSeconds(30));
              }
            });
    Recorder r = new Recorder();
    source =
        r.attach(
            EventSource.builder(server.uri("/"))
                .reconnectPolicy(
                    ReconnectPolicy.builder()
                        .retry(Duration.ofMinutes(5))
                        .retryServerErrors(true)
                        .build())
                .build());
    source.onError(e -> source.restart()).connect();

    assertThat(r.nextError().statusCode()).isEqualTo(503);
    assertThat(r.nextEvent().data()).isEqualTo("after restart");
    assertThat(source.readyState()).isEqualTo(ReadyState.OPEN);
    assertNoMoreRequests(2);
  }
}
