package dev.ssekit.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ssekit.client.internal.Backoff;
import java.net.http.HttpHeaders;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The reconnect delay arithmetic, over many seeded random draws. */
class BackoffTest {

  @Test
  void theFirstReconnectWaitsExactlyTheRetryTime() {
    assertThat(Backoff.delayMillis(3000, 1, 30_000, 0.99)).isEqualTo(3000);
    assertThat(Backoff.delayMillis(0, 1, 30_000, 0.5)).isZero();
  }

  @Test
  void consecutiveFailuresDoubleWithJitterUpToTheCap() {
    for (long seed = 0; seed < 200; seed++) {
      Random random = new Random(seed);
      long retry = 1 + random.nextInt(5000);
      long cap = 30_000;
      for (int streak = 2; streak < 40; streak++) {
        long d = Backoff.delayMillis(retry, streak, cap, random.nextDouble());
        long full = Math.min(Math.max(cap, retry), retry << Math.min(streak - 1, 30));
        assertThat(d)
            .as("seed %d retry %d streak %d", seed, retry, streak)
            .isBetween(Math.max(retry, full / 2), full);
      }
    }
  }

  @Test
  void aServerRetryAboveTheCapIsStillHonoured() {
    assertThat(Backoff.delayMillis(60_000, 5, 30_000, 0.0)).isEqualTo(60_000);
  }

  @Test
  void retryAfterReadsSecondsAndHttpDates() {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");
    assertThat(Backoff.retryAfterMillis(headers("120"), now)).isEqualTo(120_000);
    assertThat(Backoff.retryAfterMillis(headers("Thu, 01 Jan 2026 00:00:30 GMT"), now))
        .isEqualTo(30_000);
    assertThat(Backoff.retryAfterMillis(headers("Wed, 31 Dec 2025 00:00:30 GMT"), now)).isZero();
    assertThat(Backoff.retryAfterMillis(headers("soon"), now)).isEqualTo(-1);
    assertThat(Backoff.retryAfterMillis(HttpHeaders.of(Map.of(), (a, b) -> true), now))
        .isEqualTo(-1);
  }

  private static HttpHeaders headers(String retryAfter) {
    return HttpHeaders.of(Map.of("Retry-After", List.of(retryAfter)), (a, b) -> true);
  }
}
