package dev.ssekit.hub;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * One subscriber of an {@link EventHub}: its bounded queue and its delivery loop. At most one write
 * is in flight; whatever queued meanwhile goes out in the next write, coalesced, so a subscriber
 * that falls a little behind catches up with fewer, larger writes.
 */
final class HubSubscriber implements Subscription, Runnable, SubscriberSink.Completion {
  /** Stands in the queue for the dropped-events marker, encoded when it is taken. */
  private static final byte[] MARKER = new byte[0];

  /** A single write carries at most this many bytes (but always at least one frame). */
  private static final int MAX_BATCH_BYTES = 64 * 1024;

  // Phases of one write, so that a completion on the writing thread continues the loop there and
  // a later completion on another thread schedules the loop again.
  private static final int WRITING = 1;
  private static final int RETURNED = 2;
  private static final int COMPLETED = 3;

  private final FanOut fanOut;
  private final SubscriberSink sink;
  private final Consumer<? super Subscription> onClose;
  private final AtomicInteger phase = new AtomicInteger();

  /** Position in the fan-out's subscriber list; guarded by its lock. */
  int index = -1;

  // Guarded by this.
  private List<byte[]> replay;
  private int replayNext;
  private ArrayDeque<byte[]> queue;
  private long queuedBytes;
  private boolean markerQueued;
  private int dropped;
  private boolean scheduled;
  private boolean writing;
  private long writeStartNanos;
  private CloseReason closeReason;

  /** When data was last queued; read by the heartbeat tick. */
  private volatile long lastQueuedNanos;

  HubSubscriber(FanOut fanOut, SubscriberSink sink, Consumer<? super Subscription> onClose) {
    this.fanOut = fanOut;
    this.sink = sink;
    this.onClose = onClose;
    this.lastQueuedNanos = fanOut.nanoTime();
  }

  SubscriberSink sink() {
    return sink;
  }

  Consumer<? super Subscription> onClose() {
    return onClose;
  }

  /**
   * Adds frames that go out before anything queued, outside the queue's bounds: the retry hint and
   * a replay, whose frames the event log already holds.
   */
  synchronized void addReplay(List<byte[]> frames) {
    if (replay == null) {
      replay = new ArrayList<>(frames.size() + 1);
    }
    replay.addAll(frames);
  }

  /** Starts delivering what {@link #addReplay} added. */
  void start() {
    scheduleIfIdle();
  }

  /**
   * Queues a live frame, applying the slow-subscriber policy. Called with the fan-out's lock held.
   *
   * @return false when the policy says to disconnect this subscriber (the caller releases it)
   */
  boolean enqueue(byte[] frame, long nowNanos) {
    boolean schedule;
    synchronized (this) {
      if (closeReason != null) {
        return true;
      }
      lastQueuedNanos = nowNanos;
      if (queue == null) {
        queue = new ArrayDeque<>(8);
      }
      if (!fits(frame.length)) {
        if (fanOut.slowSubscriberPolicy() == SlowSubscriberPolicy.DISCONNECT) {
          return false;
        }
        dropOldestFor(frame.length);
      }
      queue.addLast(frame);
      queuedBytes += frame.length;
      schedule = markScheduled();
    }
    if (schedule) {
      fanOut.execute(this);
    }
    return true;
  }

  private boolean fits(int frameLength) {
    int events = queue.size() - (markerQueued ? 1 : 0);
    // An event larger than the byte bound still fits into an empty queue, alone.
    return events == 0
        || (events < fanOut.maxQueuedEvents()
            && queuedBytes + frameLength <= fanOut.maxQueuedBytes());
  }

  private void dropOldestFor(int frameLength) {
    if (markerQueued) {
      queue.pollFirst();
      markerQueued = false;
    }
    while (!queue.isEmpty() && !fits(frameLength)) {
      queuedBytes -= queue.pollFirst().length;
      dropped++;
    }
    // The marker stands where the dropped events were, ahead of everything still queued.
    queue.addFirst(MARKER);
    markerQueued = true;
  }

