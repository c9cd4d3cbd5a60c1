package dev.ssekit.hub;

import java.lang.System.Logger.Level;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts a {@link CorsPolicy}'s refusals and logs the first one of each origin. The {@code Origin}
 * header is the client's to choose, so the origins remembered are bounded: past the bound, new
 * origins are still counted but no longer logged, and one line says so.
 */
final class CorsRefusals {
  private static final System.Logger LOG = System.getLogger(CorsPolicy.class.getName());

  /** How many distinct refused origins are remembered (each at most about 100 characters). */
  static final int MAX_LOGGED_ORIGINS = 256;

  private final LongAdder count = new LongAdder();
  private final Set<String> logged = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean full = new AtomicBoolean();

  /** Counts a refusal of {@code origin} and logs it if it is the origin's first. */
  void refused(String origin, String reason) {
    count.increment();
    String shown = Origins.shown(origin);
    if (logged.contains(shown)) {
      return;
    }
    // Racing threads may each pass the size check: the set then ends a few entries over the bound.
    if (logged.size() >= MAX_LOGGED_ORIGINS) {
      if (full.compareAndSet(false, true)) {
        LOG.log(
            Level.WARNING,
            "CORS: refused requests from more than {0} distinct origins; refusals of further"
                + " origins are counted but not logged",
            MAX_LOGGED_ORIGINS);
      }
      return;
    }
    if (logged.add(shown)) {
      LOG.log(Level.INFO, "CORS: refused origin {0}: {1} (logged once per origin)", shown, reason);
    }
  }

  long count() {
    return count.sum();
  }
}
