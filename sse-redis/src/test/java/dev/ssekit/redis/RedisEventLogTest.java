package dev.ssekit.redis;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.ssekit.hub.EventLog;
import dev.ssekit.hub.EventLog.Replay;
import dev.ssekit.hub.EventLogUnavailableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The log through the hub's SPI, with a follower that records what it is handed. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RedisEventLogTest {
  @RegisterExtension static final RedisServerProcess redis = new RedisServerProcess();

  private static final Duration WAIT = Duration.ofSeconds(15);

  private final List<RedisEventLog> logs = new ArrayList<>();

  @BeforeEach
  void empty() {
    redis.runningAndEmpty();
  }

  @AfterEach
  void closeAll() {
    logs.forEach(RedisEventLog::close);
  }

  private RedisEventLog log() {
    RedisEventLog log =
        RedisEventLog.builder(redis.uri())
            .keyPrefix("spi:")
            .blockTime(Duration.ofMillis(500))
            .build();
    logs.add(log);
    return log;
  }

  /** Records frames, as the hub's follower would receive them. */
  static final class Frames implements EventLog.Follower {
    final List<String> calls = new ArrayList<>();
    final List<String> frames = new ArrayList<>();
    volatile boolean started;

    @Override
    public synchronized void started(String latestId) {
      calls.add("started " + latestId);
      started = true;
    }

    @Override
    public synchronized void event(String id, byte[] frame) {
      calls.add("event " + id);
      frames.add(new String(frame, UTF_8));
    }

    @Override
    public synchronized void lost(String latestId) {
      calls.add("lost " + latestId);
    }

    synchronized List<String> frames() {
      return List.copyOf(frames);
    }

    synchronized List<String> calls() {
      return List.copyOf(calls);
    }
  }

  private static byte[] body(String data) {
    return ("event: note\ndata: " + data + "\n\n").getBytes(UTF_8);
  }

  @Test
  void followersAreHandedFramesWithTheLogsIds() throws Exception {
    RedisEventLog a = log();
    RedisEventLog b = log();
    Frames f = new Frames();
    b.follow("t", f);
    assertThat(f.started).isTrue(); // Redis answered before follow returned
    String id1 = a.append("t", null, body("one"));
    String id2 = b.append("t", null, body("two"));
    await().atMost(WAIT).until(() -> f.frames().size() == 2);
    assertThat(f.calls()).containsExactly("started null", "event " + id1, "event " + id2);
    assertThat(f.frames())
        .containsExactly(
            "id: " + id1 + "\nevent: note\ndata: one\n\n",
            "id: " + id2 + "\nevent: note\ndata: two\n\n");
    for (String id : List.of(id1, id2)) {
      assertThat(id).matches("[\\x21-\\x7e]{1,64}");
    }

    Replay r = a.replay("t", id1, id2).toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertThat(r.isKnown()).isTrue();
    assertThat(r.frames()).hasSize(1);
    assertThat(new String(r.frames().get(0), UTF_8))
        .isEqualTo("id: " + id2 + "\nevent: note\ndata: two\n\n");
    r = a.replay("t", id2, id1).toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertThat(r.isKnown()).isTrue();
    assertThat(r.aheadId()).isEqualTo(id2);
    assertThat(r.frames()).isEmpty();
    assertThat(a.replay("t", "42", id2).toCompletableFuture().get(10, TimeUnit.SECONDS).isKnown())
        .isFalse();

    // unfollowed: nothing more is handed over
    b.unfollow("t", f);
    Frames g = new Frames();
    b.follow("u", g);
    assertThat(g.started).isTrue();
    a.append("t", null, body("three"));
    a.append("u", null, body("marker"));
    await().atMost(WAIT).until(() -> g.frames().size() == 1);
    assertThat(f.frames()).hasSize(2);
  }

  @Test
  void anEventsOwnIdIsRefused() {
    RedisEventLog a = log();
    assertThatThrownBy(() -> a.append("t", "order-7", body("x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("a Redis log assigns ids")
        .hasMessageContaining("@SseId");
  }

  @Test
  void aReplayAskedWhileRedisIsDownAnswersWhenItReturnsOrIsCancelled() throws Exception {
    RedisEventLog a = log();
    String id1 = a.append("t", null, body("one"));
    String id2 = a.append("t", null, body("two"));
    redis.terminate(); // SIGTERM, no persistence: the data is gone when it comes back
    CompletableFuture<Replay> waiting = a.replay("t", id1, id2).toCompletableFuture();
    CompletableFuture<Replay> cancelled = a.replay("t", id1, id2).toCompletableFuture();
    cancelled.cancel(false);
    assertThat(waiting).isNotDone();
    redis.restart();
    Replay r = waiting.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertThat(r.isKnown()).isFalse(); // lost with the restart
  }

  @Test
  void appendDuringDebugSleepTimesOutAndMayHaveBeenAppended() throws Exception {
    RedisEventLog a =
        RedisEventLog.builder(redis.uri())
            .keyPrefix("spi:")
            .publishTimeout(Duration.ofSeconds(1))
            .build();
    logs.add(a);
    a.append("t", null, body("warm"));
    var woke = redis.debugSleep(3);
    long start = System.nanoTime();
    assertThatThrownBy(() -> a.append("t", null, body("slow")))
        .isInstanceOfSatisfying(
            EventLogUnavailableException.class, e -> assertThat(e.mayHaveBeenAppended()).isTrue());
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofMillis(900)); // the publish timeout, 1 s
    assertThat(woke).isNotDone(); // it gave up before Redis woke up
    woke.get(10, TimeUnit.SECONDS);
  }

  @Test
  void closingTheLogEndsTheReplaysThatWaitForRedis() throws Exception {
    RedisEventLog a = log();
    String id1 = a.append("t", null, body("one"));
    redis.kill9();
    CompletableFuture<Replay> waiting = a.replay("t", id1, id1).toCompletableFuture();
    assertThat(waiting).isNotDone();
    a.close();
    assertThatThrownBy(() -> waiting.get(5, TimeUnit.SECONDS))
        .hasCauseInstanceOf(EventLogUnavailableException.class);
  }

  @Test
  void aFollowerThatThrowsDoesNotStopTheOthers() {
    RedisEventLog a = log();
    EventLog.Follower throwing =
        new EventLog.Follower() {
          @Override
          public void started(String latestId) {}

          @Override
          public void event(String id, byte[] frame) {
            throw new IllegalStateException("a bug in a follower");
          }

          @Override
          public void lost(String latestId) {}
        };
    Frames f = new Frames();
    a.follow("bad", throwing);
    a.follow("good", f);
    assertThat(f.started).isTrue();
    a.append("bad", null, body("x"));
    String id = a.append("good", null, body("y"));
    await().atMost(WAIT).until(() -> f.calls().contains("event " + id));
  }

  /** Collects what the log logs, through java.util.logging (System.Logger's default). */
  static final class LogRecords extends Handler implements AutoCloseable {
    private final Logger logger = Logger.getLogger("dev.ssekit.redis.RedisEventLog");
    private final List<LogRecord> records = new ArrayList<>();

    LogRecords() {
      logger.addHandler(this);
    }

    @Override
    public synchronized void publish(LogRecord r) {
      records.add(r);
    }

    /** The formatted messages at {@code level}. */
    synchronized List<String> at(java.util.logging.Level level) {
      List<String> out = new ArrayList<>();
      for (LogRecord r : records) {
        if (r.getLevel().equals(level)) {
          out.add(new SimpleFormatter().formatMessage(r));
        }
      }
      return out;
    }

    @Override
    public void flush() {}

    @Override
    public void close() {
      logger.removeHandler(this);
    }
  }

  @Test
  void aLogBuiltWhileRedisIsDownSaysSoAndOneOutageLogsOneWarning() {
    try (LogRecords logged = new LogRecords()) {
      redis.kill9();
      RedisEventLog a = log();
      assertThat(logged.at(java.util.logging.Level.WARNING))
          .singleElement()
          .asString()
          .contains("unreachable at start", "EventLogUnavailableException");
      Frames f = new Frames();
      a.follow("t", f);
      redis.restart();
      await().atMost(WAIT).until(() -> f.started);
      await()
          .atMost(WAIT)
          .until(
              () ->
                  logged.at(java.util.logging.Level.INFO).stream()
                      .anyMatch(m -> m.contains("reachable again")));

      redis.kill9(); // one outage, however many reconnection attempts
      await().atMost(WAIT).until(() -> logged.at(java.util.logging.Level.WARNING).size() == 2);
      long since = System.nanoTime();
      await()
          .atMost(WAIT)
          .until(() -> System.nanoTime() - since > TimeUnit.MILLISECONDS.toNanos(1500));
      assertThat(logged.at(java.util.logging.Level.WARNING)).hasSize(2);
      assertThat(logged.at(java.util.logging.Level.WARNING).get(1))
          .contains("open streams stay open");
      redis.restart();
      await()
          .atMost(WAIT)
          .until(
              () ->
                  logged.at(java.util.logging.Level.INFO).stream()
                          .filter(m -> m.contains("reachable again"))
                          .count()
                      == 2);
    }
  }

  @Test
  void closeIsPromptAndPublishingAfterItFails() {
    RedisEventLog a = log();
    Frames f = new Frames();
    a.follow("t", f);
    assertThat(f.started).isTrue();
    long start = System.nanoTime();
    a.close();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    assertThatThrownBy(() -> a.append("t", null, body("x")))
        .isInstanceOf(EventLogUnavailableException.class);
  }

  @Test
  void builderChecksItsArguments() {
    assertThatThrownBy(() -> RedisEventLog.builder("http://nope"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RedisEventLog.builder(redis.uri()).window(0, Duration.ofMinutes(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RedisEventLog.builder(redis.uri()).window(10, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> RedisEventLog.builder(redis.uri()).publishTimeout(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
