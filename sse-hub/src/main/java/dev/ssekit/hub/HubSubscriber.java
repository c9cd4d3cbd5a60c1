package dev.ssekit.hub;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
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

  private final TopicFanOut topic;
  private final DeliveryContext delivery;
  private final SubscriberSink sink;
  private final Consumer<? super Subscription> onClose;
  private final AtomicInteger phase = new AtomicInteger();
  private final HubObserver observer;

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

  // For the observer only (guarded by this): when the oldest live event still queued was queued,
  // and what the write in flight carries.
  private boolean liveQueued;
  private long liveQueuedNanos;
  private boolean batchTimed;
  private long batchQueuedNanos;
  private int batchFrames;
  private int batchBytes;
  private int batchHeartbeats;
  private int batchEvents;
  // The heartbeat the tick queues, one array for the hub: told apart from events by identity.
  private byte[] heartbeatFrame;

  // Live events that arrive while the subscriber joins (its replay is being fetched) are held
  // back, with their ids, and go out after the replay.
  private boolean joining = true;
  private List<byte[]> heldFrames;
  private List<String> heldIds;
  private CompletableFuture<?> replayInFlight;

  /** Live events up to and including this id are skipped: the client has seen them elsewhere. */
  private String skipThroughId;

  /** When data was last queued; read by the heartbeat tick. */
  private volatile long lastQueuedNanos;

  HubSubscriber(
      TopicFanOut topic,
      DeliveryContext delivery,
      SubscriberSink sink,
      Consumer<? super Subscription> onClose) {
    this.topic = topic;
    this.delivery = delivery;
    this.sink = sink;
    this.onClose = onClose;
    this.observer = delivery.observer();
    this.lastQueuedNanos = delivery.nanoTime();
    this.replay = new ArrayList<>(4);
    replay.add(delivery.preamble());
  }

  SubscriberSink sink() {
    return sink;
  }

  Consumer<? super Subscription> onClose() {
    return onClose;
  }

  /** Starts delivering: the preamble, then heartbeats until the join completes. */
  void start() {
    scheduleIfIdle();
  }

  /** Notes the replay being fetched, so that releasing this subscriber cancels it. */
  synchronized void awaitReplay(CompletableFuture<?> replay) {
    if (closeReason != null) {
      replay.cancel(false);
    } else {
      replayInFlight = replay;
    }
  }

  /**
   * Ends the join: {@code frames} (the replay, or the reset and id-only blocks) go out before
   * anything queued and outside the queue's bounds, since the log already holds them; then the live
   * events held back meanwhile.
   *
   * @param skipThroughId when not null, live events up to and including this id are skipped
   */
  void completeJoin(List<byte[]> frames, String skipThroughId) {
    synchronized (this) {
      if (closeReason != null || !joining) {
        return;
      }
      joining = false;
      replayInFlight = null;
      if (replay == null) {
        replay = new ArrayList<>(frames.size() + (heldFrames == null ? 0 : heldFrames.size()));
      }
      replay.addAll(frames);
      this.skipThroughId = skipThroughId;
      if (heldFrames != null) {
        for (int i = 0; i < heldFrames.size(); i++) {
          if (!skipped(heldIds.get(i))) {
            replay.add(heldFrames.get(i));
          }
        }
        heldFrames = null;
        heldIds = null;
      }
    }
    scheduleIfIdle();
  }

  /** True if the live event {@code id} is one to skip; passing the last one ends the skipping. */
  private boolean skipped(String id) {
    if (skipThroughId == null) {
      return false;
    }
    if (id == null) {
      skipThroughId = null; // a reset: the skipped-to event may be lost, so skipping ends here
      return false;
    }
    if (skipThroughId.equals(id)) {
      skipThroughId = null;
    }
    return true;
  }

  /**
   * Queues a live frame, applying the slow-subscriber policy. Called with the fan-out's lock held.
   *
   * @return false when the policy says to disconnect this subscriber (the caller releases it)
   */
  boolean enqueue(byte[] frame, String id, long nowNanos) {
    synchronized (this) {
      if (closeReason != null) {
        return true;
      }
      if (joining) {
        return hold(frame, id);
      }
      if (skipped(id)) {
        return true;
      }
    }
    return enqueue(frame, nowNanos);
  }

  /**
   * Queues the reset event for events the log lost, ending any skipping: the event it waited for
   * may be among the lost. Called with the fan-out's lock held.
   */
  boolean enqueueReset(byte[] reset, long nowNanos) {
    synchronized (this) {
      if (closeReason != null) {
        return true;
      }
      skipThroughId = null;
      if (joining) {
        return hold(reset, null);
      }
    }
    return enqueue(reset, nowNanos);
  }

  private boolean hold(byte[] frame, String id) {
    if (heldFrames == null) {
      heldFrames = new ArrayList<>();
      heldIds = new ArrayList<>();
    }
    heldFrames.add(frame);
    heldIds.add(id);
    // A join waits for one replay; a client that cannot join before this many events is treated
    // as too slow, and reconnects with its Last-Event-ID.
    return heldFrames.size() <= delivery.maxQueuedEvents();
  }

  private boolean enqueue(byte[] frame, long nowNanos) {
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
        if (delivery.slowSubscriberPolicy() == SlowSubscriberPolicy.DISCONNECT) {
          return false;
        }
        dropOldestFor(frame.length);
      }
      queue.addLast(frame);
      queuedBytes += frame.length;
      if (observer != null && !liveQueued) {
        liveQueued = true;
        liveQueuedNanos = nowNanos;
      }
      schedule = markScheduled();
    }
    if (schedule) {
      delivery.execute(this);
    }
    return true;
  }

  private boolean fits(int frameLength) {
    int events = queue.size() - (markerQueued ? 1 : 0);
    // An event larger than the byte bound still fits into an empty queue, alone.
    return events == 0
        || (events < delivery.maxQueuedEvents()
            && queuedBytes + frameLength <= delivery.maxQueuedBytes());
  }

  private void dropOldestFor(int frameLength) {
    if (markerQueued) {
      queue.pollFirst();
      markerQueued = false;
    }
    int before = dropped;
    while (!queue.isEmpty() && !fits(frameLength)) {
      queuedBytes -= queue.pollFirst().length;
      dropped++;
    }
    if (observer != null) {
      observer.dropped(topic.name(), dropped - before);
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
      heartbeatFrame = heartbeat;
      schedule = markScheduled();
    }
    if (schedule) {
      delivery.execute(this);
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
      delivery.execute(this);
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
        writeStartNanos = delivery.nanoTime();
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
    int heartbeats = 0;
    int events = 0;
    boolean live = false;
    while (bytes < MAX_BATCH_BYTES) {
      byte[] next;
      if (replay != null && replayNext < replay.size()) {
        next = replay.get(replayNext++);
        if (replayNext == replay.size()) {
          replay = null;
          replayNext = 0;
        }
        if (observer != null && next != delivery.preamble() && !isIdOnly(next)) {
          events++; // resent, held back during the join, or the reset event
        }
      } else if (queue != null && !queue.isEmpty()) {
        live = true;
        next = queue.pollFirst();
        if (next == MARKER) {
          markerQueued = false;
          next = delivery.droppedMarker(dropped);
          dropped = 0;
          events++;
        } else {
          queuedBytes -= next.length;
          if (next == heartbeatFrame) {
            heartbeats++;
          } else {
            events++;
          }
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
    if (observer != null && batch != null) {
      noteBatch(batch.size(), events, bytes, heartbeats, live);
    }
    return batch;
  }

  /** True for a block that carries an id alone ({@link DeliveryContext#idOnlyBlock}): no event. */
  private static boolean isIdOnly(byte[] frame) {
    if (frame.length < 4 || frame[0] != 'i' || frame[1] != 'd' || frame[2] != ':') {
      return false;
    }
    int i = 3;
    while (frame[i] != '\n') {
      i++;
    }
    return i == frame.length - 2; // its one line, then the empty line that ends it
  }

  private void noteBatch(int frames, int events, int bytes, int heartbeats, boolean live) {
    batchFrames = frames;
    batchEvents = events;
    batchBytes = bytes;
    batchHeartbeats = heartbeats;
    batchTimed = live && liveQueued;
    batchQueuedNanos = liveQueuedNanos;
    if (queue == null || queue.isEmpty()) {
      liveQueued = false;
    }
  }

  /** Tells the observer of the write that just completed. */
  private void reportWrite() {
    int frames;
    int events;
    int bytes;
    int heartbeats;
    boolean timed;
    long queuedNanos;
    synchronized (this) {
      frames = batchFrames;
      events = batchEvents;
      bytes = batchBytes;
      heartbeats = batchHeartbeats;
      timed = batchTimed;
      queuedNanos = batchQueuedNanos;
    }
    observer.written(frames, events, bytes);
    for (int i = 0; i < heartbeats; i++) {
      observer.heartbeat();
    }
    if (timed) {
      observer.delivered(delivery.nanoTime() - queuedNanos);
    }
  }

  @Override
  public void completed() {
    synchronized (this) {
      writing = false;
    }
    if (observer != null) {
      reportWrite();
    }
    finishWrite();
  }

  @Override
  public void failed(Throwable cause) {
    synchronized (this) {
      writing = false;
    }
    topic.release(this, CloseReason.CLIENT_GONE, cause);
    finishWrite();
  }

  private void finishWrite() {
    if (phase.compareAndSet(WRITING, COMPLETED)) {
      return; // completed before write() returned: the loop in run() continues
    }
    if (phase.compareAndSet(RETURNED, COMPLETED)) {
      delivery.execute(this); // still marked scheduled; continue on a delivery thread
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
    heldFrames = null;
    heldIds = null;
    if (replayInFlight != null) {
      replayInFlight.cancel(false);
      replayInFlight = null;
    }
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
    topic.release(this, CloseReason.CLOSED, null);
  }

  @Override
  public void clientGone(Throwable cause) {
    topic.release(this, CloseReason.CLIENT_GONE, cause);
  }

  @Override
  public String toString() {
    return "Subscription{" + (isOpen() ? "open" : closeReason) + ", " + sink + "}";
  }
}
