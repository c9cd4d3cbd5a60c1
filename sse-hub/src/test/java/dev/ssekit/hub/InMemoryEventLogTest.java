package dev.ssekit.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class InMemoryEventLogTest {
  private final MutableClock clock = new MutableClock();

  private static byte[] frame(String id) {
    return ("id: " + id + "\ndata: x\n\n").getBytes(StandardCharsets.UTF_8);
  }

  private static List<String> ids(EventLog.Replay replay) {
    return replay.frames().stream()
        .map(f -> new String(f, StandardCharsets.UTF_8).split("\n")[0].substring(4))
        .collect(Collectors.toList());
  }

  private InMemoryEventLog logWith(int maxEvents, Duration maxAge, String... ids) {
    InMemoryEventLog log = new InMemoryEventLog(maxEvents, maxAge, clock);
    for (String id : ids) {
      log.append(id, frame(id));
    }
    return log;
  }

  @Test
  void replaysEverythingAfterTheGivenIdInOrder() {
    InMemoryEventLog log = logWith(10, Duration.ofMinutes(1), "1", "2", "3", "4");
    assertThat(ids(log.replayAfter("2"))).containsExactly("3", "4");
    assertThat(ids(log.replayAfter("1"))).containsExactly("2", "3", "4");
    assertThat(log.replayAfter("4").frames()).isEmpty();
  }

  @Test
  void anIdPushedOutByCountIsUnknown() {
    InMemoryEventLog log = logWith(3, Duration.ofMinutes(1), "1", "2", "3", "4", "5");
    assertThat(log.size()).isEqualTo(3);
    assertThat(log.replayAfter("2").isKnown()).isFalse();
    assertThat(ids(log.replayAfter("3"))).containsExactly("4", "5");
  }

  @Test
  void anIdOlderThanTheMaxAgeIsUnknown() {
    InMemoryEventLog log = logWith(100, Duration.ofSeconds(10), "1", "2");
    clock.advance(Duration.ofSeconds(6));
    log.append("3", frame("3"));
    clock.advance(Duration.ofSeconds(5)); // 1 and 2 are 11 s old, 3 is 5 s old
    assertThat(log.replayAfter("1").isKnown()).isFalse();
    assertThat(log.replayAfter("2").isKnown()).isFalse();
    assertThat(log.replayAfter("3").frames()).isEmpty();
    assertThat(log.size()).isEqualTo(1);
  }

  @Test
  void theNewestIdStaysKnownAfterItAgesOutBecauseNothingWasMissed() {
    InMemoryEventLog log = logWith(100, Duration.ofSeconds(10), "1", "2");
    clock.advance(Duration.ofMinutes(1));
    assertThat(log.size()).isZero();
    assertThat(log.replayAfter("2").isKnown()).isTrue();
    assertThat(log.replayAfter("2").frames()).isEmpty();
    assertThat(log.replayAfter("1").isKnown()).isFalse();
  }

  @Test
  void neverPublishedIdsAreUnknown() {
    InMemoryEventLog log = logWith(10, Duration.ofMinutes(1), "1");
    assertThat(log.replayAfter("x").isKnown()).isFalse();
    assertThat(new InMemoryEventLog().replayAfter("1").isKnown()).isFalse();
  }

  @Test
  void anIdInTheWindowIsRefusedAndTheWindowIsUnchanged() {
    InMemoryEventLog log = logWith(10, Duration.ofMinutes(1), "1", "2", "3");
    assertThat(log.contains("1")).isTrue();
    assertThat(log.contains("4")).isFalse();
    assertThatThrownBy(() -> log.append("1", frame("1")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"1\"");
    log.append("4", frame("4"));
    assertThat(ids(log.replayAfter("1"))).containsExactly("2", "3", "4");
  }

  @Test
  void anIdPushedOutByCountMayBeAppendedAgain() {
    InMemoryEventLog log = logWith(3, Duration.ofMinutes(1), "a", "b", "c", "d");
    assertThat(log.contains("a")).isFalse();
    assertThat(log.contains("b")).isTrue();
    log.append("a", frame("a"));
    assertThat(ids(log.replayAfter("c"))).containsExactly("d", "a");
    assertThat(log.replayAfter("b").isKnown()).isFalse();
  }

  @Test
  void anIdAgedOutMayBeAppendedAgainUnlessItIsTheLatest() {
    InMemoryEventLog log = logWith(100, Duration.ofSeconds(10), "a", "b");
    clock.advance(Duration.ofSeconds(11));
    assertThat(log.contains("a")).isFalse();
    assertThat(log.contains("b")).isTrue(); // the latest: its client missed nothing
    log.append("a", frame("a"));
    assertThat(log.contains("b")).isFalse();
    log.append("b", frame("b"));
    assertThat(ids(log.replayAfter("a"))).containsExactly("b");
  }

  @Test
  void theRingGrowsAndWrapsWithoutLosingOrder() {
    InMemoryEventLog log = new InMemoryEventLog(50, Duration.ofMinutes(1), clock);
    for (int i = 1; i <= 237; i++) {
      log.append(Integer.toString(i), frame(Integer.toString(i)));
      int oldest = Math.max(1, i - 49);
      assertThat(log.size()).as("after %d", i).isEqualTo(i - oldest + 1);
      List<String> expected = new java.util.ArrayList<>();
      for (int j = oldest + 1; j <= i; j++) {
        expected.add(Integer.toString(j));
      }
      assertThat(ids(log.replayAfter(Integer.toString(oldest))))
          .as("after %d", i)
          .isEqualTo(expected);
      assertThat(log.replayAfter(Integer.toString(oldest - 1)).isKnown())
          .as("after %d: the id before the window (evicted or never published)", i)
          .isFalse();
    }
  }

  @Test
  void rejectsNonPositiveBounds() {
    assertThatThrownBy(() -> new InMemoryEventLog(0, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxEvents");
    assertThatThrownBy(() -> new InMemoryEventLog(1, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxAge");
  }
}
