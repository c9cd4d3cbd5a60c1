package dev.ssekit.client.internal;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Reconnect delays: the server's retry time, doubled per consecutive failure, capped, jittered. */
public final class Backoff {
  private Backoff() {}

  /**
   * The delay before the next attempt.
   *
   * @param retryMillis the reconnection time (the server's {@code retry}, else the default)
   * @param streak consecutive failed attempts, counting the one that just ended (at least 1)
   * @param capMillis the most a doubled delay may grow to; never below {@code retryMillis}
   * @param random a number in [0, 1) for jitter
   */
  public static long delayMillis(long retryMillis, int streak, long capMillis, double random) {
    if (streak <= 1) {
      // The first reconnect after a healthy connection waits exactly the retry time, as browsers
      // do.
      return retryMillis;
    }
    long ceiling = Math.max(capMillis, retryMillis);
    int shift = Math.min(streak - 1, 30);
    long doubled = retryMillis > (Long.MAX_VALUE >> shift) ? Long.MAX_VALUE : retryMillis << shift;
    long d = Math.min(doubled, ceiling);
    // "Equal jitter": half fixed, half random, so that many clients dropped together spread out.
    long jittered = d / 2 + (long) (random * (d - d / 2));
    return Math.max(retryMillis, jittered);
  }

  /**
   * The delay a {@code Retry-After} header asks for (delta-seconds or an HTTP date), or -1 when
   * absent or unreadable.
   */
  public static long retryAfterMillis(HttpHeaders headers, Instant now) {
    String v = headers.firstValue("Retry-After").orElse(null);
    if (v == null) {
      return -1;
    }
    v = v.trim();
    if (!v.isEmpty() && v.chars().allMatch(c -> c >= '0' && c <= '9')) {
      try {
        return Math.multiplyExact(Long.parseLong(v), 1000L);
      } catch (ArithmeticException | NumberFormatException e) {
        return Long.MAX_VALUE / 2;
      }
    }
    try {
      Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      return Math.max(0, Duration.between(now, at).toMillis());
    } catch (DateTimeParseException e) {
      return -1;
    }
  }
}
