package dev.ssekit.hub;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;

/** The hubs a test builds, closed after it: hold one in an {@code @AutoClose} field. */
final class TestHubs implements AutoCloseable {
  /** The longest any condition in the hub's tests may take to hold. */
  static final Duration WAIT = Duration.ofSeconds(10);

  private final List<EventHub> hubs = new ArrayList<>();

  EventHub build(EventHub.Builder builder) {
    EventHub hub = builder.build();
    hubs.add(hub);
    return hub;
  }

  @Override
  public void close() {
    hubs.forEach(EventHub::close);
  }

  /**
   * Waits at most {@link #WAIT}, checking at once and then every 5 ms: conditions here usually hold
   * within milliseconds, and Awaitility's default first poll after 100 ms adds up.
   */
  static ConditionFactory await() {
    return Awaitility.await()
        .atMost(WAIT)
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(5));
  }

  /** The ids {@code from} to {@code to} of {@link EventIdGenerator#sequence()}, as strings. */
  static List<String> range(int from, int to) {
    List<String> ids = new ArrayList<>();
    for (int i = from; i <= to; i++) {
      ids.add(Integer.toString(i));
    }
    return ids;
  }
}
