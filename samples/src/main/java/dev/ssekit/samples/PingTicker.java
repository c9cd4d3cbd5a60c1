package dev.ssekit.samples;

import dev.ssekit.core.ServerSentEvent;
import dev.ssekit.hub.EventHub;
import java.time.Instant;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Feeds the ping stream like the seed's PHP example: a typed {@link Ping} every second and, at
 * random intervals of one to ten seconds, an unnamed message ("This is a message at time …").
 */
final class PingTicker {
  private final EventHub hub;
  private final ScheduledExecutorService timer;

  PingTicker(EventHub hub, ScheduledExecutorService timer) {
    this.hub = hub;
    this.timer = timer;
  }

  void start() {
    timer.scheduleAtFixedRate(() -> publish(new Ping(Instant.now())), 1, 1, TimeUnit.SECONDS);
    scheduleMessage();
  }

  private void scheduleMessage() {
    long delay = ThreadLocalRandom.current().nextLong(1_000, 10_001);
    try {
      timer.schedule(
          () -> {
            publish(ServerSentEvent.of("This is a message at time " + Instant.now()));
            scheduleMessage();
          },
          delay,
          TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException stopped) {
      // The server is shutting down.
    }
  }

  private void publish(Object event) {
    try {
      hub.publish(event);
    } catch (IllegalStateException closed) {
      // Shutting down: the hub closed before the timer stopped.
    }
  }
}
