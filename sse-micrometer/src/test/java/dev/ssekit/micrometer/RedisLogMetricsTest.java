package dev.ssekit.micrometer;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ssekit.core.ServerSentEvent;
import dev.ssekit.hub.CloseReason;
import dev.ssekit.hub.EventHub;
import dev.ssekit.hub.EventLog;
import dev.ssekit.hub.EventLogUnavailableException;
import dev.ssekit.hub.Subscription;
import dev.ssekit.hub.contract.MemorySink;
import dev.ssekit.redis.RedisEventLog;
import dev.ssekit.redis.RedisServerProcess;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Redis log's figures, from a real registry, a real redis-server and a real outage. */
class RedisLogMetricsTest {
  @RegisterExtension static final RedisServerProcess redis = new RedisServerProcess();

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final Readings read = new Readings(registry);
  private final SseMetrics metrics = SseMetrics.builder(registry).build();
  private final List<AutoCloseable> toClose = new ArrayList<>();
  private EventHub hub;

  @AfterEach
  void close() throws Exception {
    if (hub != null) {
      hub.close();
    }
    for (AutoCloseable c : toClose) {
      c.close();
    }
    registry.close();
  }

  private RedisEventLog log(Duration publishTimeout) {
    RedisEventLog log =
        RedisEventLog.builder(redis.uri()).publishTimeout(publishTimeout).observer(metrics).build();
    toClose.add(log);
    return log;
  }

  private double connected() {
    return read.gauge("ssekit.log.connected");
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
    assertThat(read.count("ssekit.log.append.errors", "maybe_appended", "false"))
        .isEqualTo(failures[0]);
    assertThat(read.count("ssekit.log.append.errors", "maybe_appended", "true"))
        .isEqualTo(failures[1]);
    assertThat(subscription.isOpen()).isTrue(); // open streams stay open

    // Back, empty (no persistence): a reconnect, and the topic's events lost.
    redis.restart();
    Awaits.until(() -> connected() == 1 && read.count("ssekit.log.reconnects") == 1);
    Awaits.until(() -> read.count("ssekit.log.losses") == 1);
    Awaits.until(() -> client.events(EventHub.RESET_EVENT_TYPE).size() == 1);

    // Publishing works again once the publishing connection is back; what fails meanwhile counts.
    Awaits.until(() -> !publishFails(failures));
    // (An append that timed out may have landed too: every event delivered is timed.)
    Awaits.until(() -> client.events("tick").size() >= 6);
    Awaits.untilAsserted(() -> assertThat(delay.count()).isEqualTo(client.events("tick").size()));
    assertThat(
            read.count("ssekit.log.append.errors", "maybe_appended", "false")
                + read.count("ssekit.log.append.errors", "maybe_appended", "true"))
        .isEqualTo(failures[0] + failures[1]);
    assertThat(read.count("ssekit.log.reconnects")).isEqualTo(1);
    assertThat(subscription.isOpen()).isTrue();
  }

  @Test
  void anAppendThatTimesOutIsCountedAsMaybeAppended() throws Exception {
    hub = EventHub.builder().eventLog(log(Duration.ofMillis(500))).observer(metrics).build();
    MemorySink client = new MemorySink();
    hub.subscribe(client, null);
    hub.publish(ServerSentEvent.of("tick", "before"));

    // Redis answers nobody for 2 s: the append is sent, and given up on after 0.5 s.
    var woke = redis.debugSleep(2);
    assertThatThrownBy(() -> hub.publish(ServerSentEvent.of("tick", "during")))
        .isInstanceOfSatisfying(
            EventLogUnavailableException.class, e -> assertThat(e.mayHaveBeenAppended()).isTrue());
    assertThat(woke).isNotDone();
    assertThat(read.count("ssekit.log.append.errors", "maybe_appended", "true")).isEqualTo(1);
    assertThat(read.count("ssekit.log.append.errors", "maybe_appended", "false")).isZero();
    woke.get(20, TimeUnit.SECONDS);
    // It was appended after all, once Redis woke: what the counter's tag warns of.
    Awaits.until(() -> client.events("tick").size() == 2);
    assertThat(read.count("ssekit.log.append.errors", "maybe_appended", "true")).isEqualTo(1);
  }

  @Test
  void theDelayRunsFromTheAppendToEachEntrysDelivery() throws Exception {
    long heldMillis = 100;
    RedisEventLog log = log(Duration.ofSeconds(5));
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    List<String> delivered = new CopyOnWriteArrayList<>();
    log.follow(
        "t",
        new EventLog.Follower() {
          @Override
          public void started(String latestId) {
            started.countDown();
          }

          @Override
          public void event(String id, byte[] frame) {
            delivered.add(id);
            if (delivered.size() == 1) {
              try {
                // The log's reader is held here: the entries behind this one wait.
                release.await(20, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            }
          }

          @Override
          public void lost(String latestId) {}
        });
    assertThat(started.await(20, TimeUnit.SECONDS)).isTrue();
    log.append("t", null, "first".getBytes(UTF_8));
    Awaits.until(() -> delivered.size() == 1);
    log.append("t", null, "second".getBytes(UTF_8));
    long appended = System.currentTimeMillis(); // not before Redis stamped the entry
    // A known delay: the first delivery is held until this much time has passed since the second
    // append. Both entries are then delivered at least that long after their appends.
    Awaits.until(() -> System.currentTimeMillis() >= appended + heldMillis);
    release.countDown();

    Timer delay = registry.get("ssekit.log.delivery.delay").timer();
    Awaits.until(() -> delay.count() == 2);
    assertThat(delivered).hasSize(2);
    assertThat(delay.max(TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(heldMillis);
    assertThat(delay.totalTime(TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(2 * heldMillis);
    assertThat(delay.max(TimeUnit.SECONDS)).isLessThan(20);
  }

  @Test
  void aReplayTheLogFailsToAnswerIsCountedAsFailed() {
    RedisEventLog log = log(Duration.ofSeconds(1));
    hub = EventHub.builder().eventLog(log).observer(metrics).build();
    MemorySink first = new MemorySink();
    hub.subscribe(first, null);
    hub.publish(ServerSentEvent.of("tick", "one"));
    Awaits.until(() -> first.events("tick").size() == 1);

    // Redis is gone: the replay waits for it, and fails when the log is closed.
    redis.kill9();
    try {
      MemorySink resuming = new MemorySink();
      Subscription s = hub.subscribe(resuming, first.lastEventId());
      log.close();
      Awaits.until(() -> read.count("ssekit.replays", "outcome", "failed") == 1);
      assertThat(s.closeReason()).isEqualTo(CloseReason.REPLAY_FAILED);
      assertThat(read.count("ssekit.release", "reason", "replay_failed")).isEqualTo(1);
      assertThat(read.count("ssekit.replays", "outcome", "resumed")).isZero();
      assertThat(read.count("ssekit.replays", "outcome", "reset")).isZero();
      assertThat(resuming.events()).isEmpty();
    } finally {
      redis.restart();
    }
  }

  @Test
  void aClosedLogIsNotConnected() {
    RedisEventLog log = log(Duration.ofSeconds(5));
    assertThat(connected()).isEqualTo(1);
    log.close();
    assertThat(connected()).isZero();
    assertThat(read.count("ssekit.log.reconnects")).isZero();
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
