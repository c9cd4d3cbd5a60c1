package dev.ssekit.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.ssekit.core.ServerSentEvent;
import dev.ssekit.hub.EventHub;
import dev.ssekit.hub.EventLogUnavailableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two nodes on a {@link RedisEventLog} built from a Sentinel URI, through a real failover: a
 * primary, a replica and one Sentinel, each a redis-server process on loopback; the primary is
 * killed with SIGKILL and the Sentinel promotes the replica.
 */
@Timeout(value = 40, unit = TimeUnit.SECONDS)
class SentinelFailoverTest {
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final String MASTER = "m";
  private static final String TOPIC = "room";

  private final List<AutoCloseable> closeables = new ArrayList<>();
  private RedisServerProcess primary;
  private RedisServerProcess replica;
  private SentinelProcess sentinel;

  @BeforeEach
  void startPrimaryReplicaAndSentinel() {
    primary = closeLater(RedisServerProcess.start());
    replica = closeLater(RedisServerProcess.startReplicaOf(primary));
    // Sentinel learns of the replica from the primary's INFO: only once the replica is linked.
    await()
        .atMost(WAIT)
        .until(() -> replica.run("INFO", "replication").contains("master_link_status:up"));
    sentinel = closeLater(SentinelProcess.start(MASTER, primary));
    await().atMost(WAIT).until(() -> sentinel.knowsReplica(replica));
  }

  @AfterEach
  void closeAll() throws Exception {
    Collections.reverse(closeables); // the hubs first, then the processes
    for (AutoCloseable c : closeables) {
      c.close();
    }
  }

  private <T extends AutoCloseable> T closeLater(T closeable) {
    closeables.add(closeable);
    return closeable;
  }

  private EventHub node() {
    return closeLater(
        EventHub.builder()
            .eventLog(
                RedisEventLog.builder(sentinel.uri()).blockTime(Duration.ofMillis(500)).build())
            .heartbeatInterval(Duration.ofSeconds(5))
            .build()); // the hub closes its log
  }

  private static TestSink subscribe(EventHub hub, String lastEventId) {
    TestSink sink = new TestSink();
    hub.topic(TOPIC).subscribe(sink, lastEventId);
    return sink;
  }

  /** Publishes {@code n} events, alternately on {@code a} and {@code b}; returns their ids. */
  private static List<String> publish(int n, String data, EventHub a, EventHub b) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ids.add(publishWhenUp(i % 2 == 0 ? a : b, data + i));
    }
    return ids;
  }

  /** Publishes once Redis takes it, retrying only while the event is known not to be appended. */
  private static String publishWhenUp(EventHub hub, String data) {
    return await()
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(20))
        .ignoreExceptionsMatching(
            e -> e instanceof EventLogUnavailableException u && !u.mayHaveBeenAppended())
        .until(() -> hub.topic(TOPIC).publish(event(data)), id -> true);
  }

  private static ServerSentEvent event(String data) {
    return ServerSentEvent.builder().type("note").data(data).build();
  }

  private static void awaitReceived(String id, TestSink... sinks) {
    for (TestSink s : sinks) {
      await().atMost(WAIT).until(() -> s.ids().contains(id));
    }
  }

  /** Waits until the replica has applied everything the primary has taken so far. */
  private void awaitReplicaCaughtUp() {
    long offset = primary.replicationOffset();
    await().atMost(WAIT).until(() -> replica.replicationOffset() >= offset);
  }

  /**
   * Kills the primary and checks that both nodes then fail to publish, at once and known not to
   * have appended, while the Sentinel still names the dead primary.
   */
  private void killPrimaryAndAssertPublishingFails(EventHub a, EventHub b) {
    int dead = primary.port();
    primary.kill9();
    // A publish sent before a node saw the connection drop may time out instead; the next fails.
    for (EventHub hub : List.of(a, b)) {
      await()
          .atMost(WAIT)
          .untilAsserted(
              () ->
                  assertThatThrownBy(() -> hub.topic(TOPIC).publish(event("down")))
                      .isInstanceOfSatisfying(
                          EventLogUnavailableException.class,
                          e -> assertThat(e.mayHaveBeenAppended()).isFalse()));
    }
    // asked after the failures: the Sentinel had not promoted anyone when they happened
    assertThat(sentinel.primaryPort()).isEqualTo(dead);
  }

  private void awaitPromotion() {
    await().atMost(WAIT).until(() -> sentinel.primaryPort() == replica.port());
    assertThat(replica.run("ROLE")).startsWith("master");
  }

  @Test
  void aReplicaThatHadEverythingTakesOverWithNoLossNoDuplicateAndNoReset() {
    EventHub a = node();
    EventHub b = node();
    TestSink sa = subscribe(a, null);
    TestSink sb = subscribe(b, null);
    List<String> published = new ArrayList<>(publish(10, "before", a, b));
    awaitReceived(published.get(9), sa, sb);
    awaitReplicaCaughtUp();

    killPrimaryAndAssertPublishingFails(a, b);
    awaitPromotion();
    published.addAll(publish(10, "after", a, b)); // the same hubs: they reconnect by themselves
    awaitReceived(published.get(19), sa, sb);

    for (TestSink s : List.of(sa, sb)) {
      assertThat(s.ids()).isEqualTo(published);
      assertThat(s.resets()).isZero();
    }
    assertThat(sa.data().subList(8, 12)).containsExactly("before8", "before9", "after0", "after1");
    // an id given out before the failover is still known: a client resumes from it exactly
    TestSink resumed = subscribe(b, published.get(4));
    awaitReceived(published.get(19), resumed);
    assertThat(resumed.ids()).isEqualTo(published.subList(5, 20));
    assertThat(resumed.resets()).isZero();
  }

  @Test
  void eventsTheReplicaNeverGotAreLostAndEveryNodeSendsTheResetEventInsteadOfAGap() {
    EventHub a = node();
    EventHub b = node();
    TestSink sa = subscribe(a, null);
    TestSink sb = subscribe(b, null);
    List<String> kept = publish(5, "kept", a, b);
    awaitReceived(kept.get(4), sa, sb);
    awaitReplicaCaughtUp();
    // As a partition would: the replica keeps its data and its role but follows a primary it
    // cannot reach, so what the real primary takes from now on never reaches it.
    replica.run("REPLICAOF", "127.0.0.1", Integer.toString(RedisServerProcess.freePort()));
    List<String> lost = publish(5, "lost", a, b);
    awaitReceived(lost.get(4), sa, sb); // delivered live before the failover
    assertThat(replica.run("XLEN", RedisEventLog.DEFAULT_KEY_PREFIX + "topic:" + TOPIC))
        .isEqualTo("5");

    killPrimaryAndAssertPublishingFails(a, b);
    awaitPromotion();
    List<String> after = publish(5, "after", a, b);
    awaitReceived(after.get(4), sa, sb);

    List<String> delivered = new ArrayList<>(kept);
    delivered.addAll(lost);
    delivered.addAll(after);
    for (TestSink s : List.of(sa, sb)) {
      assertThat(s.ids()).isEqualTo(delivered);
      assertThat(s.resets()).isOne();
      ServerSentEvent reset = s.events().get(10); // right before the first event after the loss
      assertThat(reset.type()).isEqualTo(EventHub.RESET_EVENT_TYPE);
      assertThat(reset.data()).isEqualTo(lost.get(4));
    }
    // a client that resumes from a lost id gets the reset event, never a silent gap
    TestSink fromLost = subscribe(b, lost.get(2));
    await().atMost(WAIT).until(() -> fromLost.resets() == 1);
    assertThat(fromLost.ids()).isEmpty();
  }
}
