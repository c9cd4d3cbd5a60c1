package dev.ssekit.hub;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The subscribers of one topic on this node, and the lock that orders what they see. It follows
 * the topic in the {@link EventLog} while it has subscribers and queues every event the log hands
 * over for each of them.
 *
 * <p>A subscriber joins in two steps, so that the log is never asked anything under the lock: it is
 * registered, holding back live events, and the topic's latest id {@code p} is noted; then the
 * replay up to {@code p} is fetched; then the replay and the held-back events go out, in that
 * order. Live events are all after {@code p} and the replay ends at it: no gap, no duplicate.
 */
final class TopicFanOut implements EventLog.Follower {
  // Logged under the public class's name, the one users configure.
  private static final System.Logger LOG = System.getLogger(EventHub.class.getName());

  private final String name;
  private final Topics topics;
  private final DeliveryContext delivery;
  private final boolean pinned;
  private final HubObserver observer;

  private final Object lock = new Object();
  // Guarded by lock.
  private final List<HubSubscriber> subscribers = new ArrayList<>();
  private List<Joiner> waitingForStart = new ArrayList<>();
  private boolean started;
  private String latestId;
  private boolean retired;
  private boolean closed;

  private volatile int subscriberCount;

  /** A subscriber registered before the log started this topic, with its checked id. */
  private static final class Joiner {
    final HubSubscriber subscriber;
    final String lastEventId;

    Joiner(HubSubscriber subscriber, String lastEventId) {
      this.subscriber = subscriber;
      this.lastEventId = lastEventId;
    }
  }

  TopicFanOut(String name, Topics topics, DeliveryContext delivery, boolean pinned) {
    this.name = name;
    this.topics = topics;
    this.delivery = delivery;
    this.pinned = pinned;
    this.observer = delivery.observer();
  }

  String name() {
    return name;
  }

  /**
   * Adds a subscriber; see {@link Topic#subscribe(SubscriberSink, String, Consumer)}.
   *
   * @param lastEventId an already checked {@code Last-Event-ID}, or null for a new client
   * @return null if this fan-out has retired (its last subscriber left): look the topic up again
   * @throws IllegalStateException if the hub is closed
   */
  Subscription subscribe(
      SubscriberSink sink, String lastEventId, Consumer<? super Subscription> onClose) {
    HubSubscriber s = new HubSubscriber(this, delivery, sink, onClose);
    boolean join;
    String p;
    synchronized (lock) {
      if (closed) {
        throw new IllegalStateException("the hub is closed");
      }
      if (retired) {
        return null;
      }
      s.index = subscribers.size();
      subscribers.add(s);
      subscriberCount = subscribers.size();
      if (observer != null) {
        observer.subscribed(name);
      }
      join = started;
      p = latestId;
      if (!started) {
        waitingForStart.add(new Joiner(s, lastEventId));
      }
    }
    s.start(); // the preamble goes out at once, and heartbeats while the replay is fetched
    if (join) {
      join(s, lastEventId, p);
    }
    return s;
  }

  private void join(HubSubscriber s, String lastEventId, String p) {
    if (lastEventId == null) {
      s.completeJoin(p == null ? List.of() : List.of(DeliveryContext.idOnlyBlock(p)), null);
      return;
    }
    CompletableFuture<EventLog.Replay> replay;
    try {
      replay = topics.log().replay(name, lastEventId, p).toCompletableFuture();
    } catch (RuntimeException e) {
      replay = CompletableFuture.failedFuture(e);
    }
    s.awaitReplay(replay);
    replay.whenComplete(
        (r, failure) -> {
          if (failure != null) {
            Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
            if (!(cause instanceof CancellationException)) {
              LOG.log(Level.WARNING, "replay of topic " + name + " failed", cause);
              release(s, CloseReason.REPLAY_FAILED, cause);
            }
          } else if (r.isKnown()) {
            if (observer != null) {
              observer.resumed(name, r.frames().size());
            }
            s.completeJoin(r.frames(), r.aheadId());
          } else {
            if (observer != null) {
              observer.reset(name);
            }
            List<byte[]> frames = new ArrayList<>(2);
            frames.add(delivery.resetFrame(lastEventId));
            if (p != null) {
              frames.add(DeliveryContext.idOnlyBlock(p));
            }
            s.completeJoin(frames, null);
          }
        });
  }

