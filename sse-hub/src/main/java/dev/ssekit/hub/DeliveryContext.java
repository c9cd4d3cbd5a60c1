package dev.ssekit.hub;

import dev.ssekit.core.ServerSentEvent;
import dev.ssekit.core.SseEncoder;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * What every topic of one hub shares to deliver to its subscribers: the threads, the clock, the
 * queue bounds and slow-subscriber policy, and the hub's own frames (preamble, reset, dropped
 * marker, id-only block).
 */
final class DeliveryContext {
  private final HubThreads threads;
  private final Ticker ticker;
  private final byte[] preamble;
  private final Function<String, ServerSentEvent> resetEvent;
  private final IntFunction<ServerSentEvent> droppedEvent;
  private final SlowSubscriberPolicy policy;
  private final int maxQueuedEvents;
  private final long maxQueuedBytes;
  private final HubObserver observer;

  DeliveryContext(HubConfig config, HubThreads threads) {
    this.threads = threads;
    this.ticker = config.ticker();
    this.preamble = config.preamble();
    this.resetEvent = config.resetEvent;
    this.droppedEvent = config.droppedEvent;
    this.policy = config.policy;
    this.maxQueuedEvents = config.maxQueuedEvents;
    this.maxQueuedBytes = config.maxQueuedBytes;
    this.observer = config.observer;
  }

  /** The hub's observer, or null when nobody observes (then nothing is measured for it). */
  HubObserver observer() {
    return observer;
  }

  HubThreads threads() {
    return threads;
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

  /** What every subscriber receives first: the retry hint, or a heartbeat. */
  byte[] preamble() {
    return preamble;
  }

  /** The reset event for a client whose {@code Last-Event-ID} is {@code unknownId}. */
  byte[] resetFrame(String unknownId) {
    return encodeWithoutId(resetEvent.apply(unknownId));
  }

  byte[] droppedMarker(int dropped) {
    return encodeWithoutId(droppedEvent.apply(dropped));
  }

  /**
   * An id-only block: it dispatches nothing but moves the client's last event ID to {@code id}, so
   * that a client that drops before its first event still resumes from there.
   */
  static byte[] idOnlyBlock(String id) {
    return EventLog.frame(id, new byte[] {'\n'});
  }

  private static byte[] encodeWithoutId(ServerSentEvent event) {
    // Markers must not move the client's last event id, or a reconnect would skip real events.
    return SseEncoder.encode(event.id() == null ? event : event.toBuilder().id(null).build());
  }
}
