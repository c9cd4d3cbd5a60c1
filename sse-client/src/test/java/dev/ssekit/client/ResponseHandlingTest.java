package dev.ssekit.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ssekit.client.EventSourceException.Reason;
import dev.ssekit.core.SseLimits;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What the source does with each kind of response: status codes, content types, redirects. */
@Timeout(30)
class ResponseHandlingTest {
  /** Short enough that a wrong reconnect would show up within the checks below. */
  private static final ReconnectPolicy FAST =
      ReconnectPolicy.builder().retry(Duration.ofMillis(30)).build();

  @AutoClose private RawServer server;
  @AutoClose private EventSource source;

  private Recorder connect() {
    Recorder r = new Recorder();
    source = r.attach(EventSource.builder(server.uri("/")).reconnectPolicy(FAST).build()).connect();
    return r;
  }

  private void assertSingleConnection() {
    await()
        .during(Duration.ofMillis(300))
        .atMost(Duration.ofSeconds(3))
        .until(() -> server.exchanges().size() == 1);
  }

  @Test
  void noContentFailsTheSourceForGoodWithItsOwnReason() throws Exception {
    server = new RawServer(x -> x.head(204).close());
    Recorder r = connect();

    EventSourceException e = r.nextError();
    assertThat(e.reason()).isEqualTo(Reason.NO_CONTENT);
    assertThat(e.statusCode()).isEqualTo(204);
    assertThat(e.willReconnect()).isFalse();
    r.awaitClosed();
    assertThat(source.readyState()).isEqualTo(ReadyState.CLOSED);
    assertThat(r.opens).isEmpty();
    assertSingleConnection();
  }

  @Test
  void theIteratorEndsCleanlyOnNoContentAndSaysWhy() throws Exception {
    server =
        new RawServer(
            x -> {
              if (x.index == 0) {
                x.sseHead().write("id: 1\ndata: last\n\n").close();
              } else {
                x.head(204).close();
              }
            });
    try (EventStream events = EventSource.builder(server.uri("/")).reconnectPolicy(FAST).events()) {
      assertThat(events.next().data()).isEqualTo("last");
      assertThat(events.closeCause()).isNull();
      assertThat(events.hasNext()).isFalse();
      assertThat(events.isClosed()).isTrue();
      assertThat(events.closeCause().reason()).isEqualTo(Reason.NO_CONTENT);
    }
    assertThat(server.exchanges().get(1).header("Last-Event-ID")).isEqualTo("1");
  }

