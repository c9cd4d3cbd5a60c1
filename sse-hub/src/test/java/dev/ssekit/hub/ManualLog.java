package dev.ssekit.hub;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An {@link EventLog} that a test drives by hand, to play what a shared log (one on a server) does
 * and the in-memory log never does: start a topic late, answer a replay late or with {@link
 * EventLog.Replay#aheadOfFollower}, fail, or lose events. It keeps nothing: the test hands events
 * to a topic's {@link #follower} itself, and answers each {@link #replays() replay} it is asked.
 * Publishing through the hub is not supported. Like a log whose connections are gone, it refuses
 * every call once closed, and counts the calls it refused.
 */
final class ManualLog implements EventLog {

  /** One {@link #replay} the hub asked for, with the stage the test completes. */
  static final class ReplayCall {
    final String topic;
    final String lastEventId;
    final String upTo;
    final CompletableFuture<Replay> answer = new CompletableFuture<>();

    ReplayCall(String topic, String lastEventId, String upTo) {
      this.topic = topic;
      this.lastEventId = lastEventId;
      this.upTo = upTo;
    }
  }

  private final Map<String, Follower> followers = new ConcurrentHashMap<>();
  private final List<ReplayCall> replays = new CopyOnWriteArrayList<>();
  private final AtomicInteger closes = new AtomicInteger();
  private final AtomicInteger callsAfterClose = new AtomicInteger();

  @Override
  public String append(String topic, String ownId, byte[] body) {
    throw new UnsupportedOperationException("the test hands events to the follower itself");
  }

  @Override
  public void follow(String topic, Follower follower) {
    checkOpen();
    followers.put(topic, follower);
  }

  @Override
  public void unfollow(String topic, Follower follower) {
    checkOpen();
    followers.remove(topic, follower);
  }

  @Override
  public CompletionStage<Replay> replay(String topic, String lastEventId, String upTo) {
    checkOpen();
    ReplayCall call = new ReplayCall(topic, lastEventId, upTo);
    replays.add(call);
    return call.answer;
  }

  @Override
  public void close() {
    closes.incrementAndGet();
  }

  private void checkOpen() {
    if (closes.get() > 0) {
      callsAfterClose.incrementAndGet();
      throw new IllegalStateException("the log is closed");
    }
  }

  /** The calls refused because the log was closed. */
  int callsAfterClose() {
    return callsAfterClose.get();
  }

  /** The current follower of {@code topic}, or null. */
  Follower follower(String topic) {
    return followers.get(topic);
  }

  /** Every replay asked for so far, oldest first. */
  List<ReplayCall> replays() {
    return replays;
  }

  int closes() {
    return closes.get();
  }
}
