package dev.ssekit.hub;

import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The default {@link EventLog}: each topic's window in this process's memory, bounded by count and
 * by age, with ids from the hub's {@link EventIdGenerator}. A topic's window is dropped once it has
 * no follower (no local subscriber) and every event in it has expired, so idle topics cost nothing;
 * the default topic's window is kept, so its latest id stays known.
 */
final class MemoryLog implements EventLog {
  private final ConcurrentHashMap<String, MemoryWindow> windows = new ConcurrentHashMap<>();
  private final Function<String, MemoryWindow> newWindow;
  private final EventIdGenerator generator;
  private final EventIds ids;
  private final Clock clock;
  private final String pinnedTopic;

  MemoryLog(
      int maxEvents,
      long maxAgeMillis,
      EventIdGenerator generator,
      EventIds ids,
      Clock clock,
      String pinnedTopic) {
    this.newWindow = topic -> new MemoryWindow(maxEvents, maxAgeMillis);
    this.generator = generator;
    this.ids = ids;
    this.clock = clock;
    this.pinnedTopic = pinnedTopic;
  }

  @Override
  public String append(String topic, String ownId, byte[] body) {
    while (true) {
      MemoryWindow w = windows.computeIfAbsent(topic, newWindow);
      synchronized (w) {
        if (w.dropped) {
          continue;
        }
        long now = clock.millis();
        String id = ownId != null ? checkFree(ownId, w, now) : generated(w, now);
        byte[] frame = EventLog.frame(id, body);
        w.append(id, frame, now);
        if (w.follower != null) {
          w.follower.event(id, frame);
        }
        return id;
      }
    }
  }

  private static String checkFree(String id, MemoryWindow w, long now) {
    // Replay finds an event by its id; a second event under an id the window holds would make a
    // client resuming from the first one skip everything in between.
    if (w.contains(id, now)) {
      throw new IllegalArgumentException(
          "event id "
              + EventIds.quote(id)
              + " is already in this topic's replay window; ids must be unique within the"
              + " window, or a client resuming from it would miss events. Nothing was published");
    }
    return id;
  }

  private String generated(MemoryWindow w, long now) {
    String id = generator.nextId();
    if (id == null) {
      throw new IllegalStateException("the hub's EventIdGenerator returned null");
    }
    try {
      ids.checkPublished(id);
      return checkFree(id, w, now);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(
          "the hub's EventIdGenerator made an unusable id: " + e.getMessage(), e);
    }
  }

  @Override
  public void follow(String topic, Follower follower) {
    while (true) {
      MemoryWindow w = windows.computeIfAbsent(topic, newWindow);
      synchronized (w) {
        if (w.dropped) {
          continue;
        }
        w.follower = follower;
        follower.started(w.latestId());
        return;
      }
    }
  }

  @Override
  public void unfollow(String topic, Follower follower) {
    MemoryWindow w = windows.get(topic);
    if (w != null) {
      synchronized (w) {
        if (w.follower == follower) {
          w.follower = null;
        }
      }
    }
  }

  @Override
  public CompletionStage<Replay> replay(String topic, String lastEventId, String upTo) {
    MemoryWindow w = windows.get(topic);
    if (w == null) {
      return CompletableFuture.completedFuture(Replay.unknownId());
    }
    synchronized (w) {
      return CompletableFuture.completedFuture(w.replay(lastEventId, upTo, clock.millis()));
    }
  }

  /** Drops the windows of topics that have no follower and no unexpired event. */
  void dropIdleWindows() {
    long now = clock.millis();
    windows.forEach(
        (topic, w) -> {
          synchronized (w) {
            if (w.follower == null && !topic.equals(pinnedTopic) && w.isEmpty(now)) {
              w.dropped = true;
              windows.remove(topic, w);
            }
          }
        });
  }

  /** The number of topics with a window; for tests of idle topics' cost. */
  int windowCount() {
    return windows.size();
  }
}
