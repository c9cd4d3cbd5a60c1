package dev.ssekit.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ssekit.core.ServerSentEvent;
import dev.ssekit.hub.EventHub;
import dev.ssekit.hub.contract.StreamClient;
import dev.ssekit.hub.contract.StreamEndpointContract;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The shared behaviour, and what a Servlet container adds: every endpoint here runs with the
 * container's default async timeout cut to {@value #CONTAINER_ASYNC_TIMEOUT_MILLIS} ms (Jetty's and
 * Tomcat's is 30 s), so that any stream that kept it would end during the tests.
 */
abstract class ServletEndpointContract extends StreamEndpointContract {
  /** The containers' default async timeout in these tests; see the module's pom for Jetty's. */
  static final long CONTAINER_ASYNC_TIMEOUT_MILLIS = 1000;

  /** Heartbeats so rare that they cannot be what releases a vanished client here. */
  private static final Duration NO_HEARTBEAT = Duration.ofSeconds(60);

  @Test
  void aStreamOutlivesTheContainersDefaultAsyncTimeout() throws Exception {
    start(EventHub.builder().heartbeatInterval(NO_HEARTBEAT));
    StreamClient client = connect(null);
    await().atMost(WAIT).until(() -> hub.subscriberCount() == 1);
    hub.publish(ServerSentEvent.of("before"));
    await().atMost(WAIT).until(() -> client.eventCount() == 1);
    // Idle for three times the container's default: the stream stays open all along.
    await()
        .during(Duration.ofMillis(3 * CONTAINER_ASYNC_TIMEOUT_MILLIS))
        .atMost(Duration.ofMillis(3 * CONTAINER_ASYNC_TIMEOUT_MILLIS).plus(WAIT))
        .until(() -> hub.subscriberCount() == 1 && !client.ended());
    hub.publish(ServerSentEvent.of("after"));
    await().atMost(WAIT).until(() -> client.eventCount() == 2);
    assertThat(data(client)).containsExactly("before", "after");
    assertThat(closed).isEmpty();
  }
}
