package dev.ssekit.samples;

import dev.ssekit.core.ServerSentEvent;
import dev.ssekit.hub.EventHub;
import dev.ssekit.hub.EventLogUnavailableException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Feeds the ping stream like the seed's PHP example: a typed {@link Ping} every second and, at
 * random intervals of one to ten seconds, an unnamed message ("This is a message at time …").
 *
 * <p>When several nodes share the ping stream, each one ticks just after the start of every second
 * but only the node that wins the second's {@link Lease} publishes, so clients see one ping per
 * second whatever the number of nodes; the winner also publishes the unnamed message when the
 * message lease (held for a random one to ten seconds) is free.
 */
final class PingTicker {
  /** How long after the start of each second the nodes of a cluster tick. */
  static final long SHARED_TICK_OFFSET_MILLIS = 100;

  private final EventHub hub;
  private final ScheduledExecutorService timer;
  private final Lease lease;

  /**
   * @param lease decides which node publishes, or {@code null} for a node on its own
   */
  PingTicker(EventHub hub, ScheduledExecutorService timer, Lease lease) {
    this.hub = hub;
    this.timer = timer;
    this.lease = lease;
  }

  /** Shared among nodes: who publishes this second's ping, and the next unnamed message. */
  interface Lease {
    /**
     * True for exactly one of the nodes that ask within the same second (of the shared clock);
     * false for the others, and when it cannot be decided now (Redis is unreachable).
     */
    boolean claimSecond();

    /**
     * True if the message lease is free (the hold its last holder chose has run out), and this node
     * now holds it for {@code hold}; false otherwise, and when it cannot be decided now.
     */
    boolean claimMessage(Duration hold);
  }

  void start() {
    if (lease == null) {
      timer.scheduleAtFixedRate(() -> publish(new Ping(Instant.now())), 1, 1, TimeUnit.SECONDS);
      scheduleMessage();
    } else {
      scheduleSharedTick();
    }
  }

  /**
   * Every node ticks {@link #SHARED_TICK_OFFSET_MILLIS} after each second of its clock, so that the
   * nodes (whose clocks agree, on one machine or through NTP) ask for the same second of Redis's
   * clock at about the same time: whichever wins, pings stay about a second apart.
   */
  private void scheduleSharedTick() {
    long millis = System.currentTimeMillis() % 1000;
    long delay = (1000 - millis + SHARED_TICK_OFFSET_MILLIS) % 1000;
    try {
      timer.schedule(
          () -> {
            sharedTick();
            scheduleSharedTick();
          },
          delay == 0 ? 1000 : delay,
          TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException stopped) {
      // The server is shutting down.
    }
  }

  private void sharedTick() {
    Instant now = Instant.now();
    if (!lease.claimSecond()) {
      return;
    }
    publish(new Ping(now));
    if (lease.claimMessage(Duration.ofMillis(randomDelayMillis()))) {
      publish(ServerSentEvent.of("This is a message at time " + Instant.now()));
    }
  }

  private void scheduleMessage() {
    try {
      timer.schedule(
          () -> {
            publish(ServerSentEvent.of("This is a message at time " + Instant.now()));
            scheduleMessage();
          },
          randomDelayMillis(),
          TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException stopped) {
      // The server is shutting down.
    }
  }

  private static long randomDelayMillis() {
    return ThreadLocalRandom.current().nextLong(1_000, 10_001);
  }

  private void publish(Object event) {
    try {
      hub.publish(event);
    } catch (EventLogUnavailableException e) {
      // Redis is down: this ping is skipped; the next second tries again.
    } catch (IllegalStateException closed) {
      // Shutting down: the hub closed before the timer stopped.
    }
  }
}
