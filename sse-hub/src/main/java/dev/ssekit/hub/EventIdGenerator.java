package dev.ssekit.hub;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Makes the ids an {@link EventHub} gives events published without one. The hub calls it in each
 * topic's publish order, so a counter yields ids that increase with publication; one generator
 * serves every topic, and topics publish in parallel, so it must be thread-safe (as {@link
 * #sequence()} is). Ids must be visible ASCII (no spaces or control characters) so that they come
 * back unchanged in a {@code Last-Event-ID} header, and must not repeat an id still in the topic's
 * replay window (the hub then refuses to publish).
 */
@FunctionalInterface
public interface EventIdGenerator {

  /** The next id. */
  String nextId();

  /** Decimal ids {@code 1, 2, 3, …}. Ids repeat after a restart; see {@link #perProcess()}. */
  static EventIdGenerator sequence() {
    return sequence("");
  }

  /** Ids {@code prefix + 1, prefix + 2, …}. */
  static EventIdGenerator sequence(String prefix) {
    String p = prefix;
    AtomicLong counter = new AtomicLong();
    return () -> p + counter.incrementAndGet();
  }

  /**
   * The default: ids {@code <start>-1, <start>-2, …} where {@code <start>} is the time this
   * generator was made (once per hub, when it is built), in milliseconds and base 36. After a
   * restart a client's old id is unknown (and gets the reset event) instead of silently matching a
   * different event with the same number.
   */
  static EventIdGenerator perProcess() {
    return sequence(Long.toString(System.currentTimeMillis(), 36) + "-");
  }
}
