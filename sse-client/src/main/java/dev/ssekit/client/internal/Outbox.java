package dev.ssekit.client.internal;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The bounded hand-over between a stream's network side and its consumer (listeners, an iterator or
 * a Flow subscriber).
 *
 * <p>The network side publishes the events of one network read and a {@code resume} action; resume
 * runs (and so the next read is requested from the HTTP body) only once the consumer has taken
 * everything queued. So the queue never holds more than one read's worth of events plus a few
 * control signals, however slow the consumer: backpressure reaches the socket instead of memory.
 */
public abstract class Outbox {
  /** What {@link #enqueue} returns when there is nothing to run. */
  static final Runnable NOTHING = () -> {};

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition available = lock.newCondition();
  private final ArrayDeque<Signal> queue = new ArrayDeque<>();
  private Runnable resume;
  private boolean terminated;

  /**
   * Queues {@code signals}; {@code resume} (may be {@code null}) runs once they have all been
   * taken, at once if there are none. Ignored after {@link #terminate}.
   */
  final void publish(List<Signal> signals, Runnable resume) {
    enqueue(signals, resume).run();
  }

  /**
   * Queues as {@link #publish(List, Runnable)} does, and returns what the caller must run next,
   * outside any lock of its own (it may deliver to the consumer on this thread): so a caller can
   * queue under its own lock, atomically with its state, and deliver after releasing it.
   */
  final Runnable enqueue(List<Signal> signals, Runnable resume) {
    lock.lock();
    try {
      if (terminated) {
        return NOTHING;
      }
      queue.addAll(signals);
      if (queue.isEmpty()) {
        return resume != null ? resume : NOTHING;
      }
      if (resume != null) {
        this.resume = resume;
      }
      available.signalAll();
    } finally {
      lock.unlock();
    }
    return this::signalAvailable;
  }

  /** Queues one control signal. */
  final void publish(Signal signal) {
    publish(List.of(signal), null);
  }

  /**
   * Ends the stream: queues {@code error} (if not {@code null}) and then {@link Signal#CLOSED}.
   * {@code discardPending} drops events not yet taken, as {@code close()} must: nothing is
   * delivered after it.
   */
  final void terminate(Signal error, boolean discardPending) {
    lock.lock();
    try {
      if (terminated) {
        return;
      }
      terminated = true;
      resume = null;
      if (discardPending) {
        queue.clear();
      }
      if (error != null) {
        queue.add(error);
      }
      queue.add(Signal.CLOSED);
      available.signalAll();
    } finally {
      lock.unlock();
    }
    signalAvailable();
  }

  /** The next signal without taking it, or {@code null} when none is queued. */
  protected final Signal peek() {
    lock.lock();
    try {
      return queue.peek();
    } finally {
      lock.unlock();
    }
  }

  /** Takes the next signal, or returns {@code null} when none is queued. */
  protected final Signal take() {
    Runnable toRun = null;
    Signal s;
    lock.lock();
    try {
      s = queue.poll();
      if (s != null && queue.isEmpty()) {
        toRun = resume;
        resume = null;
      }
    } finally {
      lock.unlock();
    }
    if (toRun != null) {
      // Outside the lock: requesting more bytes may deliver them on this very thread.
      toRun.run();
    }
    return s;
  }

  /**
   * Takes the next signal, waiting up to {@code timeoutNanos}; {@code null} on timeout.
   *
   * @throws InterruptedException if interrupted while waiting
   */
  protected final Signal take(long timeoutNanos) throws InterruptedException {
    lock.lockInterruptibly();
    try {
      long left = timeoutNanos;
      while (queue.isEmpty()) {
        if (left <= 0) {
          return null;
        }
        left = available.awaitNanos(left);
      }
    } finally {
      lock.unlock();
    }
    return take();
  }

  /** Takes the next signal, waiting as long as needed. */
  protected final Signal takeBlocking() throws InterruptedException {
    lock.lockInterruptibly();
    try {
      while (queue.isEmpty()) {
        available.await();
      }
    } finally {
      lock.unlock();
    }
    return take();
  }

  /** Whether the consumer reads comment lines; only callbacks do, so others are not queued. */
  boolean wantsComments() {
    return false;
  }

  /** Called, outside any lock, after signals were queued: wake or schedule the consumer. */
  protected abstract void signalAvailable();
}