  /**
   * A 3xx without a Location, and one whose Location is not a URL: the HttpClient fails on them
   * (with these words, JDK 17 to 25) and gives no status.
   */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "X-No-Location: 1 | redirect not followed (IOException: Invalid redirection): ",
        "Location: ht tp://::bad | redirect not followed (IllegalArgumentException: Illegal"
      })
  void aRedirectThatCannotBeFollowedFailsAtOnce(String header, String message) throws Exception {
    server = new RawServer(x -> x.head(307, header, "Content-Length: 0").close());
    Recorder r = connect();

    EventSourceException e = r.nextError();
    assertThat(e.reason()).isEqualTo(Reason.REDIRECT);
    assertThat(e.statusCode()).isZero();
    assertThat(e.getMessage()).startsWith(message).endsWith(server.uri("/").toString());
    assertThat(e.willReconnect()).isFalse();
    r.awaitClosed();
    assertSingleConnection();
  }

  /** The HttpClient's NORMAL policy refuses https to http; the source fails as in the browser. */
  @Test
  void aRedirectFromHttpsToHttpFailsAtOnce(@TempDir Path dir) throws Exception {
    server =
        new RawServer(
            x -> {
              x.sseHead().write("data: insecure\n\n");
              x.awaitClientClose(Duration.ofSeconds(10));
            });
    URI insecure = server.uri("/events");
    AtomicInteger requests = new AtomicInteger();
    try (Http2Server https =
        new Http2Server(
            dir,
            128,
            new Handler.Abstract() {
              @Override
              public boolean handle(Request request, Response response, Callback callback) {
                requests.incrementAndGet();
                response.setStatus(302);
                response.getHeaders().put(HttpHeader.LOCATION, insecure.toString());
                callback.succeeded();
                return true;
              }
            })) {
      URI uri = https.uri("/events");
      HttpClient client =
          HttpClient.newBuilder()
              .sslContext(https.clientTls())
              .followRedirects(HttpClient.Redirect.NORMAL)
              .build();
      Recorder r = new Recorder();
      source =
          r.attach(EventSource.builder(uri).httpClient(client).reconnectPolicy(FAST).build())
              .connect();

      EventSourceException e = r.nextError();
      assertThat(e.reason()).isEqualTo(Reason.REDIRECT);
      assertThat(e.statusCode()).isEqualTo(302);
      assertThat(e)
          .hasMessage("HTTP 302 redirect not followed (Location: " + insecure + "): " + uri);
      assertThat(e.willReconnect()).isFalse();
      r.awaitClosed();
      await()
          .during(Duration.ofMillis(300))
          .atMost(Duration.ofSeconds(3))
          .until(() -> requests.get() == 1);
      assertThat(server.exchanges()).as("the http URL is never asked").isEmpty();
    }
  }

  @Test
  void aRedirectLoopFailsAfterTheClientsHopsWithoutReconnecting() throws Exception {
    server = new RawServer(x -> x.head(302, "Location: /again", "Content-Length: 0").close());
    Recorder r = connect();

    EventSourceException e = r.nextError();
    assertThat(e.reason()).isEqualTo(Reason.REDIRECT);
    assertThat(e.statusCode()).isEqualTo(302);
    assertThat(e.getMessage()).contains("/again");
    assertThat(e.willReconnect()).isFalse();
    r.awaitClosed();
    // The JDK client follows a few redirects; the source does not start over after them.
    int hops = server.exchanges().size();
    assertThat(hops).isBetween(2, 10);
    await()
        .during(Duration.ofMillis(300))
        .atMost(Duration.ofSeconds(3))
        .until(() -> server.exchanges().size() == hops);
  }

  @Test
  void anErrorStatusFailsWithoutReconnecting() throws Exception {
    server =
        new RawServer(
            x -> {
              x.head(500, "Content-Type: text/plain", "Content-Length: 4").write("oops");
              x.awaitClientClose(Duration.ofSeconds(5));
            });
    Recorder r = connect();

    EventSourceException e = r.nextError();
    assertThat(e.reason()).isEqualTo(Reason.HTTP_STATUS);
    assertThat(e.statusCode()).isEqualTo(500);
    assertThat(e.willReconnect()).isFalse();
    assertThat(e.getMessage()).contains("500");
    r.awaitClosed();
    assertSingleConnection();
  }

  @Test
  void aWrongContentTypeFailsWithoutReconnecting() throws Exception {
    server =
        new RawServer(
            x -> {
              // An endless body: the client must not try to drain it.
              x.head(200, "Content-Type: application/json");
              while (true) {
                x.write("{\"not\":\"sse\"}\n");
                Thread.sleep(20); // a slow endless body: the client must give up, not drain it
              }
            });
    Recorder r = connect();

    EventSourceException e = r.nextError();
    assertThat(e.reason()).isEqualTo(Reason.CONTENT_TYPE);
    assertThat(e.getMessage()).contains("application/json");
    assertThat(e.willReconnect()).isFalse();
    r.awaitClosed();
    assertSingleConnection();
  }

  @Test
  void aMissingContentTypeFails() throws Exception {
    server =
        new RawServer(
            x -> {
              x.head(200).write("data: x\n\n");
              x.awaitClientClose(Duration.ofSeconds(5));
            });
    Recorder r = connect();

    assertThat(r.nextError().reason()).isEqualTo(Reason.CONTENT_TYPE);
    assertThat(r.events).isEmpty();
  }

  @Test
  void serverErrorsAreRetriedOnlyWhenOptedInHonouringRetryAfter() throws Exception {
    server =
        new RawServer(
            x -> {
              if (x.index == 0) {
                x.head(503, "Retry-After: 1", "Content-Length: 0").close();
              } else if (x.index == 1) {
                x.head(429, "Content-Length: 0").close();
              } else {
                x.sseHead().write("data: finally\n\n");
                x.awaitClientClose(Duration.ofSeconds(20));
              }
            });
    Recorder r = new Recorder();
    source =
        r.attach(
                EventSource.builder(server.uri("/"))
                    .reconnectPolicy(
                        ReconnectPolicy.builder()
                            .retry(Duration.ofMillis(50))
                            .retryServerErrors(true)
                            .build())
                    .build())
            .connect();

    EventSourceException first = r.nextError();
    assertThat(first.reason()).isEqualTo(Reason.HTTP_STATUS);
    assertThat(first.statusCode()).isEqualTo(503);
    assertThat(first.willReconnect()).isTrue();
    assertThat(r.nextError().statusCode()).isEqualTo(429);
    assertThat(r.nextEvent().data()).isEqualTo("finally");
    var xs = server.exchanges();
    long waited = TimeUnit.NANOSECONDS.toMillis(xs.get(1).acceptedAt - xs.get(0).closedAt);
    assertThat(waited).as("Retry-After: 1 honoured").isGreaterThanOrEqualTo(950L);
  }

  @Test
  void redirectsAreFollowed() throws Exception {
    server =
        new RawServer(
            x -> {
              if (x.path.equals("/")) {
                x.head(302, "Location: /moved", "Content-Length: 0").close();
              } else {
                x.sseHead().write("data: moved " + x.path + "\n\n");
                x.awaitClientClose(Duration.ofSeconds(20));
              }
            });
    Recorder r = connect();

    assertThat(r.nextEvent().data()).isEqualTo("moved /moved");
    assertThat(r.opens).hasSize(1);
  }

  @Test
  void aLineOverTheLimitFailsTheSourceAfterDeliveringWhatCameBefore() throws Exception {
    server =
        new RawServer(
            x -> {
              x.sseHead().write("data: small\n\ndata: " + "x".repeat(300) + "\n\n");
              x.awaitClientClose(Duration.ofSeconds(5));
            });
    Recorder r = new Recorder();
    source =
        r.attach(
                EventSource.builder(server.uri("/"))
                    .limits(new SseLimits(100, 1000))
                    .reconnectPolicy(FAST)
                    .build())
            .connect();

    assertThat(r.nextEvent().data()).isEqualTo("small");
    EventSourceException e = r.nextError();
    assertThat(e.reason()).isEqualTo(Reason.LIMIT_EXCEEDED);
    assertThat(e.willReconnect()).isFalse();
    r.awaitClosed();
    assertThat(server.exchanges().get(0).awaitClientClose(Duration.ofSeconds(5))).isTrue();
    assertSingleConnection();
  }

  @Test
  void aThrowingCustomizerClosesTheSourceBeforeAnyRequest() throws Exception {
    server = new RawServer(x -> x.sseHead());
    Recorder r = new Recorder();
    source =
        r.attach(
                EventSource.builder(server.uri("/"))
                    .requestCustomizer(
                        (request, attempt, id) -> {
                          throw new IllegalStateException("no token");
                        })
                    .build())
            .connect();

    EventSourceException e = r.nextError();
    assertThat(e.reason()).isEqualTo(Reason.REQUEST);
    assertThat(e.willReconnect()).isFalse();
    assertThat(e.getMessage()).contains("no token");
    r.awaitClosed();
    assertThat(server.exchanges()).isEmpty();
  }
}
