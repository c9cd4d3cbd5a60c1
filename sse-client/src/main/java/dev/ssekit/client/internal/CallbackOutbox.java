package dev.ssekit.client.internal;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Delivers a stream's signals to listeners on an executor, one at a time and in order, even when
 * the executor has many threads: at most one drain task of a stream is ever running or queued.
 */
public final class CallbackOutbox extends Outbox {
  private final Executor executor;
  private final Consumer<Signal> dispatcher;
  private final AtomicInteger pending = new AtomicInteger();

  /** Runs {@code dispatcher} for each signal on {@code executor}. */
  public CallbackOutbox(Executor executor, Consumer<Signal> dispatcher) {
    this.executor = executor;
    this.dispatcher = dispatcher;
  }

  @Override
  boolean wantsComments() {
    return true;
  }

  @Override
  protected void signalAvailable() {
    if (pending.getAndIncrement() == 0) {
      try {
        executor.execute(this::drain);
      } catch (RejectedExecutionException e) {
        // An executor that was shut down: deliver here rather than lose the signals.
        drain();
      }
    }
  }

  private void drain() {
    int missed = pending.get();
    while (true) {
      Signal s;
      while ((s = take()) != null) {
        dispatcher.accept(s);
      }
      missed = pending.addAndGet(-missed);
      if (missed == 0) {
        return;
      }
    }
  }
}
