package dev.ssekit.hub;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The hub's two kinds of threads: a delivery pool that writes to subscribers and one scheduler
 * thread for housekeeping and for closing sinks. Either is the hub's own, or the application's
 * (which the hub never shuts down).
 */
final class HubThreads {
  private final Executor delivery;
  private final ExecutorService ownedDelivery;
  private final ScheduledExecutorService scheduler;
  private final ScheduledExecutorService ownedScheduler;

  HubThreads(HubConfig config) {
    if (config.deliveryExecutor != null) {
      this.delivery = config.deliveryExecutor;
      this.ownedDelivery = null;
    } else {
      this.ownedDelivery =
          Executors.newFixedThreadPool(
              config.deliveryThreads, daemonThreads("ssekit-hub-delivery"));
      this.delivery = ownedDelivery;
    }
    if (config.scheduler != null) {
      this.scheduler = config.scheduler;
      this.ownedScheduler = null;
    } else {
      this.ownedScheduler =
          Executors.newSingleThreadScheduledExecutor(daemonThreads("ssekit-hub-scheduler"));
      this.scheduler = ownedScheduler;
    }
  }

  /** Runs {@code task} on a delivery thread; inline once the hub's own pool has shut down. */
  void deliver(Runnable task) {
    try {
      delivery.execute(task);
    } catch (RejectedExecutionException e) {
      task.run();
    }
  }

  /** Runs {@code task} on the scheduler thread every {@code periodNanos}. */
  ScheduledFuture<?> every(long periodNanos, Runnable task) {
    return scheduler.scheduleWithFixedDelay(task, periodNanos, periodNanos, TimeUnit.NANOSECONDS);
  }

  /**
   * Runs {@code task} exactly once on the scheduler thread, or inline when the scheduler no longer
   * takes tasks, so that the task is never lost.
   */
  void scheduleOnce(Runnable task) {
    AtomicBoolean ran = new AtomicBoolean();
    Runnable once =
        () -> {
          if (ran.compareAndSet(false, true)) {
            task.run();
          }
        };
    try {
      scheduler.execute(once);
    } catch (RejectedExecutionException e) {
      once.run();
      return;
    }
    if (scheduler.isShutdown()) {
      // A task submitted while the scheduler shuts down can be cancelled instead of rejected or
      // run; running it here as well (once, by the guard) means it is never lost.
      once.run();
    }
  }

  /** Stops the threads the hub started, after the tasks already queued (sink closes) have run. */
  void shutdown() {
    if (ownedScheduler != null) {
      ownedScheduler.shutdown();
    }
    if (ownedDelivery != null) {
      ownedDelivery.shutdown();
    }
  }

  private static ThreadFactory daemonThreads(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
