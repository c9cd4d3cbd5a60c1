package dev.ssekit.client.internal;

/** The outbox of a blocking iterator: the consumer waits for signals in its own thread. */
public final class PullOutbox extends Outbox {
  /** An outbox for one consumer thread that waits with {@link #next(long)}. */
  public PullOutbox() {}

  /**
   * The next signal, waiting up to {@code timeoutNanos} ({@code Long.MAX_VALUE}: as long as
   * needed); {@code null} on timeout.
   */
  public Signal next(long timeoutNanos) throws InterruptedException {
    return timeoutNanos == Long.MAX_VALUE ? takeBlocking() : take(timeoutNanos);
  }

  @Override
  protected void signalAvailable() {
    // The waiting consumer is woken by the outbox's condition.
  }
}
