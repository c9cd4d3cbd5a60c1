package dev.ssekit.hub;

import java.lang.System.Logger.Level;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The application's {@link HubObserver} as the hub calls it: an exception it throws is logged once
 * and goes no further, because the hub calls it from delivery threads and under its locks.
 */
final class GuardedObserver implements HubObserver {
  // Logged under the public class's name, the one users configure.
  private static final System.Logger LOG = System.getLogger(EventHub.class.getName());

  private final HubObserver observer;
  private final AtomicBoolean complained = new AtomicBoolean();

  GuardedObserver(HubObserver observer) {
    this.observer = observer;
  }

  private void complain(RuntimeException e) {
    if (complained.compareAndSet(false, true)) {
      LOG.log(Level.WARNING, "the hub's observer threw; further failures are not logged", e);
    }
  }

  @Override
  public void subscribed(String topic) {
    try {
      observer.subscribed(topic);
    } catch (RuntimeException e) {
      complain(e);
    }
  }

  @Override
  public void released(String topic, CloseReason reason) {
    try {
      observer.released(topic, reason);
    } catch (RuntimeException e) {
      complain(e);
    }
  }

  @Override
  public void published(String topic) {
    try {
      observer.published(topic);
    } catch (RuntimeException e) {
      complain(e);
    }
  }

  @Override
  public void written(int frames, int events, long bytes) {
    try {
      observer.written(frames, events, bytes);
    } catch (RuntimeException e) {
      complain(e);
    }
  }

  @Override
  public void delivered(long nanos) {
    try {
      observer.delivered(nanos);
    } catch (RuntimeException e) {
      complain(e);
    }
  }

  @Override
  public void heartbeat() {
    try {
      observer.heartbeat();
    } catch (RuntimeException e) {
      complain(e);
    }
  }

  @Override
  public void dropped(String topic, int events) {
    try {
      observer.dropped(topic, events);
    } catch (RuntimeException e) {
      complain(e);
    }
  }

  @Override
  public void resumed(String topic, int events) {
    try {
      observer.resumed(topic, events);
    } catch (RuntimeException e) {
      complain(e);
    }
  }

  @Override
  public void reset(String topic) {
    try {
      observer.reset(topic);
    } catch (RuntimeException e) {
      complain(e);
    }
  }

  @Override
  public void logLost(String topic, int subscribers) {
    try {
      observer.logLost(topic, subscribers);
    } catch (RuntimeException e) {
      complain(e);
    }
  }

  @Override
  public void refused(String topic, Refusal refusal) {
    try {
      observer.refused(topic, refusal);
    } catch (RuntimeException e) {
      complain(e);
    }
  }
}
