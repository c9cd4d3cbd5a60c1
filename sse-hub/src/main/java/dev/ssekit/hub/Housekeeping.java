package dev.ssekit.hub;

import dev.ssekit.core.SseEncoder;
import java.lang.System.Logger.Level;

/**
 * One tick of the hub's housekeeping, run periodically on its scheduler thread: a heartbeat to
 * every subscriber that has been idle for the heartbeat interval, release for every subscriber
 * whose write has outlasted the write timeout, and, for the in-memory log, dropping the windows of
 * topics that have gone idle.
 */
final class Housekeeping implements Runnable {
  // Logged under the public class's name, the one users configure.
  private static final System.Logger LOG = System.getLogger(EventHub.class.getName());

  // One frame, shared by every subscriber: the encoder's own, so that clients see a heartbeat as
  // a block of its own that attaches no comment to the next event.
  private final byte[] heartbeat = SseEncoder.heartbeat();
  private final Topics topics;
  private final MemoryLog memoryLog;
  private final Ticker ticker;
  private final long heartbeatIdleNanos;
  private final long writeTimeoutNanos;

  /**
   * @param memoryLog the hub's in-memory log, whose idle topics' windows each tick drops; null when
   *     the hub has another log
   */
  Housekeeping(Topics topics, MemoryLog memoryLog, HubConfig config) {
    this.topics = topics;
    this.memoryLog = memoryLog;
    this.ticker = config.ticker();
    this.heartbeatIdleNanos = config.heartbeatIdleNanos();
    this.writeTimeoutNanos = config.writeTimeout.toNanos();
  }

  /** One tick; also called directly by tests that move the hub's clock. */
  @Override
  public void run() {
    try {
      long now = ticker.nanoTime();
      topics.forEach(
          fanOut ->
              fanOut.sweep(
                  s -> {
                    if (s.writeTimedOut(now, writeTimeoutNanos)) {
                      return false;
                    }
                    s.offerHeartbeat(heartbeat, now, heartbeatIdleNanos);
                    return true;
                  },
                  CloseReason.WRITE_TIMEOUT));
      if (memoryLog != null) {
        memoryLog.dropIdleWindows();
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "hub housekeeping failed", e);
    }
  }
}
