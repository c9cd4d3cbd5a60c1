package dev.ssekit.samples.docs.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ssekit.client.EventSource;
import dev.ssekit.client.EventSourceException;
import dev.ssekit.client.EventSourceException.Reason;
import dev.ssekit.client.RawServer;
import dev.ssekit.client.ReconnectPolicy;
import dev.ssekit.core.SseLimits;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * docs/troubleshooting.md and docs/client.md: the client's errors, with the exact messages the
 * pages quote, from real loopback servers.
 */
@Timeout(60)
class ClientErrorsExamplesTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  /** The one error that closed a source reading {@code uri}, built by {@code builder}. */
  private static EventSourceException finalError(EventSource.Builder builder) {
    List<EventSourceException> errors = new CopyOnWriteArrayList<>();
    try (EventSource source = builder.build().onError(errors::add).connect()) {
      await().atMost(WAIT).until(() -> errors.stream().anyMatch(e -> !e.willReconnect()));
    }
    assertThat(errors).hasSize(1);
    return errors.get(0);
  }

  @Test
  void aPageInsteadOfAStream() throws Exception {
    try (RawServer server =
        new RawServer(x -> x.head(200, "Content-Type: text/html;charset=utf-8").write("<html>"))) {
      URI uri = server.uri("/events");
      EventSourceException e = finalError(EventSource.builder(uri));
      assertThat(e.reason()).isEqualTo(Reason.CONTENT_TYPE);
      assertThat(e.getMessage())
          .isEqualTo(
              "HTTP 200 with Content-Type text/html;charset=utf-8, expected text/event-stream: "
                  + uri);
    }
  }

  @Test
  void anErrorStatusQuotesThePlainTextReason() throws Exception {
    try (RawServer server =
        new RawServer(
            x ->
                x.head(401, "Content-Type: text/plain", "Content-Length: 14")
                    .write("token expired\n"))) {
      URI uri = server.uri("/events");
      EventSourceException e = finalError(EventSource.builder(uri));
      assertThat(e.reason()).isEqualTo(Reason.HTTP_STATUS);
      assertThat(e.statusCode()).isEqualTo(401);
      assertThat(e.getMessage()).isEqualTo("HTTP 401: token expired (" + uri + ")");
    }
  }

  @Test
  void a204IsTheServersStop() throws Exception {
    try (RawServer server = new RawServer(x -> x.head(204))) {
      URI uri = server.uri("/events");
      EventSourceException e = finalError(EventSource.builder(uri));
      assertThat(e.reason()).isEqualTo(Reason.NO_CONTENT);
      assertThat(e.getMessage()).isEqualTo("HTTP 204 No Content, the server's stop: " + uri);
    }
  }

  @Test
  void aLineLongerThanTheLimitFailsTheSource() throws Exception {
    String line = "data: " + "x".repeat(2000) + "\n\n";
    try (RawServer server =
        new RawServer(
            x -> {
              x.sseHead().write(line);
              x.awaitClientClose(WAIT);
            })) {
      URI uri = server.uri("/events");
      // begin-snippet: limits
      EventSource.Builder builder =
          EventSource.builder(uri).limits(new SseLimits(1024, 64 * 1024)); // line, event: bytes
      // end-snippet
      EventSourceException e = finalError(builder);
      assertThat(e.reason()).isEqualTo(Reason.LIMIT_EXCEEDED);
      assertThat(e.getMessage())
          .isEqualTo("stream exceeded a limit: line longer than 1024 bytes (see SseLimits)");
    }
  }

  @Test
  void aRefusedConnectionIsRetriedAndNamed() throws Exception {
    URI uri;
    try (ServerSocket closedSoon = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      uri = URI.create("http://127.0.0.1:" + closedSoon.getLocalPort() + "/events");
    }
    List<EventSourceException> errors = new CopyOnWriteArrayList<>();
    try (EventSource source = EventSource.builder(uri).build().onError(errors::add).connect()) {
      await().atMost(WAIT).until(() -> !errors.isEmpty());
    }
    EventSourceException e = errors.get(0);
    assertThat(e.reason()).isEqualTo(Reason.NETWORK);
    assertThat(e.willReconnect()).isTrue();
    assertThat(e.getMessage()).isEqualTo("connection refused: " + uri + ", retrying in 3000 ms");

    EventSourceException once =
        finalError(EventSource.builder(uri).reconnectPolicy(ReconnectPolicy.never()));
    assertThat(once.getMessage()).isEqualTo("connection refused: " + uri);
  }
}
