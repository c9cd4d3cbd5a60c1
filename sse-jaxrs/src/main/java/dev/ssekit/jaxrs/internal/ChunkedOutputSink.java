package dev.ssekit.jaxrs.internal;

import dev.ssekit.hub.SubscriberSink;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.glassfish.jersey.server.ChunkedOutput;

/**
 * Binds one hub subscriber to a Jersey {@link ChunkedOutput}, the response Jersey keeps open after
 * the resource method returns.
 *
 * <p>Why this write path: a {@code ChunkedOutput<byte[]>} hands the hub's already-encoded bytes to
 * Jersey's byte-array writer with no per-subscriber serialisation (Jersey's own {@code
 * SseEventSink} runs its event writer and the data's entity provider for every subscriber), and a
 * batch of frames that queued while the previous write was in flight goes out as one write and one
 * flush. The write itself is blocking: on Grizzly it returns once the bytes are in the connection's
 * asynchronous write queue, and blocks only when that queue is full because the client stopped
 * reading, for up to Grizzly's write timeout. The hub calls this sink on its small delivery pool and
 * enforces its own, shorter write timeout by calling {@link #close()}, which interrupts the blocked
 * thread; Grizzly then abandons the write and closes the connection, and the thread is free again.
 * One interrupt is not enough: after the failed write Jersey closes the response, whose final flush
 * blocks on the same full connection, so the writer is interrupted again every few milliseconds
 * until it returns. When no write is in flight, {@link #close()} itself makes that final flush, on
 * the hub's scheduler thread; if the client stopped reading, it would block there for Grizzly's
 * write timeout, holding up every release, heartbeat and write timeout of the hub, so the closing
 * thread is interrupted the same way once it has taken longer than a few milliseconds.
 */
public final class ChunkedOutputSink implements SubscriberSink {
  private static final long REINTERRUPT_MILLIS = 10;

  private final ChunkedOutput<byte[]> output = new ChunkedOutput<>(byte[].class);

  // Guarded by this.
  private Thread writer;
  private boolean closed;
  private boolean interruptedWriter;
  private ScheduledFuture<?> reinterrupt;

  /** One daemon thread, shared by all sinks, that re-interrupts writers of closed sinks. */
  private static final class Aborter {
    static final ScheduledExecutorService TIMER =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "ssekit-jaxrs-abort");
              t.setDaemon(true);
              return t;
            });
  }

  /** The response entity to return from the resource method. */
  public ChunkedOutput<byte[]> output() {
    return output;
  }

  @Override
  public void write(List<byte[]> frames, Completion completion) {
    byte[] bytes = frames.size() == 1 ? frames.get(0) : concat(frames);
    synchronized (this) {
      if (closed) {
        completion.failed(new IOException("the event stream is closed"));
        return;
      }
      writer = Thread.currentThread();
    }
    Exception failure = null;
    try {
      output.write(bytes);
    } catch (IOException | RuntimeException e) {
      failure = e;
    } finally {
      synchronized (this) {
        writer = null;
        if (reinterrupt != null) {
          reinterrupt.cancel(false);
          reinterrupt = null;
        }
        if (interruptedWriter) {
          interruptedWriter = false;
          Thread.interrupted(); // the interrupt was ours and meant for this write only
        }
      }
    }
    if (failure == null) {
      completion.completed();
    } else {
      completion.failed(failure);
    }
  }

  @Override
  public void close() {
    Thread closer = Thread.currentThread();
    boolean closerWrites;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      closerWrites = writer == null;
      if (closerWrites) {
        writer = closer; // output.close() below is this sink's last write
      } else {
        interruptedWriter = true;
        writer.interrupt();
      }
      reinterrupt =
          Aborter.TIMER.scheduleWithFixedDelay(
              this::interruptWriterAgain,
              REINTERRUPT_MILLIS,
              REINTERRUPT_MILLIS,
              TimeUnit.MILLISECONDS);
    }
    boolean interruptedBefore = closer.isInterrupted();
    try {
      output.close();
    } catch (IOException | RuntimeException e) {
      // The connection is already gone; there is nothing left to end.
    } finally {
      if (closerWrites) {
        synchronized (this) {
          writer = null;
          reinterrupt.cancel(false);
          reinterrupt = null;
        }
        Thread.interrupted(); // ours, meant for this flush only
        if (interruptedBefore) {
          closer.interrupt();
        }
      }
    }
  }

  private synchronized void interruptWriterAgain() {
    if (writer != null) {
      writer.interrupt();
    }
  }

  private static byte[] concat(List<byte[]> frames) {
    int n = 0;
    for (byte[] f : frames) {
      n += f.length;
    }
    byte[] all = new byte[n];
    int at = 0;
    for (byte[] f : frames) {
      System.arraycopy(f, 0, all, at, f.length);
      at += f.length;
    }
    return all;
  }

  @Override
  public String toString() {
    return "ChunkedOutputSink@" + Integer.toHexString(System.identityHashCode(this));
  }
}
