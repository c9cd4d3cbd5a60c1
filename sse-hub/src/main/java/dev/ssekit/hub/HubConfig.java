package dev.ssekit.hub;

import dev.ssekit.core.CodecRegistry;
import dev.ssekit.core.ServerSentEvent;
import dev.ssekit.core.SseEncoder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * Everything an {@link EventHub.Builder} collects, with the defaults its methods document, and the
 * values the hub's parts derive from it. The builder validates; this class only holds.
 */
final class HubConfig {
  CodecRegistry codecs;
  EventLog log;
  int replayEvents = 1000;
  Duration replayAge = Duration.ofMinutes(5);
  TopicAuthorizer authorizer = TopicAuthorizer.defaultTopicOnly();
  CorsPolicy cors = CorsPolicy.none();
  EventIdGenerator ids = EventIdGenerator.perProcess();
  Function<String, ServerSentEvent> resetEvent =
      id -> ServerSentEvent.of(EventHub.RESET_EVENT_TYPE, id);
  IntFunction<ServerSentEvent> droppedEvent =
      n -> ServerSentEvent.of(EventHub.DROPPED_EVENT_TYPE, Integer.toString(n));
  SlowSubscriberPolicy policy = SlowSubscriberPolicy.DISCONNECT;
  int maxQueuedEvents = 1024;
  long maxQueuedBytes = 1 << 20;
  int maxLastEventIdLength = 256;
  Duration retry = Duration.ofSeconds(3);
  Duration heartbeatInterval = Duration.ofSeconds(15);
  Duration writeTimeout = Duration.ofSeconds(10);
  Executor deliveryExecutor;
  int deliveryThreads = Math.max(2, Runtime.getRuntime().availableProcessors());
  ScheduledExecutorService scheduler;

  /** The application's observer, guarded; null when none was set, so that nothing is reported. */
  HubObserver observer;

  /** Null for the system's clocks; set only by tests. */
  Clock clock;

  /** The default in-memory log, bounded by the replay window; used when no log is configured. */
  MemoryLog memoryLog(EventIds eventIds) {
    return new MemoryLog(
        replayEvents,
        replayAge.toMillis(),
        ids,
        eventIds,
        clock == null ? Clock.systemUTC() : clock,
        EventHub.DEFAULT_TOPIC);
  }

  /** {@link System#nanoTime()}, or the test's clock read as nanoseconds. */
  Ticker ticker() {
    Clock c = clock;
    if (c == null) {
      return Ticker.SYSTEM;
    }
    return () -> {
      Instant now = c.instant();
      return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    };
  }

  /** What every subscriber receives first: the retry hint, or a heartbeat to start the response. */
  byte[] preamble() {
    return retry != null ? SseEncoder.retryFrame(retry.toMillis()) : SseEncoder.heartbeat();
  }

  /** How often housekeeping runs: often enough to keep heartbeats and timeouts within 1/4. */
  long tickNanos() {
    return Math.max(Math.min(heartbeatInterval.toNanos(), writeTimeout.toNanos()) / 4, 1_000_000L);
  }

  /**
   * How long a subscriber may be idle before a tick sends a heartbeat: one interval less one tick,
   * so the gap a client sees never exceeds the interval.
   */
  long heartbeatIdleNanos() {
    return Math.max(heartbeatInterval.toNanos() - tickNanos(), 0);
  }
}
