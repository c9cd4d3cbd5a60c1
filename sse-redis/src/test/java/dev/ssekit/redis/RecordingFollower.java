package dev.ssekit.redis;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.ssekit.redis.internal.RedisStreams;
import java.util.ArrayList;
import java.util.List;

/** Records what a topic's follower is handed, in order; thread-safe. */
final class RecordingFollower implements RedisStreams.TopicFollower {
  private final List<String> calls = new ArrayList<>();
  private final List<String> ids = new ArrayList<>();
  private final List<String> bodies = new ArrayList<>();
  private boolean started;
  private String startedWith;
  private int lost;

  @Override
  public synchronized void started(String latestId) {
    if (started) {
      throw new AssertionError("started twice");
    }
    started = true;
    startedWith = latestId;
    calls.add("started " + latestId);
  }

  @Override
  public synchronized void event(String id, byte[] body) {
    if (!started) {
      throw new AssertionError("event before started");
    }
    ids.add(id);
    bodies.add(new String(body, UTF_8));
    calls.add("event " + id);
  }

  @Override
  public synchronized void lost(String latestId) {
    lost++;
    calls.add("lost " + latestId);
  }

  synchronized boolean isStarted() {
    return started;
  }

  synchronized String startedWith() {
    return startedWith;
  }

  synchronized List<String> ids() {
    return List.copyOf(ids);
  }

  synchronized List<String> bodies() {
    return List.copyOf(bodies);
  }

  synchronized int lostCount() {
    return lost;
  }

  synchronized List<String> calls() {
    return List.copyOf(calls);
  }
}
