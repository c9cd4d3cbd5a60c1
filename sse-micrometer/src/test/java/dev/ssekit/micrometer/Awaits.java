package dev.ssekit.micrometer;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.awaitility.core.ThrowingRunnable;

/** Waits for conditions that hold within milliseconds, checking every 5 ms for 20 s at most. */
final class Awaits {
  private Awaits() {}

  private static ConditionFactory await() {
    return Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(5));
  }

  static void until(BooleanSupplier condition) {
    await().until(condition::getAsBoolean);
  }

  static void untilAsserted(ThrowingRunnable assertion) {
    await().untilAsserted(assertion);
  }
}
