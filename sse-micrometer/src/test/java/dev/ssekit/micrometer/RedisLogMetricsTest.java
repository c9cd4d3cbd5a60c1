package dev.ssekit.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ssekit.core.ServerSentEvent;
import dev.ssekit.hub.EventHub;
import dev.ssekit.hub.EventLogUnavailableException;
import dev.ssekit.hub.Subscription;
import dev.ssekit.hub.contract.MemorySink;
import dev.ssekit.redis.RedisEventLog;
import dev.ssekit.redis.RedisServerProcess;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Redis log's figures, from a real registry, a real redis-server and a real outage. */
class RedisLogMetricsTest {
  @RegisterExtension static final RedisServerProcess redis = new RedisServerProcess();

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final SseMetrics metrics = SseMetrics.builder(registry).build();
  private EventHub hub;

  @AfterEach
  void close() {
    if (hub != null) {
      hub.close();
    }
    registry.close();
  }

  private double count(String name, String... tags) {
    return registry.get(name).tags(tags).functionCounter().count();
  }

  private double connected() {
    return registry.get("ssekit.log.connected").gauge().value();
  }

  @Test
  void delayFailedAppendsOutagesAndLossesAreCounted() {
    RedisEventLog log =
        RedisEventLog.builder(redis.uri())
            .publishTimeout(Duration.ofSeconds(1))
            .observer(metrics)
            .build();
    hub = EventHub.builder().eventLog(log).observer(metrics).build();
    assertThat(connected()).isEqualTo(1);
    MemorySink client = new MemorySink();
    Subscription subscription = hub.subscribe(client, null);

    for (int i = 0; i < 5; i++) {
      hub.publish(ServerSentEvent.of("tick", "n" + i));
    }
    Awaits.until(() -> client.events("tick").size() == 5);
    Timer delay = registry.get("ssekit.log.delivery.delay").timer();
    Awaits.until(() -> delay.count() == 5);
    assertThat(delay.max(TimeUnit.SECONDS)).isLessThan(10);

    // The outage: publishing fails, each failure counted with what the publisher was told.
    redis.kill9();
    Awaits.until(() -> connected() == 0);
    int[] failures = new int[2]; // [not appended, maybe appended]
    Awaits.until(() -> publishFails(failures));
    assertThat(count("ssekit.log.append.errors", "maybe_appended", "false")).isEqualTo(failures[0]);
    assertThat(count("ssekit.log.append.errors", "maybe_appended", "true")).isEqualTo(failures[1]);
    assertThat(subscription.isOpen()).isTrue(); // open streams stay open

    // Back, empty (no persistence): a reconnect, and the topic's events lost.
    redis.restart();
    Awaits.until(() -> connected() == 1 && count("ssekit.log.reconnects") == 1);
    Awaits.until(() -> count("ssekit.log.losses") == 1);
    Awaits.until(() -> client.events(EventHub.RESET_EVENT_TYPE).size() == 1);

    // Publishing works again once the publishing connection is back; what fails meanwhile counts.
    Awaits.until(() -> !publishFails(failures));
    // (An append that timed out may have landed too: every event delivered is timed.)
    Awaits.until(() -> client.events("tick").size() >= 6);
    Awaits.untilAsserted(() -> assertThat(delay.count()).isEqualTo(client.events("tick").size()));
    assertThat(
            count("ssekit.log.append.errors", "maybe_appended", "false")
                + count("ssekit.log.append.errors", "maybe_appended", "true"))
        .isEqualTo(failures[0] + failures[1]);
    assertThat(count("ssekit.log.reconnects")).isEqualTo(1);
    assertThat(subscription.isOpen()).isTrue();
  }

  /** Publishes one event; true (and counted in {@code failures}) if the log refused it. */
  private boolean publishFails(int[] failures) {
    try {
      hub.publish(ServerSentEvent.of("tick", "after"));
      return false;
    } catch (EventLogUnavailableException e) {
      failures[e.mayHaveBeenAppended() ? 1 : 0]++;
      return true;
    }
  }
}
