package dev.ssekit.redis;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.ssekit.redis.internal.RedisStreams;
import dev.ssekit.redis.internal.RedisStreams.ReplayAnswer;
import io.lettuce.core.RedisURI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The engine under the log, on a real redis-server: appends, following, replay. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RedisStreamsTest {
  @RegisterExtension static final RedisServerProcess redis = new RedisServerProcess();

  private static final Duration WAIT = Duration.ofSeconds(15);

  /** What append throws in these tests. */
  static final class Unavailable extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final boolean mayHaveBeenAppended;

    Unavailable(String message, boolean mayHaveBeenAppended, Throwable cause) {
      super(message, cause);
      this.mayHaveBeenAppended = mayHaveBeenAppended;
    }
  }

  private final List<RedisStreams> engines = new ArrayList<>();

  @BeforeEach
  void empty() {
    redis.runningAndEmpty();
  }

  @AfterEach
  void closeAll() {
    engines.forEach(RedisStreams::close);
  }

  private RedisStreams engine(int maxEvents, Duration maxAge) {
    return engine(maxEvents, maxAge, Duration.ofMillis(500));
  }

  private RedisStreams engine(int maxEvents, Duration maxAge, Duration blockTime) {
    RedisStreams engine =
        new RedisStreams(
            new RedisStreams.Settings(
                RedisURI.create(redis.uri()),
                "t:",
                maxEvents,
                maxAge,
                Duration.ofSeconds(2),
                blockTime),
            Unavailable::new,
            null);
    engines.add(engine);
    return engine;
  }

  private RedisStreams engine() {
    return engine(1000, Duration.ofMinutes(5));
  }

  private static byte[] body(String s) {
    return ("data: " + s + "\n\n").getBytes(UTF_8);
  }

  /** Follows {@code topic}; Redis answers, so the follower is started when follow returns. */
  private static RecordingFollower follow(RedisStreams engine, String topic) {
    RecordingFollower f = new RecordingFollower();
    engine.follow(topic, f);
    assertThat(f.calls()).singleElement().asString().startsWith("started ");
    return f;
  }

  @Test
  void everyNodeSeesTheSameEventsInTheSameOrderWithTheSameIds() {
    RedisStreams a = engine();
    RedisStreams b = engine();
    RedisStreams c = engine();
    RedisStreams worker = engine();
    RecordingFollower fa = follow(a, "room");
    RecordingFollower fb = follow(b, "room");
    RecordingFollower fc = follow(c, "room");
    assertThat(fa.startedWith()).isNull();

    List<String> published = new ArrayList<>();
    RedisStreams[] publishers = {a, b, c, worker};
    for (int i = 0; i < 40; i++) {
      published.add(publishers[i % 4].append("room", body("n" + i)));
    }
    await().atMost(WAIT).until(() -> fc.ids().size() == 40 && fa.ids().size() == 40);
    await().atMost(WAIT).until(() -> fb.ids().size() == 40);
    assertThat(fa.ids()).isEqualTo(published);
    assertThat(fb.ids()).isEqualTo(published);
    assertThat(fc.ids()).isEqualTo(published);
    assertThat(fa.bodies().get(7)).isEqualTo("data: n7\n\n");
    for (String id : published) {
      assertThat(id).matches("[0-9a-z]{8}_[0-9]+-[0-9]+");
      assertThat(id.getBytes(UTF_8)).hasSizeLessThanOrEqualTo(64);
    }
    // another topic is independent, and a late follower starts at the latest id
    RecordingFollower late = follow(c, "room");
    assertThat(late.startedWith()).isEqualTo(published.get(39));
    String other = a.append("other", body("x"));
    assertThat(other.substring(0, 8)).isNotEqualTo(published.get(0).substring(0, 8));
  }

  @Test
  void replayGivesWhatFollowsAnIdUpToTheFollowersLatest() throws Exception {
    RedisStreams a = engine();
    RedisStreams b = engine();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 1200; i++) {
      ids.add(a.append("t", body("n" + i)));
    }
    ReplayAnswer r = b.replay("t", ids.get(400), ids.get(1199)).get(10, TimeUnit.SECONDS);
    assertThat(r.kind).isEqualTo(ReplayAnswer.Kind.KNOWN);
    assertThat(r.ids).isEqualTo(ids.subList(401, 1200)); // two pages
    assertThat(new String(r.bodies.get(0), UTF_8)).isEqualTo("data: n401\n\n");

    r = b.replay("t", ids.get(1000), ids.get(1100)).get(10, TimeUnit.SECONDS);
    assertThat(r.ids).isEqualTo(ids.subList(1001, 1101));
    r = b.replay("t", ids.get(1199), ids.get(1199)).get(10, TimeUnit.SECONDS);
    assertThat(r.kind).isEqualTo(ReplayAnswer.Kind.KNOWN);
    assertThat(r.ids).isEmpty();
    // newer than the follower's latest: the client saw it on another node
    r = b.replay("t", ids.get(1150), ids.get(1100)).get(10, TimeUnit.SECONDS);
    assertThat(r.kind).isEqualTo(ReplayAnswer.Kind.AHEAD);
    r = b.replay("t", ids.get(1150), null).get(10, TimeUnit.SECONDS);
    assertThat(r.kind).isEqualTo(ReplayAnswer.Kind.AHEAD);
    // outside the window (1000 kept, trimmed in whole nodes): unknown
    r = b.replay("t", ids.get(0), ids.get(1199)).get(10, TimeUnit.SECONDS);
    assertThat(r.kind).isEqualTo(ReplayAnswer.Kind.UNKNOWN);
    // never given out, malformed, another topic's: unknown
    for (String bad :
        List.of(
            "nonsense",
            "",
            ids.get(5).substring(0, 8) + "_1-1",
            "zzzzzzzz" + ids.get(1100).substring(8),
            ids.get(1100) + "0",
            ids.get(1100).replace("_", "_0"),
            ids.get(1100).replace("-", "-0"))) {
      assertThat(b.replay("t", bad, ids.get(1199)).get(10, TimeUnit.SECONDS).kind)
          .as(bad)
          .isEqualTo(ReplayAnswer.Kind.UNKNOWN);
    }
    assertThat(b.replay("other", ids.get(1100), null).get(10, TimeUnit.SECONDS).kind)
        .isEqualTo(ReplayAnswer.Kind.UNKNOWN);
  }

  @Test
  void aHerdOfReplaysIsAnsweredInFullOnItsOwnConnectionWhileAppendsGoOn() throws Exception {
    RedisStreams a = engine();
    RedisStreams b = engine();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 1200; i++) {
      ids.add(a.append("t", body("n" + i)));
    }
    // More replays than go to Redis at once, some of two pages, as when a node's clients all
    // reconnect to this one.
    List<CompletableFuture<ReplayAnswer>> herd = new ArrayList<>();
    for (int i = 0; i < 120; i++) {
      herd.add(b.replay("t", ids.get(200 + 8 * i), ids.get(1199)));
    }
    // The replays' connection goes away under them: they retry, and appends never notice.
    CompletableFuture.anyOf(herd.toArray(new CompletableFuture<?>[0]))
        .get(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertThat(redis.clientKillByName(RedisStreams.REPLAY_CLIENT_NAME)).isPositive();
    for (int i = 0; i < 20; i++) {
      b.append("t", body("after" + i));
    }
    for (int i = 0; i < herd.size(); i++) {
      ReplayAnswer r = herd.get(i).get(WAIT.toSeconds(), TimeUnit.SECONDS);
      assertThat(r.kind).isEqualTo(ReplayAnswer.Kind.KNOWN);
      assertThat(r.ids).as("replay %d", i).isEqualTo(ids.subList(201 + 8 * i, 1200));
    }
  }

  @Test
  void anIdThisNodeHandedOverIsNotAheadOfAFollowerWithoutALatestId() throws Exception {
    RedisStreams a = engine();
    RecordingFollower f = follow(a, "t");
    String id = a.append("t", body("x"));
    await().atMost(WAIT).until(() -> f.ids().contains(id));
    // null: the hub's follower had no id (a loss had just been told): the event can't come again
    assertThat(a.replay("t", id, null).get(10, TimeUnit.SECONDS).kind)
        .isEqualTo(ReplayAnswer.Kind.UNKNOWN);
    assertThat(a.replay("t", id, id).get(10, TimeUnit.SECONDS).kind)
        .isEqualTo(ReplayAnswer.Kind.KNOWN);
    // a node that has not handed it over: the client is ahead of it
    RedisStreams b = engine();
    assertThat(b.replay("t", id, null).get(10, TimeUnit.SECONDS).kind)
        .isEqualTo(ReplayAnswer.Kind.AHEAD);
  }

  @Test
  void anIdOlderThanMaxAgeIsUnknownUnlessItIsTheNewest() throws Exception {
    RedisStreams a = engine(1000, Duration.ofMillis(300));
    String first = a.append("t", body("1"));
    String second = a.append("t", body("2"));
    long since = System.nanoTime();
    await()
        .atMost(WAIT)
        .until(() -> System.nanoTime() - since > TimeUnit.MILLISECONDS.toNanos(400));
    assertThat(a.replay("t", first, second).get(10, TimeUnit.SECONDS).kind)
        .isEqualTo(ReplayAnswer.Kind.UNKNOWN);
    ReplayAnswer newest = a.replay("t", second, second).get(10, TimeUnit.SECONDS);
    assertThat(newest.kind).isEqualTo(ReplayAnswer.Kind.KNOWN);
    assertThat(newest.ids).isEmpty();
    String third = a.append("t", body("3"));
    assertThat(a.replay("t", second, third).get(10, TimeUnit.SECONDS).kind)
        .isEqualTo(ReplayAnswer.Kind.UNKNOWN);
  }

  @Test
  void redisTrimsTheStreamByCountAndByAge() {
    RedisStreams a = engine(50, Duration.ofMillis(300));
    for (int i = 0; i < 1000; i++) {
      a.append("count", body("n" + i));
    }
    // MAXLEN ~ 50: whole blocks of up to 100 entries go, at least 50 stay
    assertThat(Long.parseLong(redis.run("XLEN", "t:topic:count"))).isBetween(50L, 150L);

    RedisStreams b = engine(100_000, Duration.ofMillis(300));
    for (int i = 0; i < 250; i++) {
      b.append("age", body("n" + i));
    }
    long since = System.nanoTime();
    await()
        .atMost(WAIT)
        .until(() -> System.nanoTime() - since > TimeUnit.MILLISECONDS.toNanos(400));
    b.append("age", body("new"));
    // MINID ~ now - 300 ms: the full blocks of old entries go
    assertThat(Long.parseLong(redis.run("XLEN", "t:topic:age"))).isLessThanOrEqualTo(100L);
  }

  @Test
  void flushAllIsALossThatFollowersAreToldAbout() throws Exception {
    RedisStreams a = engine();
    RedisStreams b = engine();
    RecordingFollower fb = follow(b, "t");
    String old = a.append("t", body("old"));
    await().atMost(WAIT).until(() -> fb.ids().size() == 1);

    redis.flushAll();
    await().atMost(WAIT).until(() -> fb.lostCount() == 1);
    assertThat(fb.calls()).containsExactly("started null", "event " + old, "lost " + old);
    String fresh = a.append("t", body("new"));
    assertThat(Ids(fresh)).isNotEqualTo(Ids(old));
    await().atMost(WAIT).until(() -> fb.ids().size() == 2);
    assertThat(fb.ids()).containsExactly(old, fresh);
    assertThat(a.replay("t", old, fresh).get(10, TimeUnit.SECONDS).kind)
        .isEqualTo(ReplayAnswer.Kind.UNKNOWN);
    assertThat(fb.lostCount()).isEqualTo(1);
  }

  @Test
  void aFailoverThatLostTheNewestEntriesIsToldAtTheNextEvent() throws Exception {
    RedisStreams a = engine();
    RedisStreams b = engine();
    RecordingFollower fb = follow(b, "t");
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      ids.add(a.append("t", body("n" + i)));
    }
    // What a replica that lags by two entries holds: the keys as they are now.
    io.lettuce.core.RedisClient client = io.lettuce.core.RedisClient.create(redis.uri());
    try (var c = client.connect(io.lettuce.core.codec.ByteArrayCodec.INSTANCE)) {
      byte[] stream = "t:topic:t".getBytes(UTF_8);
      byte[] replica = c.sync().dump(stream);
      ids.add(a.append("t", body("n3")));
      ids.add(a.append("t", body("n4")));
      await().atMost(WAIT).until(() -> fb.ids().size() == 5);
      // the failover: the stream and its numbering go back
      c.sync().restore(stream, replica, io.lettuce.core.RestoreArgs.Builder.ttl(0).replace());
      c.sync().set("t:seq:t".getBytes(UTF_8), "3".getBytes(UTF_8));
    } finally {
      client.shutdown();
    }
    long since = System.nanoTime(); // a later millisecond: the next id follows the lost ones
    await().atMost(WAIT).until(() -> System.nanoTime() - since > TimeUnit.MILLISECONDS.toNanos(5));
    String next = a.append("t", body("after"));
    await().atMost(WAIT).until(() -> fb.ids().contains(next));
    assertThat(fb.calls().subList(6, 8)).containsExactly("lost " + ids.get(4), "event " + next);
    // a client holding a lost id gets the reset signal; one holding a kept id resumes
    assertThat(a.replay("t", ids.get(4), next).get(10, TimeUnit.SECONDS).kind)
        .isEqualTo(ReplayAnswer.Kind.UNKNOWN);
    ReplayAnswer kept = a.replay("t", ids.get(2), next).get(10, TimeUnit.SECONDS);
    assertThat(kept.ids).containsExactly(next);
  }

  @Test
  void aLossSeenInTheEntriesBeforeTheCheckRereadsTheNewStreamFromItsStart() throws Exception {
    RedisStreams a = engine();
    RedisStreams b = engine();
    RecordingFollower fb = follow(b, "t");
    String old = a.append("t", body("old"));
    await().atMost(WAIT).until(() -> fb.ids().size() == 1);
    redis.flushAll();
    List<String> fresh = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      fresh.add(a.append("t", body("n" + i)));
    }
    await().atMost(WAIT).until(() -> fb.ids().size() == 21);
    assertThat(fb.lostCount()).isEqualTo(1);
    List<String> expected = new ArrayList<>(List.of(old));
    expected.addAll(fresh);
    assertThat(fb.ids()).isEqualTo(expected);
  }

  private static String Ids(String id) {
    return id.substring(0, id.indexOf('_'));
  }

  @Test
  void whileRedisIsDownAppendFailsFastAndFollowingResumesAfterARestart() {
    RedisStreams a = engine();
    RedisStreams b = engine();
    RecordingFollower fb = follow(b, "t");
    String before = a.append("t", body("before"));
    await().atMost(WAIT).until(() -> fb.ids().size() == 1);

    redis.kill9();
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              long start = System.nanoTime();
              assertThatThrownBy(() -> a.append("t", body("during")))
                  .isInstanceOfSatisfying(
                      Unavailable.class, e -> assertThat(e.mayHaveBeenAppended).isFalse());
              assertThat(Duration.ofNanos(System.nanoTime() - start))
                  .isLessThan(Duration.ofMillis(500));
            });

    redis.restart();
    await().atMost(WAIT).until(() -> fb.lostCount() == 1); // no persistence: the stream is gone
    String after =
        await()
            .atMost(WAIT)
            .ignoreExceptions()
            .until(() -> a.append("t", body("after")), id -> true);
    await().atMost(WAIT).until(() -> fb.ids().size() == 2);
    assertThat(fb.ids()).containsExactly(before, after);
  }

  @Test
  void aLogBuiltWhileRedisIsDownWorksOnceItStarts() {
    redis.kill9();
    RedisStreams a = engine();
    RecordingFollower fa = new RecordingFollower();
    a.follow("t", fa);
    assertThatThrownBy(() -> a.append("t", body("x")))
        .isInstanceOfSatisfying(
            Unavailable.class, e -> assertThat(e.mayHaveBeenAppended).isFalse());
    assertThat(fa.isStarted()).isFalse();

    redis.restart();
    await().atMost(WAIT).until(fa::isStarted);
    String id =
        await().atMost(WAIT).ignoreExceptions().until(() -> a.append("t", body("x")), x -> true);
    await().atMost(WAIT).until(() -> fa.ids().size() == 1);
    assertThat(fa.ids()).containsExactly(id);
  }

  @Test
  void followStartsBeforeItReturnsSoAnEventAppendedRightAfterIsHandedOver() {
    RedisStreams a = engine();
    RedisStreams b = engine();
    String before = a.append("t0", body("before"));
    List<RecordingFollower> followers = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      RecordingFollower f = follow(a, "t" + i); // started when it returns
      ids.add((i % 2 == 0 ? a : b).append("t" + i, body("at once"))); // this node or another
      followers.add(f);
    }
    assertThat(followers.get(0).startedWith()).isEqualTo(before);
    await().atMost(WAIT).until(() -> followers.stream().allMatch(f -> f.ids().size() == 1));
    for (int i = 0; i < followers.size(); i++) {
      assertThat(followers.get(i).calls()).hasSize(2).last().isEqualTo("event " + ids.get(i));
    }
  }

  @Test
  void anAppendFindsAPendingStartItselfAndTheReaderDoesNotStartItAgain() throws Exception {
    RedisStreams a = engine();
    // The reader is held in another topic's follower: only the append can find the start.
    java.util.concurrent.CountDownLatch inEvent = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    a.follow(
        "busy",
        new RedisStreams.TopicFollower() {
          @Override
          public void started(String latestId) {}

          @Override
          public void event(String id, byte[] body) {
            inEvent.countDown();
            try {
              release.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }

          @Override
          public void lost(String latestId) {}
        });
    a.append("busy", body("hold"));
    assertThat(inEvent.await(10, TimeUnit.SECONDS)).isTrue();
    try {
      // Redis stalls longer than the publish timeout (2 s): follow gives up and leaves it pending.
      var woke = redis.debugSleep(3);
      RecordingFollower f = new RecordingFollower();
      a.follow("t", f);
      assertThat(f.isStarted()).isFalse();
      woke.get(10, TimeUnit.SECONDS);

      String id = a.append("t", body("x"));
      assertThat(f.calls()).containsExactly("started null"); // before the event was appended
      release.countDown(); // the reader takes the topic on where the append found it
      await().atMost(WAIT).until(() -> f.ids().contains(id));
      assertThat(f.calls()).containsExactly("started null", "event " + id);
    } finally {
      release.countDown();
    }
  }

  @Test
  void theReaderAndAppendsRacingForPendingStartsStartEachFollowerOnce() throws Exception {
    redis.kill9();
    RedisStreams a = engine();
    int topics = 60;
    List<RecordingFollower> followers = new ArrayList<>();
    for (int i = 0; i < topics; i++) {
      RecordingFollower f = new RecordingFollower();
      a.follow("t" + i, f); // pending: no connection
      followers.add(f);
    }
    redis.restart();
    // Four publishers append to every topic as soon as Redis takes it, while the reader, once it
    // reconnects, finds all the pending starts in one call: each start is found by one of them.
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(4);
    List<java.util.concurrent.Future<List<String>>> runs = new ArrayList<>();
    try {
      for (int p = 0; p < 4; p++) {
        runs.add(
            pool.submit(
                () -> {
                  List<String> ids = new ArrayList<>();
                  for (int i = 0; i < topics; i++) {
                    String topic = "t" + i;
                    ids.add(
                        await()
                            .atMost(WAIT)
                            .pollInterval(Duration.ofMillis(5))
                            .ignoreExceptionsMatching(
                                e -> e instanceof Unavailable u && !u.mayHaveBeenAppended)
                            .until(() -> a.append(topic, body("x")), id -> true));
                  }
                  return ids;
                }));
      }
      List<List<String>> appended = new ArrayList<>();
      for (var run : runs) {
        appended.add(run.get(WAIT.toSeconds() * 2, TimeUnit.SECONDS));
      }
      await()
          .atMost(WAIT)
          .until(() -> followers.stream().allMatch(f -> f.ids().size() >= appended.size()));
      for (int i = 0; i < topics; i++) {
        RecordingFollower f = followers.get(i);
        List<String> ids = new ArrayList<>();
        for (List<String> byPublisher : appended) {
          ids.add(byPublisher.get(i));
        }
        assertThat(f.startCount()).as("t%d", i).isEqualTo(1);
        assertThat(f.calls().get(0)).isEqualTo("started null");
        assertThat(f.ids()).as("t%d", i).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(f.lostCount()).isZero();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void killingTheReadersConnectionLosesNothing() throws Exception {
    // A window that holds everything published here: a reader more than a window behind reports a
    // loss (aReaderThatFallsBehindTheWindowReportsTheLoss), which is not what this tests.
    RedisStreams a = engine(1_000_000, Duration.ofMinutes(5));
    RedisStreams b = engine(1_000_000, Duration.ofMinutes(5));
    RecordingFollower fb = follow(b, "t");
    List<String> published = new ArrayList<>();
    Thread publisher =
        new Thread(
            () -> {
              for (int i = 0; i < 3000; i++) {
                published.add(a.append("t", body("n" + i)));
              }
            });
    publisher.start();
    for (int k = 0; k < 5; k++) {
      int n = fb.ids().size();
      await().atMost(WAIT).until(() -> fb.ids().size() > n || !publisher.isAlive());
      redis.clientKillByName(RedisStreams.READER_CLIENT_NAME);
    }
    publisher.join(WAIT.toMillis());
    assertThat(publisher.isAlive()).isFalse();
    await().atMost(WAIT).until(() -> fb.ids().size() >= published.size());
    assertThat(fb.ids()).isEqualTo(published);
    assertThat(fb.lostCount()).isZero();
  }

  @Test
  void killingTheReadersConnectionRepeatedlyWhilePublishingFlatOutLosesNothing() throws Exception {
    // A window that holds everything published here: a reader more than a window behind reports a
    // loss (aReaderThatFallsBehindTheWindowReportsTheLoss), which is not what this tests.
    RedisStreams a = engine(1_000_000, Duration.ofMinutes(5));
    RedisStreams b = engine(1_000_000, Duration.ofMinutes(5));
    RecordingFollower fa = follow(a, "t");
    RecordingFollower fb = follow(b, "t");
    List<String> published = java.util.Collections.synchronizedList(new ArrayList<>());
    java.util.concurrent.atomic.AtomicBoolean stop =
        new java.util.concurrent.atomic.AtomicBoolean();
    Thread publisher =
        new Thread(
            () -> {
              int i = 0;
              while (!stop.get()) {
                published.add(b.append("t", body("n" + i++)));
              }
            });
    publisher.start();
    try {
      for (int k = 0; k < 10; k++) {
        int n = fa.ids().size();
        await().atMost(WAIT).until(() -> fa.ids().size() > n + 50);
        redis.clientKillByName(RedisStreams.READER_CLIENT_NAME);
      }
    } finally {
      stop.set(true);
      publisher.join(WAIT.toMillis());
    }
    await()
        .atMost(WAIT)
        .until(() -> fa.ids().size() >= published.size() && fb.ids().size() >= published.size());
    assertThat(fa.ids()).isEqualTo(published);
    assertThat(fb.ids()).isEqualTo(published);
  }

  @Test
  void aNewTopicStartsWithoutWaitingForTheBlockingReadToTimeOut() {
    RedisStreams a = engine(1000, Duration.ofMinutes(5), Duration.ofSeconds(20));
    follow(a, "first"); // the reader now blocks for 20 s at a time
    for (int i = 0; i < 10; i++) {
      RecordingFollower f = new RecordingFollower();
      long start = System.nanoTime();
      a.follow("t" + i, f);
      assertThat(f.isStarted()).isTrue();
      String id = a.append("t" + i, body("x"));
      await().atMost(Duration.ofSeconds(5)).until(() -> f.ids().contains(id)); // UNBLOCK woke it
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }
  }

  @Test
  void aReaderThatFallsBehindTheWindowReportsTheLoss() throws Exception {
    RedisStreams a = engine(10, Duration.ofMinutes(5));
    java.util.concurrent.CountDownLatch inEvent = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    RecordingFollower recorder = new RecordingFollower();
    RedisStreams.TopicFollower stuck =
        new RedisStreams.TopicFollower() {
          @Override
          public void started(String latestId) {
            recorder.started(latestId);
          }

          @Override
          public void event(String id, byte[] body) {
            recorder.event(id, body);
            inEvent.countDown();
            try {
              release.await(); // a follower that takes its time: the reader falls behind
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }

          @Override
          public void lost(String latestId) {
            recorder.lost(latestId);
          }
        };
    a.follow("t", stuck);
    assertThat(recorder.isStarted()).isTrue();
    String first = a.append("t", body("first"));
    assertThat(inEvent.await(10, TimeUnit.SECONDS)).isTrue();
    List<String> published = new ArrayList<>();
    for (int i = 0; i < 300; i++) { // 10 kept, trimmed in blocks of 100: most are gone
      published.add(a.append("t", body("n" + i)));
    }
    release.countDown();
    await().atMost(WAIT).until(() -> recorder.ids().contains(published.get(299)));
    assertThat(recorder.lostCount()).isEqualTo(1);
    List<String> calls = recorder.calls();
    assertThat(calls.subList(0, 3))
        .containsExactly("started null", "event " + first, "lost " + first);
    List<String> after = recorder.ids().subList(1, recorder.ids().size());
    assertThat(after).isEqualTo(published.subList(300 - after.size(), 300)); // the rest, in order
  }

  @Test
  void anAppendThatRedisDoesNotAnswerInTimeMayHaveBeenAppended() throws Exception {
    RedisStreams a = engine();
    a.append("t", body("warm")); // connected, script cached
    var woke = redis.debugSleep(3);
    long start = System.nanoTime();
    assertThatThrownBy(() -> a.append("t", body("slow")))
        .isInstanceOfSatisfying(Unavailable.class, e -> assertThat(e.mayHaveBeenAppended).isTrue());
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(1900)); // the publish timeout, 2 s
    assertThat(woke).isNotDone(); // before Redis woke up
    woke.get(10, TimeUnit.SECONDS);
  }
}
