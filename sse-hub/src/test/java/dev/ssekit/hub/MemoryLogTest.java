package dev.ssekit.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The in-memory log through the {@link EventLog} SPI: each topic's window bounded by count and by
 * age, unique ids within it, replay up to the follower's id, following, and dropping idle windows.
 */
class MemoryLogTest {
  private static final String T = "room";

  private final MutableClock clock = new MutableClock();

  private MemoryLog log(int maxEvents, Duration maxAge) {
    return new MemoryLog(
        maxEvents,
        maxAge.toMillis(),
        EventIdGenerator.sequence(),
        new EventIds(256),
        clock,
        EventHub.DEFAULT_TOPIC);
  }

  private static byte[] body(String data) {
    return ("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8);
  }

  private static MemoryLog append(MemoryLog log, String topic, String... ids) {
    for (String id : ids) {
      assertThat(log.append(topic, id, body(id))).isEqualTo(id);
    }
    return log;
  }

  private static EventLog.Replay replay(EventLog log, String topic, String last, String upTo) {
    CompletableFuture<EventLog.Replay> stage = log.replay(topic, last, upTo).toCompletableFuture();
    assertThat(stage).as("the in-memory log answers at once").isDone();
    return stage.join();
  }

  /** The ids of the replayed frames, checking that each frame is its id line and its body. */
  private static List<String> ids(EventLog.Replay replay) {
    return replay.frames().stream()
        .map(
            f -> {
              String frame = new String(f, StandardCharsets.UTF_8);
              String id = frame.substring(4, frame.indexOf('\n'));
              assertThat(frame).isEqualTo("id: " + id + "\ndata: " + id + "\n\n");
              return id;
            })
        .collect(Collectors.toList());
  }

  /** A follower that writes down what it was handed. */
  private static final class Recorder implements EventLog.Follower {
    final List<String> calls = new ArrayList<>();

    @Override
    public void started(String latestId) {
      calls.add("started " + latestId);
    }

    @Override
    public void event(String id, byte[] frame) {
      calls.add("event " + id + " " + new String(frame, StandardCharsets.UTF_8));
    }

    @Override
    public void lost(String latestId) {
      calls.add("lost " + latestId);
    }
  }

  // --- the window: count, age, unique ids ------------------------------------------------------

  @Test
  void replaysEverythingAfterTheGivenIdUpToTheLatestInOrder() {
    MemoryLog log = append(log(10, Duration.ofMinutes(1)), T, "1", "2", "3", "4");
    assertThat(ids(replay(log, T, "2", "4"))).containsExactly("3", "4");
    assertThat(ids(replay(log, T, "1", "4"))).containsExactly("2", "3", "4");
    assertThat(replay(log, T, "4", "4").frames()).isEmpty();
  }

  @Test
  void anIdPushedOutByCountIsUnknown() {
    MemoryLog log = append(log(3, Duration.ofMinutes(1)), T, "1", "2", "3", "4", "5");
    assertThat(replay(log, T, "2", "5").isKnown()).isFalse();
    assertThat(replay(log, T, "1", "5").isKnown()).isFalse();
    assertThat(ids(replay(log, T, "3", "5"))).containsExactly("4", "5");
  }

  @Test
  void anIdOlderThanTheMaxAgeIsUnknown() {
    MemoryLog log = append(log(100, Duration.ofSeconds(10)), T, "1", "2");
    clock.advance(Duration.ofSeconds(6));
    append(log, T, "3");
    clock.advance(Duration.ofSeconds(5)); // 1 and 2 are 11 s old, 3 is 5 s old
    assertThat(replay(log, T, "1", "3").isKnown()).isFalse();
    assertThat(replay(log, T, "2", "3").isKnown()).isFalse();
    assertThat(replay(log, T, "3", "3").frames()).isEmpty();
  }

  @Test
  void theNewestIdStaysKnownAfterItAgesOutBecauseNothingWasMissed() {
    MemoryLog log = append(log(100, Duration.ofSeconds(10)), T, "1", "2");
    clock.advance(Duration.ofMinutes(1));
    assertThat(replay(log, T, "2", "2").isKnown()).isTrue();
    assertThat(replay(log, T, "2", "2").frames()).isEmpty();
    assertThat(replay(log, T, "1", "2").isKnown()).isFalse();
  }

  @Test
  void neverPublishedIdsAndUnknownTopicsAreUnknown() {
    MemoryLog log = append(log(10, Duration.ofMinutes(1)), T, "1");
    assertThat(replay(log, T, "x", "1").isKnown()).isFalse();
    assertThat(replay(log, "never-used", "1", null).isKnown()).isFalse();
    assertThat(replay(log, "never-used", "1", "1").isKnown()).isFalse();
    assertThat(log.windowCount()).as("asking creates no window").isEqualTo(1);
  }

  @Test
  void anIdInTheWindowIsRefusedAndTheWindowIsUnchanged() {
    MemoryLog log = append(log(10, Duration.ofMinutes(1)), T, "1", "2", "3");
    assertThatThrownBy(() -> log.append(T, "1", body("again")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"1\"")
        .hasMessageContaining("Nothing was published");
    append(log, T, "4");
    assertThat(ids(replay(log, T, "1", "4"))).containsExactly("2", "3", "4");
  }

  @Test
  void idsAreUniquePerTopicNotAcrossTopics() {
    MemoryLog log = append(log(10, Duration.ofMinutes(1)), T, "1", "2");
    append(log, "other", "1", "2", "3");
    assertThat(ids(replay(log, T, "1", "2"))).containsExactly("2");
    assertThat(ids(replay(log, "other", "1", "3"))).containsExactly("2", "3");
  }

  @Test
  void anIdPushedOutByCountMayBeAppendedAgain() {
    MemoryLog log = append(log(3, Duration.ofMinutes(1)), T, "a", "b", "c", "d");
    assertThatThrownBy(() -> log.append(T, "b", body("b")))
        .isInstanceOf(IllegalArgumentException.class);
    append(log, T, "a");
    assertThat(ids(replay(log, T, "c", "a"))).containsExactly("d", "a");
    assertThat(replay(log, T, "b", "a").isKnown()).isFalse();
  }

  @Test
  void anIdAgedOutMayBeAppendedAgainUnlessItIsTheLatest() {
    MemoryLog log = append(log(100, Duration.ofSeconds(10)), T, "a", "b");
    clock.advance(Duration.ofSeconds(11));
    // "b" aged out too, but it is the latest: a client that has it resumes from it.
    assertThatThrownBy(() -> log.append(T, "b", body("b")))
        .isInstanceOf(IllegalArgumentException.class);
    append(log, T, "a");
    append(log, T, "b"); // no longer the latest
    assertThat(ids(replay(log, T, "a", "b"))).containsExactly("b");
  }

  @Test
  void generatedIdsAreCheckedLikeOwnOnes() {
    MemoryLog log = log(10, Duration.ofMinutes(1));
    assertThat(log.append(T, null, body("1"))).isEqualTo("1");
    append(log, T, "2");
    assertThatThrownBy(() -> log.append(T, null, body("clash")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("EventIdGenerator")
        .hasMessageContaining("\"2\"");
    assertThat(log.append(T, null, body("3"))).isEqualTo("3");
    assertThat(ids(replay(log, T, "1", "3"))).containsExactly("2", "3");
  }

  @Test
  void theRingGrowsAndWrapsWithoutLosingOrder() {
    MemoryLog log = log(50, Duration.ofMinutes(1));
    for (int i = 1; i <= 237; i++) {
      String latest = Integer.toString(i);
      append(log, T, latest);
      int oldest = Math.max(1, i - 49);
      assertThat(ids(replay(log, T, Integer.toString(oldest), latest)))
          .as("after %d", i)
          .isEqualTo(TestHubs.range(oldest + 1, i));
      assertThat(replay(log, T, Integer.toString(oldest - 1), latest).isKnown())
          .as("after %d: the id before the window (evicted or never published)", i)
          .isFalse();
    }
  }

  @Test
  void theHubRefusesNonPositiveBounds() {
    assertThatThrownBy(() -> EventHub.builder().replayWindow(0, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxEvents");
    assertThatThrownBy(() -> EventHub.builder().replayWindow(1, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxAge");
  }

  // --- replay up to the follower's id ----------------------------------------------------------

  @Test
  void framesStopAtUpTo() {
    MemoryLog log = append(log(10, Duration.ofMinutes(1)), T, "1", "2", "3", "4", "5");
    assertThat(ids(replay(log, T, "1", "3"))).containsExactly("2", "3");
    assertThat(ids(replay(log, T, "2", "4"))).containsExactly("3", "4");
  }

  @Test
  void aLastEventIdEqualToUpToGetsNothing() {
    MemoryLog log = append(log(10, Duration.ofMinutes(1)), T, "1", "2", "3");
    EventLog.Replay r = replay(log, T, "2", "2");
    assertThat(r.isKnown()).isTrue();
    assertThat(r.frames()).isEmpty();
    assertThat(r.aheadId()).isNull();
  }

  @Test
  void aLastEventIdEqualToUpToGetsNothingEvenWhenBothLeftTheWindowMeanwhile() {
    // The follower was handed "2"; before the replay is asked for, a burst pushes it out. A client
    // that has "2" missed nothing the follower does not deliver live: no reset for it.
    MemoryLog log = append(log(3, Duration.ofMinutes(1)), T, "1", "2", "3", "4", "5");
    EventLog.Replay r = replay(log, T, "2", "2");
    assertThat(r.isKnown()).isTrue();
    assertThat(r.frames()).isEmpty();
    assertThat(r.aheadId()).isNull();
  }

  @Test
  void aLastEventIdNewerThanUpToIsAheadOfTheFollower() {
    MemoryLog log = append(log(10, Duration.ofMinutes(1)), T, "1", "2", "3", "4");
    EventLog.Replay r = replay(log, T, "4", "2");
    assertThat(r.isKnown()).isTrue();
    assertThat(r.frames()).isEmpty();
    assertThat(r.aheadId()).isEqualTo("4");
    // The follower had been handed nothing yet: every id in the window is ahead of it.
    assertThat(replay(log, T, "1", null).aheadId()).isEqualTo("1");
    // The follower's id has left the window: anything still in it is newer.
    MemoryLog small = append(log(2, Duration.ofMinutes(1)), "small", "a", "b", "c");
    assertThat(replay(small, "small", "c", "a").aheadId()).isEqualTo("c");
  }

  @Test
  void anUnknownIdIsUnknownWhateverUpToIs() {
    MemoryLog log = append(log(10, Duration.ofMinutes(1)), T, "1", "2");
    assertThat(replay(log, T, "9", "2").isKnown()).isFalse();
    assertThat(replay(log, T, "9", null).isKnown()).isFalse();
  }

  // --- following ---------------------------------------------------------------------------------

  @Test
  void followCallsStartedWithTheLatestIdFirstThenHandsOverEachLaterEvent() {
    MemoryLog log = append(log(10, Duration.ofMinutes(1)), T, "1", "2");
    Recorder r = new Recorder();
    log.follow(T, r);
    assertThat(r.calls).containsExactly("started 2");
    append(log, T, "3");
    assertThat(r.calls).containsExactly("started 2", "event 3 id: 3\ndata: 3\n\n");

    Recorder fresh = new Recorder();
    log.follow("empty", fresh);
    assertThat(fresh.calls).containsExactly("started null");
  }

  @Test
  void aNewFollowerReplacesTheOldOneAndUnfollowingTheOldOneChangesNothing() {
    MemoryLog log = log(10, Duration.ofMinutes(1));
    Recorder first = new Recorder();
    Recorder second = new Recorder();
    log.follow(T, first);
    log.follow(T, second);
    log.unfollow(T, first);
    append(log, T, "1");
    assertThat(first.calls).containsExactly("started null");
    assertThat(second.calls).containsExactly("started null", "event 1 id: 1\ndata: 1\n\n");

    log.unfollow(T, second);
    append(log, T, "2");
    assertThat(second.calls).hasSize(2);
    log.unfollow("never-used", second); // nothing to do
  }

  // --- idle windows
  // --------------------------------------------------------------------------------

  @Test
  void anIdleWindowIsDroppedOnlyWithoutFollowerOnceExpired() {
    MemoryLog log = log(10, Duration.ofSeconds(10));
    append(log, T, "1");
    Recorder follower = new Recorder();
    log.follow("followed", follower);
    append(log, "followed", "2");
    assertThat(log.windowCount()).isEqualTo(2);

    log.dropIdleWindows();
    assertThat(log.windowCount()).as("nothing expired yet").isEqualTo(2);

    clock.advance(Duration.ofSeconds(11));
    log.dropIdleWindows();
    assertThat(log.windowCount()).as("the followed window stays").isEqualTo(1);
    assertThat(replay(log, T, "1", "1").isKnown())
        .as("a dropped topic is forgotten, its latest id with it")
        .isFalse();
    assertThat(replay(log, "followed", "2", "2").isKnown()).isTrue();

    log.unfollow("followed", follower);
    log.dropIdleWindows();
    assertThat(log.windowCount()).isZero();

    // A dropped topic starts afresh on its next use.
    append(log, T, "1");
    assertThat(ids(replay(log, T, "1", "1"))).isEmpty();
  }

  @Test
  void aFollowedTopicWithNoEventLeavesNoWindowOnceUnfollowed() {
    MemoryLog log = log(10, Duration.ofSeconds(10));
    Recorder follower = new Recorder();
    log.follow(T, follower);
    log.unfollow(T, follower);
    log.dropIdleWindows();
    assertThat(log.windowCount()).isZero();
  }

  @Test
  void theDefaultTopicsWindowIsNeverDropped() {
    MemoryLog log = log(10, Duration.ofSeconds(10));
    append(log, EventHub.DEFAULT_TOPIC, "1");
    clock.advance(Duration.ofHours(1));
    log.dropIdleWindows();
    assertThat(log.windowCount()).isEqualTo(1);
    assertThat(replay(log, EventHub.DEFAULT_TOPIC, "1", "1").isKnown())
        .as("its latest id stays known")
        .isTrue();
  }
}
