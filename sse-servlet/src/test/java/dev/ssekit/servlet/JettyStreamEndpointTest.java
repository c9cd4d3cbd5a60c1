package dev.ssekit.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ssekit.hub.CloseReason;
import dev.ssekit.hub.EventHub;
import dev.ssekit.hub.Subscription;
import dev.ssekit.hub.contract.StreamClient;
import dev.ssekit.hub.contract.StreamEndpoint;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The adapters' shared HTTP behaviour, through ServletStreams on Jetty 12 (ee10) with gzip on; and
 * over HTTP/2, where a client that goes away is released at once.
 */
class JettyStreamEndpointTest extends ServletEndpointContract {
  @Override
  protected StreamEndpoint start(EventHub hub, Consumer<Subscription> onClose) throws Exception {
    return JettyEndpoint.start(hub, onClose);
  }

  @Test
  void overHttp2AClientThatCancelsItsStreamIsReleasedWithoutWaitingForAWrite() throws Exception {
    // No heartbeat for a minute: only what the container reports can release the client.
    start(EventHub.builder().heartbeatInterval(Duration.ofSeconds(60)));
    HttpClient h2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
    // The first request upgrades the connection to h2c; the stream is then an HTTP/2 stream.
    assertThat(
            h2.send(
                    HttpRequest.newBuilder(server.uri("plain")).build(),
                    HttpResponse.BodyHandlers.discarding())
                .version())
        .isEqualTo(HttpClient.Version.HTTP_2);
    StreamClient client = closeAfter(StreamClient.open(h2, server.uri("hub/events"), null));
    assertThat(client.response().version()).isEqualTo(HttpClient.Version.HTTP_2);
    await().atMost(WAIT).until(() -> hub.subscriberCount() == 1);
    long gone = System.nanoTime();
    client.close(); // RST_STREAM
    await().atMost(WAIT).until(() -> closed.size() == 1);
    System.out.printf(
        "vanished client on Jetty over HTTP/2 (h2c), heartbeat 60 s: released after %d ms%n",
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - gone));
    assertThat(closed.peek().closeReason()).isEqualTo(CloseReason.CLIENT_GONE);
  }
}
