package dev.ssekit.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ssekit.client.EventSourceException.Reason;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Errors say what happened, to which URL, and what comes next; each timeout is its own. */
@Timeout(60)
class ActionableErrorsTest {
  @AutoClose private RawServer server;
  private final List<AutoCloseable> closeables = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable c : closeables) {
      c.close();
    }
  }

  private <T extends AutoCloseable> T closeLater(T c) {
    closeables.add(c);
    return c;
  }

  /** The first error of a source that does not reconnect. */
  private EventSourceException failureOf(EventSource.Builder builder) throws Exception {
    Recorder r = new Recorder();
    closeLater(r.attach(builder.reconnectPolicy(ReconnectPolicy.never()).build()).connect());
    EventSourceException e = r.nextError();
    r.awaitClosed();
    return e;
  }

  private static int freePort() throws IOException {
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return probe.getLocalPort();
    }
  }

  @Test
  void aRefusedConnectionSaysItCouldNotConnectWithTheLikelyCausesAndTheUrl() throws Exception {
    // The JDK gives no reason for a refused connection (a ConnectException without a message over
    // a ClosedChannelException), so the message names the likely causes rather than claim one.
    URI uri = URI.create("http://127.0.0.1:" + freePort() + "/events");
    EventSourceException e = failureOf(EventSource.builder(uri));
    assertThat(e.reason()).isEqualTo(Reason.NETWORK);
    assertThat(e).hasMessage("connection refused: " + uri);
  }

  @Test
  void anUnknownHostSaysSoWithTheUrl() throws Exception {
    URI uri = URI.create("http://no-such-host.invalid/events");
    EventSourceException e = failureOf(EventSource.builder(uri));
    assertThat(e.reason()).isEqualTo(Reason.NETWORK);
    assertThat(e).hasMessage("unknown host no-such-host.invalid: " + uri);
  }

  @Test
  void aTlsFailureSaysSoWithTheUrl(@TempDir Path dir) throws Exception {
    UntrustedTlsServer tls = closeLater(new UntrustedTlsServer(dir));
    URI uri = URI.create("https://127.0.0.1:" + tls.port() + "/events");
    EventSourceException e = failureOf(EventSource.builder(uri));
    assertThat(e.reason()).isEqualTo(Reason.NETWORK);
    assertThat(e.getMessage())
        .startsWith("TLS failure (SSLHandshakeException: ")
        .endsWith("): " + uri);
  }

  @Test
  void aClientErrorQuotesTheServersPlainTextReason() throws Exception {
    server =
        new RawServer(
            x -> {
              String body = "token expired\u001b[2J; sign in again\nstack trace line 1\n";
              x.head(
                      401,
                      "Content-Type: text/plain; charset=utf-8",
                      "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length)
                  .write(body);
              x.awaitClientClose(Duration.ofSeconds(10));
            });
    URI uri = server.uri("/events");
    EventSourceException e = failureOf(EventSource.builder(uri));
    assertThat(e.reason()).isEqualTo(Reason.HTTP_STATUS);
    assertThat(e.statusCode()).isEqualTo(401);
    assertThat(e).hasMessage("HTTP 401: token expired?[2J; sign in again (" + uri + ")");
  }

  @Test
  void aLongReasonIsCutAndASilentBodyDoesNotHoldTheFailureBack() throws Exception {
    server =
        new RawServer(
            x -> {
              if (x.path.equals("/long")) {
                x.head(403, "Content-Type: text/plain").write("y".repeat(5000));
              } else {
                x.head(403, "Content-Type: text/plain"); // and never a byte of body
              }
              x.awaitClientClose(Duration.ofSeconds(10));
            });
    EventSourceException cut = failureOf(EventSource.builder(server.uri("/long")));
    assertThat(cut.getMessage()).startsWith("HTTP 403: " + "y".repeat(200) + "... (");
    EventSourceException silent = failureOf(EventSource.builder(server.uri("/silent")));
    assertThat(silent).hasMessage("HTTP 403 (" + server.uri("/silent") + ")");
  }

  @Test
  void theIteratorReportsEachReconnectWithItsDelayAndPollTellsTimeoutFromEnd() throws Exception {
    server =
        new RawServer(
            x -> {
              if (x.index < 2) {
                x.sseHead().write("data: " + x.index + "\n\n");
                x.close();
              } else {
                x.head(404, "Content-Length: 0").close();
              }
            });
    BlockingQueue<EventSourceException> passing = new LinkedBlockingQueue<>();
    try (EventStream events =
        EventSource.builder(server.uri("/"))
            .reconnectPolicy(ReconnectPolicy.builder().retry(Duration.ofMillis(40)).build())
            .events()
            .onError(passing::add)) {
      assertThat(events.poll(Duration.ofSeconds(10)).data()).isEqualTo("0");
      assertThat(events.poll(Duration.ofSeconds(10)).data()).isEqualTo("1");
      assertThat(passing).isEmpty(); // an ordinary end is not an error
      assertThatThrownBy(() -> events.poll(Duration.ofSeconds(10)))
          .isInstanceOfSatisfying(
              EventSourceException.class, e -> assertThat(e.statusCode()).isEqualTo(404));
      assertThat(events.poll(Duration.ofSeconds(10))).isNull();
      assertThat(events.isClosed()).isTrue();
      assertThat(events.closeCause().statusCode()).isEqualTo(404);
    }

    URI refused = URI.create("http://127.0.0.1:" + freePort() + "/");
    try (EventStream events =
        EventSource.builder(refused)
            .reconnectPolicy(ReconnectPolicy.builder().retry(Duration.ofMillis(40)).build())
            .events()
            .onError(passing::add)) {
      assertThat(events.poll(Duration.ofMillis(50))).as("no event yet").isNull();
      assertThat(events.isClosed()).isFalse();
      while (passing.size() < 2) {
        assertThat(events.poll(Duration.ofMillis(50))).isNull();
      }
      EventSourceException first = passing.poll();
      assertThat(first.willReconnect()).isTrue();
      assertThat(first.retryDelay()).isEqualTo(Duration.ofMillis(40));
      assertThat(first.getMessage())
          .isEqualTo("connection refused: " + refused + ", retrying in 40 ms");
      assertThat(passing.poll().retryDelay())
          .as("backed off")
          .isGreaterThanOrEqualTo(Duration.ofMillis(40));
      assertThat(events.isClosed()).isFalse();
    }
  }

  @Test
  void aConnectionNotMadeInTimeIsAConnectTimeout() throws Exception {
    // A listening socket whose accept queue is full: Linux drops further SYNs, so a connect hangs.
    ServerSocket full = closeLater(new ServerSocket());
    full.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
    for (int i = 0; i < 4; i++) {
      Socket filler = closeLater(new Socket());
      try {
        filler.connect(full.getLocalSocketAddress(), 200);
      } catch (IOException e) {
        break; // the queue is full
      }
    }
    URI uri = URI.create("http://127.0.0.1:" + full.getLocalPort() + "/events");
    long start = System.nanoTime();
    EventSourceException e =
        failureOf(EventSource.builder(uri).connectTimeout(Duration.ofMillis(300)));
    assertThat(e.reason()).isEqualTo(Reason.CONNECT_TIMEOUT);
    assertThat(e).hasMessage("connect timed out: " + uri);
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(8000);
  }

  @Test
  void aServerThatNeverAnswersIsAResponseTimeoutAndAQuietStreamAnIdleTimeout() throws Exception {
    server =
        new RawServer(
            x -> {
              if (x.index > 0) { // the first request gets no answer at all
                x.sseHead().write("data: open\n\n");
              }
              x.awaitClientClose(Duration.ofSeconds(20));
            });
    Recorder r = new Recorder();
    closeLater(
        r.attach(
                EventSource.builder(server.uri("/"))
                    .responseTimeout(Duration.ofMillis(300))
                    .idleTimeout(Duration.ofMillis(600))
                    .reconnectPolicy(ReconnectPolicy.builder().retry(Duration.ofMillis(20)).build())
                    .build())
            .connect());
    EventSourceException response = r.nextError();
    assertThat(response.reason()).isEqualTo(Reason.RESPONSE_TIMEOUT);
    assertThat(response.getMessage()).startsWith("no response within 300 ms: ");
    assertThat(r.nextEvent().data()).isEqualTo("open");
    EventSourceException idle = r.nextError();
    // On a loaded machine a later answer may also be slow; the open stream still goes idle.
    while (idle.reason() == Reason.RESPONSE_TIMEOUT) {
      idle = r.nextError();
    }
    assertThat(idle.reason()).isEqualTo(Reason.IDLE_TIMEOUT);
    assertThat(idle.getMessage()).startsWith("no data for 600 ms: ");
    assertThat(idle.willReconnect()).isTrue();
  }

  @Test
  void aConnectTimeoutBelongsToTheDefaultClient() {
    EventSource.Builder b =
        EventSource.builder(URI.create("http://127.0.0.1:1/"))
            .httpClient(java.net.http.HttpClient.newHttpClient())
            .connectTimeout(Duration.ofSeconds(1));
    assertThatThrownBy(b::build).isInstanceOf(IllegalStateException.class);
  }
}