  /**
   * Queues a heartbeat if nothing was queued for {@code idleNanos}. Called with the fan-out's lock.
   */
  void offerHeartbeat(byte[] heartbeat, long nowNanos, long idleNanos) {
    if (nowNanos - lastQueuedNanos < idleNanos) {
      return;
    }
    boolean schedule;
    synchronized (this) {
      if (closeReason != null || scheduled) {
        return;
      }
      lastQueuedNanos = nowNanos;
      if (queue == null) {
        queue = new ArrayDeque<>(8);
      }
      queue.addLast(heartbeat);
      queuedBytes += heartbeat.length;
      schedule = markScheduled();
    }
    if (schedule) {
      fanOut.execute(this);
    }
  }

  /** True if a write has been in flight for longer than {@code timeoutNanos}. */
  synchronized boolean writeTimedOut(long nowNanos, long timeoutNanos) {
    return writing && closeReason == null && nowNanos - writeStartNanos > timeoutNanos;
  }

  /** True when nothing is queued or being written; tests wait for it before a housekeeping tick. */
  synchronized boolean deliveryIdle() {
    return !scheduled;
  }

  private boolean markScheduled() {
    if (scheduled) {
      return false;
    }
    scheduled = true;
    return true;
  }

  private void scheduleIfIdle() {
    boolean schedule;
    synchronized (this) {
      schedule = closeReason == null && markScheduled();
    }
    if (schedule) {
      fanOut.execute(this);
    }
  }

  /** The delivery loop, on a hub delivery thread. */
  @Override
  public void run() {
    while (true) {
      List<byte[]> batch;
      synchronized (this) {
        batch = closeReason == null ? takeBatch() : null;
        if (batch == null) {
          scheduled = false;
          return;
        }
        writing = true;
        writeStartNanos = fanOut.nanoTime();
      }
      phase.set(WRITING);
      try {
        sink.write(batch, this);
      } catch (RuntimeException e) {
        failed(e);
      }
      if (phase.compareAndSet(WRITING, RETURNED)) {
        return; // the completion arrives later and schedules this loop again
      }
    }
  }

  /** Takes the next frames to write, or null when there are none. */
  private List<byte[]> takeBatch() {
    List<byte[]> batch = null;
    int bytes = 0;
    while (bytes < MAX_BATCH_BYTES) {
      byte[] next;
      if (replay != null && replayNext < replay.size()) {
        next = replay.get(replayNext++);
        if (replayNext == replay.size()) {
          replay = null;
          replayNext = 0;
        }
      } else if (queue != null && !queue.isEmpty()) {
        next = queue.pollFirst();
        if (next == MARKER) {
          markerQueued = false;
          next = fanOut.droppedMarker(dropped);
          dropped = 0;
        } else {
          queuedBytes -= next.length;
        }
      } else {
        break;
      }
      if (batch == null) {
        batch = new ArrayList<>(4);
      }
      batch.add(next);
      bytes += next.length;
    }
    return batch;
  }

  @Override
  public void completed() {
    synchronized (this) {
      writing = false;
    }
    finishWrite();
  }

  @Override
  public void failed(Throwable cause) {
    synchronized (this) {
      writing = false;
    }
    fanOut.release(this, CloseReason.CLIENT_GONE, cause);
    finishWrite();
  }

  private void finishWrite() {
    if (phase.compareAndSet(WRITING, COMPLETED)) {
      return; // completed before write() returned: the loop in run() continues
    }
    if (phase.compareAndSet(RETURNED, COMPLETED)) {
      fanOut.execute(this); // still marked scheduled; continue on a delivery thread
    }
  }

  /**
   * Marks this subscriber released and discards its queue.
   *
   * @return true the first time only
   */
  synchronized boolean markClosed(CloseReason reason) {
    if (closeReason != null) {
      return false;
    }
    closeReason = reason;
    replay = null;
    queue = null;
    queuedBytes = 0;
    return true;
  }

  @Override
  public synchronized boolean isOpen() {
    return closeReason == null;
  }

  @Override
  public synchronized CloseReason closeReason() {
    return closeReason;
  }

  @Override
  public void close() {
    fanOut.release(this, CloseReason.CLOSED, null);
  }

  @Override
  public String toString() {
    return "Subscription{" + (isOpen() ? "open" : closeReason) + ", " + sink + "}";
  }
}
