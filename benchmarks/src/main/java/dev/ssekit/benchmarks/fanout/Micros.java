package dev.ssekit.benchmarks.fanout;

import java.time.Instant;

/** Wall-clock time in epoch microseconds, comparable between processes on one machine. */
public final class Micros {
  private Micros() {}

  /** Now, in microseconds since the epoch (CLOCK_REALTIME, microsecond resolution on Linux). */
  public static long now() {
    Instant t = Instant.now();
    return t.getEpochSecond() * 1_000_000L + t.getNano() / 1_000;
  }
}
