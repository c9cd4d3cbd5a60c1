package dev.ssekit.redis.internal;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One call of {@link RedisStreams#follow}: its follower, and where following starts once Redis has
 * told. Exactly one thread finds the start and calls {@code started}: {@code follow} itself, an
 * append to the topic on this node, or the reader. The reader hands over events only after that.
 */
final class Follow {
  private static final int PENDING = 0; // nobody has asked Redis yet (it was unreachable)
  private static final int RESOLVING = 1; // one thread is asking
  private static final int RESOLVED = 2; // the start is known; started is being called
  private static final int STARTED = 3; // started was called: the reader may hand over events

  final String topic;
  final RedisStreams.TopicFollower follower;
  private volatile int state; // written under this
  private Start start; // guarded by this; set when RESOLVED

  /** {@code claimed}: the creating thread finds the start itself. */
  Follow(String topic, RedisStreams.TopicFollower follower, boolean claimed) {
    this.topic = topic;
    this.follower = follower;
    this.state = claimed ? RESOLVING : PENDING;
  }

  /** True once the start is known: an event appended from now on is after it. */
  boolean isResolved() {
    return state >= RESOLVED;
  }

  boolean isStarted() {
    return state == STARTED;
  }

  /** Claims a pending start for the caller to find; false if another thread has. */
  synchronized boolean claim() {
    if (state != PENDING) {
      return false;
    }
    state = RESOLVING;
    return true;
  }

  /**
   * Waits while another thread finds the start; then claims it if it is still pending.
   *
   * @return true if the caller must find the start, false if it is known
   * @throws TimeoutException when another thread was still asking at {@code deadline}
   */
  synchronized boolean awaitOrClaim(long deadline) throws InterruptedException, TimeoutException {
    while (state == RESOLVING) {
      long wait = deadline - System.nanoTime();
      if (wait <= 0) {
        throw new TimeoutException();
      }
      TimeUnit.NANOSECONDS.timedWait(this, wait);
    }
    return claim();
  }

  /** Gives a claim back after Redis did not answer; does nothing once resolved. */
  synchronized void release() {
    if (state == RESOLVING) {
      state = PENDING;
      notifyAll();
    }
  }

  synchronized void resolved(Start start) {
    this.start = start;
    state = RESOLVED;
    notifyAll();
  }

  synchronized void markStarted() {
    state = STARTED;
  }

  synchronized Start start() {
    return start;
  }

  /** Where following a topic starts: the START script's answer for it. */
  record Start(String epoch, String position, long seq, String lastId) {
    /** The answer for the topic whose three values begin at {@code i}. */
    static Start of(List<Object> reply, int i) {
      Object epoch = reply.get(i);
      Object last = reply.get(i + 1);
      Object seq = reply.get(i + 2);
      if (!(last instanceof byte[])) {
        // No stream: one created from now on numbers its entries from 1.
        return new Start(null, RedisStreams.START, 0, null);
      }
      String position = RedisStreams.ascii(last);
      long n = seq instanceof byte[] ? Long.parseLong(RedisStreams.ascii(seq)) : -1;
      if (!(epoch instanceof byte[])) {
        return new Start(null, position, n, null);
      }
      String e = RedisStreams.ascii(epoch);
      return new Start(e, position, n, Ids.format(e, position));
    }
  }
}
