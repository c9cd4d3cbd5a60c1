package dev.ssekit.servlet.internal;

import dev.ssekit.hub.SubscriberSink;
import dev.ssekit.hub.Subscription;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.IOException;
import java.util.List;

/**
 * Binds one hub subscriber to a Servlet 6 {@link AsyncContext}, writing without ever blocking.
 *
 * <p>Why this write path: the frames go to the container's {@link ServletOutputStream} in
 * non-blocking mode, one {@code write} each while {@link ServletOutputStream#isReady()} allows,
 * then one {@code flush}; the hub's write completes only when {@code isReady()} says the container
 * has taken every byte. When it says no, nothing waits: the container calls {@link
 * #onWritePossible()} later and the write goes on from there, on the container's thread. So a
 * client that stops reading leaves a write incomplete, which the hub's write timeout and queue
 * bounds act on, and no thread is held meanwhile.
 *
 * <p>The request's read side is watched too ({@link ReadListener}): a container that keeps reading
 * the connection reports its end there, or to {@link AsyncListener#onError}, and the subscriber is
 * released at once instead of at its next write ({@link Subscription#clientGone}).
 *
 * <p>The sink is subscribed before the response is switched to asynchronous mode, so that a refused
 * client gets a plain answer: a write the hub starts before {@link #start} waits for it. One lock
 * guards all state; completions are called outside it, since the hub may start the next write from
 * inside one.
 */
public final class AsyncStreamSink
    implements SubscriberSink, WriteListener, ReadListener, AsyncListener {

  // Guarded by this.
  private AsyncContext async;
  private ServletOutputStream out;
  private ServletInputStream in;
  private Subscription subscription;
  private List<byte[]> frames;
  private int next;
  private boolean flushed;
  private Completion completion;
  private boolean draining;
  private boolean writePossibleWhileDraining;
  private boolean closed;
  private boolean completed;
  private boolean gone;
  private Throwable goneCause;

  /**
   * Starts streaming on {@code async}, whose timeout the caller has set: from now on the hub's
   * writes reach the response, and a vanished client releases {@code subscription}.
   *
   * @throws IOException if the response's streams cannot be obtained
   */
  public void start(AsyncContext async, Subscription subscription) throws IOException {
    ServletOutputStream output = async.getResponse().getOutputStream();
    ServletInputStream input = async.getRequest().getInputStream();
    boolean goneBefore;
    Throwable cause;
    synchronized (this) {
      if (closed) {
        // Released before it started (the hub closed meanwhile): an empty stream, ended at once.
        completed = true;
        async.complete();
        return;
      }
      this.async = async;
      this.subscription = subscription;
      this.out = output;
      this.in = input;
      // Until the listener is set no write may start; a container that calls onWritePossible from
      // inside setWriteListener is noted, and the drain below goes on from there.
      draining = true;
      goneBefore = gone;
      cause = goneCause;
    }
    async.addListener(this);
    try {
      output.setWriteListener(this);
    } finally {
      synchronized (this) {
        draining = false;
      }
    }
    input.setReadListener(this);
    if (goneBefore) {
      subscription.clientGone(cause);
    }
    drain(); // a write the hub asked for before the start
  }

  @Override
  public void write(List<byte[]> frames, Completion completion) {
    synchronized (this) {
      if (!closed && !gone) {
        this.frames = frames;
        this.next = 0;
        this.flushed = false;
        this.completion = completion;
        frames = null;
      }
    }
    if (frames != null) {
      completion.failed(new IOException("the event stream is closed"));
      return;
    }
    drain();
  }

  @Override
  public void onWritePossible() {
    drain();
  }

  /** Writes what the container takes now; completes the hub's write once all of it was taken. */
  private void drain() {
    Completion done;
    Throwable failure = null;
    synchronized (this) {
      if (out == null || completion == null) {
        return; // not started yet (start() drains), or nothing to write
      }
      if (draining) {
        // A container that calls back from inside our own write: the loop below looks again.
        writePossibleWhileDraining = true;
        return;
      }
      draining = true;
      writePossibleWhileDraining = false;
      try {
        while (true) {
          if (!out.isReady()) {
            if (writePossibleWhileDraining) {
              writePossibleWhileDraining = false;
              continue;
            }
            return; // onWritePossible follows once the container has taken what it holds
          }
          if (next < frames.size()) {
            out.write(frames.get(next++));
          } else if (!flushed) {
            flushed = true;
            out.flush();
          } else {
            break;
          }
        }
      } catch (IOException | RuntimeException e) {
        failure = e;
      } finally {
        draining = false;
      }
      done = completion;
      completion = null;
      frames = null;
    }
    if (failure == null) {
      done.completed();
    } else {
      done.failed(failure);
    }
  }

  @Override
  public void close() {
    Completion pending;
    AsyncContext toComplete;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      pending = completion;
      completion = null;
      frames = null;
      toComplete = completed ? null : async;
      completed = true;
    }
    if (pending != null) {
      pending.failed(new IOException("the event stream was closed while a write was pending"));
    }
    if (toComplete != null) {
      try {
        toComplete.complete();
      } catch (IllegalStateException e) {
        // The container already ended the request (client gone, shutdown): nothing left to end.
      }
    }
  }

  /**
   * The client is gone, or the container ended the request: a write in progress fails, and an idle
   * subscriber is released now rather than at its next write.
   */
  private void clientGone(Throwable cause) {
    Completion pending;
    Subscription toRelease;
    synchronized (this) {
      if (gone || closed) {
        return;
      }
      gone = true;
      goneCause = cause;
      pending = completion;
      completion = null;
      frames = null;
      toRelease = subscription;
    }
    IOException failure = new IOException("the client went away", cause);
    if (pending != null) {
      pending.failed(failure);
    } else if (toRelease != null) {
      toRelease.clientGone(failure);
    }
  }

  @Override
  public void onError(Throwable t) {
    clientGone(t); // a failed write or read: the connection is broken
  }

  @Override
  public void onDataAvailable() throws IOException {
    // A stream's request has no body worth keeping; whatever a client sends is read and dropped, so
    // that the container keeps reading and sees the connection end.
    ServletInputStream input;
    synchronized (this) {
      input = in;
    }
    byte[] discard = new byte[256];
    while (input.isReady() && !input.isFinished()) {
      if (input.read(discard) < 0) {
        break;
      }
    }
  }

  @Override
  public void onAllDataRead() {
    // The request is complete; only the container can tell more about the connection now.
  }

  @Override
  public void onComplete(AsyncEvent event) {
    synchronized (this) {
      completed = true;
    }
    clientGone(event.getThrowable());
  }

  @Override
  public void onTimeout(AsyncEvent event) {
    // The stream's timeout is infinite; a container that times it out all the same ends it.
    clientGone(event.getThrowable());
  }

  @Override
  public void onError(AsyncEvent event) {
    clientGone(event.getThrowable());
  }

  @Override
  public void onStartAsync(AsyncEvent event) {}

  @Override
  public String toString() {
    return "AsyncStreamSink@" + Integer.toHexString(System.identityHashCode(this));
  }
}
