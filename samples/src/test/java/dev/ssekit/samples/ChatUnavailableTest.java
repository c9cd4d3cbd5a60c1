package dev.ssekit.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ssekit.client.EventSource;
import dev.ssekit.client.EventStream;
import dev.ssekit.client.ReadyState;
import dev.ssekit.hub.EventLog;
import dev.ssekit.hub.EventLogUnavailableException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code POST /chat/messages} while the chat's shared log is down answers {@code 503} with a
 * plain-text reason, with a stand-in log that refuses every event (the cluster tests do the same
 * with a real Redis killed).
 *
 * <p>Against both servers, Jersey and sse-servlet on Jetty.
 */
@ParameterizedClass
@EnumSource(Adapter.class)
class ChatUnavailableTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @Parameter Adapter adapter;
  private SampleServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void aMessageTheLogCannotTakeGetsA503SayingItWasNotPosted() throws Exception {
    server = start(false);
    try (EventStream stream =
        EventSource.builder(server.baseUri().resolve("chat/events?username=alice")).events()) {
      await().atMost(WAIT).until(() -> stream.readyState() == ReadyState.OPEN);

      HttpResponse<String> response = Http.post(server.baseUri(), Http.message("alice", "hi"));

      assertThat(response.statusCode()).isEqualTo(503);
      assertThat(response.headers().firstValue("Content-Type"))
          .hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
      assertThat(response.headers().firstValue("Retry-After")).hasValue("2");
      assertThat(response.body())
          .isEqualTo(
              "the chat cannot take messages now: Redis at redis://127.0.0.1:1 is unreachable;"
                  + " the message was not posted, try again in a moment\n");
      // The stream that could not announce alice stays open.
      assertThat(stream.readyState()).isEqualTo(ReadyState.OPEN);
    }
  }

  @Test
  void aMessageThatMayHaveReachedTheLogSaysSo() throws Exception {
    server = start(true);

    HttpResponse<String> response = Http.post(server.baseUri(), Http.message("alice", "hi"));

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.body())
        .contains("the message may have been posted all the same, check before sending it again");
  }

  private SampleServer start(boolean mayHaveBeenAppended) {
    return SampleServer.start(
        adapter
            .config()
            .eventLogs(hub -> hub.equals("chat") ? new DownLog(mayHaveBeenAppended) : null));
  }

  /** A log whose server is unreachable: appending fails, following and replay wait. */
  private static final class DownLog implements EventLog {
    private final boolean mayHaveBeenAppended;

    DownLog(boolean mayHaveBeenAppended) {
      this.mayHaveBeenAppended = mayHaveBeenAppended;
    }

    @Override
    public String append(String topic, String ownId, byte[] body) {
      throw new EventLogUnavailableException(
          "Redis at redis://127.0.0.1:1 is unreachable", mayHaveBeenAppended, null);
    }

    @Override
    public void follow(String topic, Follower follower) {
      follower.started(null);
    }

    @Override
    public void unfollow(String topic, Follower follower) {}

    @Override
    public CompletionStage<Replay> replay(String topic, String lastEventId, String upTo) {
      return CompletableFuture.completedFuture(Replay.of(List.of()));
    }
  }
}