  @Override
  public void started(String latestId) {
    List<Joiner> joiners;
    boolean unfollow;
    synchronized (lock) {
      if (started) {
        throw new IllegalStateException("topic " + name + " was started twice by its EventLog");
      }
      started = true;
      this.latestId = latestId;
      joiners = waitingForStart;
      waitingForStart = null;
      // Retired before the log started it (its subscribers came and went): retire's unfollow may
      // have reached the log before follow did.
      unfollow = retired;
    }
    if (unfollow) {
      topics.log().unfollow(name, this);
    }
    for (Joiner j : joiners) {
      join(j.subscriber, j.lastEventId, latestId);
    }
  }

  @Override
  public void event(String id, byte[] frame) {
    synchronized (lock) {
      latestId = id;
      long now = delivery.nanoTime();
      sweep(s -> s.enqueue(frame, id, now), CloseReason.TOO_SLOW);
    }
  }

  @Override
  public void lost(String latestIdBeforeLoss) {
    byte[] reset = delivery.resetFrame(latestIdBeforeLoss == null ? "" : latestIdBeforeLoss);
    synchronized (lock) {
      // New clients must not be handed an id from before the loss: it names nothing any more.
      latestId = null;
      long now = delivery.nanoTime();
      sweep(s -> s.enqueueReset(reset, now), CloseReason.TOO_SLOW);
      if (observer != null) {
        observer.logLost(name, subscribers.size());
      }
    }
    LOG.log(
        Level.WARNING,
        () ->
            "the event log lost events of topic "
                + name
                + "; its "
                + subscriberCount
                + " subscribers here were sent the reset event");
  }

  /**
   * Runs {@code keep} on every subscriber under the lock, then releases those it returned false
   * for with {@code reason}.
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

  /** Refuses subscribers from now on and releases everyone ({@link CloseReason#HUB_CLOSED}). */
  void close() {
    synchronized (lock) {
      closed = true;
    }
    releaseAll(CloseReason.HUB_CLOSED);
  }

  /** Releases {@code s} once: out of the fan-out, sink closed, callback run. */
  void release(HubSubscriber s, CloseReason reason, Throwable cause) {
    if (!s.markClosed(reason)) {
      return;
    }
    boolean retire = false;
    synchronized (lock) {
      int i = s.index;
      if (i >= 0) {
        HubSubscriber last = subscribers.remove(subscribers.size() - 1);
        if (last != s) {
          subscribers.set(i, last);
          last.index = i;
        }
        s.index = -1;
        if (observer != null) {
          observer.released(name, reason);
        }
      }
      subscriberCount = subscribers.size();
      if (subscribers.isEmpty() && !pinned && !retired) {
        retired = true;
        retire = true;
      }
    }
    if (cause != null) {
      LOG.log(Level.DEBUG, () -> "subscriber released: " + reason, cause);
    }
    // The sink is closed on the scheduler thread, not a delivery thread: closing is what aborts a
    // write stuck on a client that stopped reading, and when such clients occupy every delivery
    // thread, a close queued behind them would wait for the container's own write timeout.
    // Retiring runs there too, because release may run under this fan-out's lock (a sweep) and
    // unfollowing takes the log's lock, which the log holds while it hands events to this lock.
    boolean unfollow = retire;
    HubThreads threads = delivery.threads();
    threads.scheduleOnce(
        () -> {
          if (unfollow) {
            retireQuietly();
          }
          closeSinkQuietly(s);
          threads.deliver(() -> runOnClose(s));
        });
  }

  /** Retires this fan-out; a log that fails to unfollow must not keep the sink from closing. */
  private void retireQuietly() {
    try {
      topics.retire(this);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "the event log failed to unfollow topic " + name, e);
    }
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
}
