package dev.ssekit.hub;

/**
 * The monotonic time an {@link EventHub} measures idleness and write durations on. {@link
 * System#nanoTime()} in production; tests substitute a clock they move by hand, so that heartbeat
 * and timeout decisions follow the test's time, not the machine's speed.
 */
@FunctionalInterface
interface Ticker {
  /** The system's monotonic time. */
  Ticker SYSTEM = System::nanoTime;

  /** The current time in nanoseconds, comparable only with other readings of this ticker. */
  long nanoTime();
}
