package dev.ssekit.client.internal;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Notices a connection on which the server has gone quiet: no bytes for a timeout. An attempt has
 * two: one from the request to the response headers (the response timeout), one on the open stream,
 * heartbeats included (the idle timeout). The clock runs only while the connection waits for bytes:
 * a consumer still busy with the last read is not an idle server. Checks run on the {@link
 * Shared#timer() shared timer}.
 */
final class IdleWatchdog {
  private final long timeoutNanos;
  private final Runnable onIdle;
  private volatile long lastActivity;
  private volatile boolean awaitingBytes;
  // Guarded by this: a check scheduled as stop() runs would otherwise escape its cancel, and keep
  // the shared timer's thread alive for up to a whole timeout after the last source closed.
  private boolean stopped;
  private ScheduledFuture<?> check;

  /** A watchdog that runs {@code onIdle} once the timeout passes; a timeout of 0 never fires. */
  IdleWatchdog(long timeoutNanos, Runnable onIdle) {
    this.timeoutNanos = timeoutNanos;
    this.onIdle = onIdle;
  }

  /** Starts the clock, as the request goes out or the stream opens. */
  void start() {
    awaitingBytes();
    arm(timeoutNanos);
  }

  /** Bytes arrived: the clock stops until {@link #awaitingBytes()}. */
  void bytesArrived() {
    awaitingBytes = false;
    lastActivity = System.nanoTime();
  }

  /** The connection waits for bytes again: the clock restarts from now. */
  void awaitingBytes() {
    lastActivity = System.nanoTime();
    awaitingBytes = true;
  }

  /** Stops for good; a check already running may still find the connection idle. */
  synchronized void stop() {
    stopped = true;
    if (check != null) {
      check.cancel(false);
      check = null;
    }
  }

  private synchronized void arm(long delayNanos) {
    if (timeoutNanos <= 0 || stopped) {
      return;
    }
    check = Shared.timer().schedule(this::check, delayNanos, TimeUnit.NANOSECONDS);
  }

  private synchronized boolean isStopped() {
    return stopped;
  }

  private void check() {
    if (isStopped()) {
      return;
    }
    if (!awaitingBytes) {
      arm(timeoutNanos);
      return;
    }
    long idle = System.nanoTime() - lastActivity;
    if (idle >= timeoutNanos) {
      onIdle.run();
    } else {
      arm(timeoutNanos - idle);
    }
  }
}
