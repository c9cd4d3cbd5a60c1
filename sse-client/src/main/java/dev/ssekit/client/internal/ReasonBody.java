package dev.ssekit.client.internal;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Reads the first line of a rejected response's plain-text body, the server's reason ("token
 * expired"), bounded in bytes and in time, then closes the body. A server that sends more, or
 * nothing, costs at most {@link #MAX_BYTES} and {@link #MAX_WAIT_MILLIS}.
 */
final class ReasonBody implements HttpResponse.BodySubscriber<Void> {
  /** The most bytes read; a reason longer than {@link #MAX_CHARS} is cut anyway. */
  static final int MAX_BYTES = 1024;

  /** The most characters quoted. */
  static final int MAX_CHARS = 200;

  /** How long to wait for the line before failing without it. */
  static final long MAX_WAIT_MILLIS = 2000;

  private final Consumer<String> done;
  private final AtomicBoolean finished = new AtomicBoolean();
  private final byte[] bytes = new byte[MAX_BYTES];
  private int length;
  private volatile Flow.Subscription subscription;
  private volatile ScheduledFuture<?> timer;

  /** Calls {@code done} once, with the line read ({@code ""} when none). */
  ReasonBody(Consumer<String> done) {
    this.done = done;
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    subscription = s;
    timer = Shared.timer().schedule(this::finish, MAX_WAIT_MILLIS, TimeUnit.MILLISECONDS);
    s.request(1);
  }

  @Override
  public synchronized void onNext(List<ByteBuffer> items) {
    for (ByteBuffer b : items) {
      while (b.hasRemaining() && length < MAX_BYTES) {
        byte c = b.get();
        if (c == '\n' || c == '\r') {
          finish();
          return;
        }
        bytes[length++] = c;
      }
    }
    if (length >= MAX_BYTES) {
      finish();
    } else {
      subscription.request(1);
    }
  }

  @Override
  public void onError(Throwable t) {
    finish();
  }

  @Override
  public void onComplete() {
    finish();
  }

  private void finish() {
    if (!finished.compareAndSet(false, true)) {
      return;
    }
    ScheduledFuture<?> t = timer;
    if (t != null) {
      t.cancel(false);
    }
    Flow.Subscription s = subscription;
    if (s != null) {
      s.cancel();
    }
    String line;
    synchronized (this) {
      line = new String(bytes, 0, length, StandardCharsets.UTF_8);
    }
    // The line ends up on terminals and in logs: no control characters (escape sequences).
    line = line.replaceAll("\\p{Cntrl}", "?");
    done.accept(line.length() > MAX_CHARS ? line.substring(0, MAX_CHARS) + "..." : line);
  }

  @Override
  public CompletionStage<Void> getBody() {
    return CompletableFuture.completedFuture(null);
  }
}
