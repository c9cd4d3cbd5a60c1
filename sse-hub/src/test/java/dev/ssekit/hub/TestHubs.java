package dev.ssekit.hub;

import java.util.ArrayList;
import java.util.List;

/** The hubs a test builds, closed after it: hold one in an {@code @AutoClose} field. */
final class TestHubs implements AutoCloseable {
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

  /** The ids {@code from} to {@code to} of {@link EventIdGenerator#sequence()}, as strings. */
  static List<String> range(int from, int to) {
    List<String> ids = new ArrayList<>();
    for (int i = from; i <= to; i++) {
      ids.add(Integer.toString(i));
    }
    return ids;
  }
}
