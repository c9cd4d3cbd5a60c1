package dev.ssekit.hub;

import dev.ssekit.core.ServerSentEvent;
import dev.ssekit.core.SseEncoder;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.Predicate;

/**
 * The subscribers of one hub and the publishing lock that orders everything they see: publishing
 * (log and enqueue in one step), subscribing (replay and join in one step) and releasing.
 */
final class FanOut {
  // Logged under the public class's name, the one users configure.
  private static final System.Logger LOG = System.getLogger(EventHub.class.getName());

  private final Object lock = new Object();
  // Guarded by lock.
  private final List<HubSubscriber> subscribers = new ArrayList<>();
  private final SseEncoder encoder = new SseEncoder();
  private String latestId;
  private boolean closed;

  private volatile int subscriberCount;

  private final EventLog log;
  private final EventIds ids;
  private final HubThreads threads;
  private final Ticker ticker;
  private final byte[] preamble;
  private final Function<String, ServerSentEvent> resetEvent;
  private final IntFunction<ServerSentEvent> droppedEvent;
  private final SlowSubscriberPolicy policy;
  private final int maxQueuedEvents;
  private final long maxQueuedBytes;

  FanOut(HubConfig config, EventIds ids, HubThreads threads) {
    this.log = config.eventLog();
    this.ids = ids;
    this.threads = threads;
    this.ticker = config.ticker();
    this.preamble = config.preamble();
    this.resetEvent = config.resetEvent;
    this.droppedEvent = config.droppedEvent;
    this.policy = config.policy;
    this.maxQueuedEvents = config.maxQueuedEvents;
    this.maxQueuedBytes = config.maxQueuedBytes;
  }

  /**
   * Assigns the event's id, encodes it once, logs it and queues it for every subscriber.
   *
   * @param ownId the event's own (checked) id, or null to have one assigned
   * @param encode appends the event's frame, with the given id, to the encoder
   * @return the event's id
   */
  String publish(String ownId, BiConsumer<SseEncoder, String> encode) {
    synchronized (lock) {
      checkOpen();
      String id = ids.assign(ownId, log);
      encoder.reset();
      encode.accept(encoder, id);
      byte[] frame = encoder.toByteArray();
      log.append(id, frame);
      latestId = id;
      long now = ticker.nanoTime();
      sweep(s -> s.enqueue(frame, now), CloseReason.TOO_SLOW);
      return id;
    }
  }

  /**
   * Adds a subscriber with its preamble and replay; see {@link EventHub#subscribe(SubscriberSink,
   * String, Consumer)}.
   *
   * @param lastEventId an already checked {@code Last-Event-ID}, or null for a new client
   */
  Subscription subscribe(
      SubscriberSink sink, String lastEventId, Consumer<? super Subscription> onClose) {
    HubSubscriber s = new HubSubscriber(this, sink, onClose);
    synchronized (lock) {
      checkOpen();
      List<byte[]> first = new ArrayList<>(3);
      first.add(preamble);
      EventLog.Replay replay = lastEventId == null ? null : log.replayAfter(lastEventId);
      boolean resumes = replay != null && replay.isKnown();
      if (replay != null && !resumes) {
        first.add(encodeWithoutId(resetEvent.apply(lastEventId)));
      }
      if (!resumes && latestId != null) {
        // An id-only block moves the client's last event ID to the present without dispatching
        // anything, so a client that drops before its first event still resumes from here.
        encoder.reset();
        first.add(encoder.append(ServerSentEvent.builder().id(latestId).build()).toByteArray());
      }
      s.addReplay(first);
      if (resumes) {
        s.addReplay(replay.frames());
      }
      s.index = subscribers.size();
      subscribers.add(s);
      subscriberCount = subscribers.size();
    }
    s.start();
    return s;
  }

  /**
   * Runs {@code keep} on every subscriber under the publishing lock, then releases those it
   * returned false for with {@code reason}.
   */
  void sweep(Predicate<HubSubscriber> keep, CloseReason reason) {
    synchronized (lock) {
      List<HubSubscriber> toRelease = null;
      for (int i = 0, n = subscribers.size(); i < n; i++) {
        HubSubscriber s = subscribers.get(i);
        if (!keep.test(s)) {
          if (toRelease == null) {
            toRelease = new ArrayList<>();
          }
          toRelease.add(s);
        }
      }
      if (toRelease != null) {
        for (HubSubscriber s : toRelease) {
          release(s, reason, null);
        }
      }
    }
  }

  /** Releases every current subscriber with {@code reason}; returns how many there were. */
  int releaseAll(CloseReason reason) {
    List<HubSubscriber> all;
    synchronized (lock) {
      all = new ArrayList<>(subscribers);
    }
    for (HubSubscriber s : all) {
      release(s, reason, null);
    }
    return all.size();
  }

  /**
   * Refuses publishing and subscribing from now on and releases everyone ({@link
   * CloseReason#HUB_CLOSED}).
   *
   * @return true the first time only
   */
  boolean close() {
    synchronized (lock) {
      if (closed) {
        return false;
      }
      closed = true;
    }
    releaseAll(CloseReason.HUB_CLOSED);
    return true;
  }

  /** Releases {@code s} once: out of the fan-out, sink closed, callback run. */
  void release(HubSubscriber s, CloseReason reason, Throwable cause) {
    if (!s.markClosed(reason)) {
      return;
    }
    synchronized (lock) {
      int i = s.index;
      if (i >= 0) {
        HubSubscriber last = subscribers.remove(subscribers.size() - 1);
        if (last != s) {
          subscribers.set(i, last);
          last.index = i;
        }
        s.index = -1;
      }
      subscriberCount = subscribers.size();
    }
    if (cause != null) {
      LOG.log(Level.DEBUG, () -> "subscriber released: " + reason, cause);
    }
    // The sink is closed on the scheduler thread, not a delivery thread: closing is what aborts a
    // write stuck on a client that stopped reading, and when such clients occupy every delivery
    // thread, a close queued behind them would wait for the container's own write timeout.
    threads.scheduleOnce(
        () -> {
          closeSinkQuietly(s);
          threads.deliver(() -> runOnClose(s));
        });
  }

  private static void closeSinkQuietly(HubSubscriber s) {
    try {
      s.sink().close();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "SubscriberSink.close() threw", e);
    }
  }

  private static void runOnClose(HubSubscriber s) {
    Consumer<? super Subscription> onClose = s.onClose();
    if (onClose != null) {
      try {
        onClose.accept(s);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "a subscriber's close callback threw", e);
      }
    }
  }

  int subscriberCount() {
    return subscriberCount;
  }

  /** Runs {@code task} on a delivery thread. */
  void execute(Runnable task) {
    threads.deliver(task);
  }

  long nanoTime() {
    return ticker.nanoTime();
  }

  SlowSubscriberPolicy slowSubscriberPolicy() {
    return policy;
  }

  int maxQueuedEvents() {
    return maxQueuedEvents;
  }

  long maxQueuedBytes() {
    return maxQueuedBytes;
  }

  byte[] droppedMarker(int dropped) {
    return new SseEncoder().append(withoutId(droppedEvent.apply(dropped))).toByteArray();
  }

  private byte[] encodeWithoutId(ServerSentEvent event) {
    encoder.reset();
    return encoder.append(withoutId(event)).toByteArray();
  }

  private static ServerSentEvent withoutId(ServerSentEvent event) {
    // Markers must not move the client's last event id, or a reconnect would skip real events.
    return event.id() == null ? event : event.toBuilder().id(null).build();
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("the hub is closed");
    }
  }
}
