package dev.ssekit.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A program whose sources are all closed holds no thread of the client's: {@code exec:java} would
 * otherwise wait for it, and a web application would keep its class loader after an undeploy.
 *
 * <p>The timer is the JVM's, shared with every other test class's sources, so this class runs in a
 * JVM of its own (sse-client's pom).
 */
@Timeout(60)
class ClientThreadsTest {
  private static final String TIMER = "ssekit-client-timer";

  @AutoClose private RawServer server;

  @Test
  void theSharedTimerEndsOnceTheLastSourceIsClosed() throws Exception {
    server =
        new RawServer(
            x -> {
              x.sseHead().write("data: one\n\n");
              x.awaitClientClose(Duration.ofSeconds(20));
            });
    Recorder r = new Recorder();
    EventSource source =
        r.attach(EventSource.builder(server.uri("/")).idleTimeout(Duration.ofSeconds(30)).build())
            .connect();
    assertThat(r.nextEvent().data()).isEqualTo("one");
    assertThat(timerThreads()).as("the idle timeout is armed on the shared timer").isNotEmpty();

    source.close();

    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> assertThat(timerThreads()).as("live %s threads", TIMER).isEmpty());
  }

  private static List<Thread> timerThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().equals(TIMER) && t.isAlive())
        .toList();
  }
}
