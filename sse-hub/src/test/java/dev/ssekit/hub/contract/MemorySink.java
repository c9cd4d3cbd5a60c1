package dev.ssekit.hub.contract;

import dev.ssekit.core.EventStreamHandler;
import dev.ssekit.core.EventStreamParser;
import dev.ssekit.core.ServerSentEvent;
import dev.ssekit.hub.SubscriberSink;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A subscriber sink in memory that parses what it receives. It completes writes at once, or holds
 * them until {@link #releaseHeld()} to play a client that stopped reading, or fails them to play a
 * client that went away. Shared with the other modules' tests through sse-hub's test-jar.
 */
public final class MemorySink implements SubscriberSink {
  private final List<ServerSentEvent> events = new ArrayList<>();
  private final List<String> comments = new ArrayList<>();
  private final List<Long> retries = new ArrayList<>();
  private final ByteArrayOutputStream received = new ByteArrayOutputStream();
  private int commentsBeforeLastEvent;
  private final EventStreamParser parser;
  private final ArrayDeque<Completion> held = new ArrayDeque<>();
  private final AtomicInteger closes = new AtomicInteger();
  private boolean hold;
  private boolean fail;
  private int writes;
  private long frames;

  /** A sink that completes every write at once. */
  public MemorySink() {
    parser =
        new EventStreamParser(
            new EventStreamHandler() {
              @Override
              public void onEvent(ServerSentEvent event) {
                events.add(event);
                commentsBeforeLastEvent = comments.size();
              }

              @Override
              public void onComment(String comment) {
                comments.add(comment);
              }

              @Override
              public void onRetry(long millis) {
                retries.add(millis);
              }
            });
  }

  /** The last event ID the received bytes set, as a reconnecting client would send it. */
  public synchronized String lastEventId() {
    return parser.lastEventId();
  }

  /** Holds completions from now on: the client stops reading. */
  public synchronized MemorySink hold() {
    hold = true;
    return this;
  }

  /** Fails every write from now on: the client has gone. */
  public synchronized MemorySink failWrites() {
    fail = true;
    return this;
  }

  /** Completes the held writes and stops holding. */
  public void releaseHeld() {
    List<Completion> toComplete;
    synchronized (this) {
      hold = false;
      toComplete = new ArrayList<>(held);
      held.clear();
    }
    toComplete.forEach(Completion::completed);
  }

  @Override
  public void write(List<byte[]> frames, Completion completion) {
    boolean complete;
    synchronized (this) {
      writes++;
      if (fail) {
        complete = false;
      } else {
        for (byte[] f : frames) {
          received.write(f, 0, f.length);
          parser.feed(f, 0, f.length);
          this.frames++;
        }
        complete = !hold;
        if (hold) {
          held.add(completion);
        }
      }
    }
    if (fail) {
      completion.failed(new IOException("client gone"));
    } else if (complete) {
      completion.completed();
    }
  }

  @Override
  public void close() {
    closes.incrementAndGet();
  }

  /** Every byte written so far, as the client received them. */
  public synchronized byte[] received() {
    return received.toByteArray();
  }

  public synchronized List<ServerSentEvent> events() {
    return new ArrayList<>(events);
  }

  /** The events of type {@code type} received. */
  public synchronized List<ServerSentEvent> events(String type) {
    List<ServerSentEvent> found = new ArrayList<>();
    for (ServerSentEvent e : events) {
      if (e.type().equals(type)) {
        found.add(e);
      }
    }
    return found;
  }

  public synchronized List<String> ids() {
    List<String> ids = new ArrayList<>();
    for (ServerSentEvent e : events) {
      ids.add(e.id());
    }
    return ids;
  }

  public synchronized List<String> comments() {
    return new ArrayList<>(comments);
  }

  /** The number of comments received before the latest event. */
  public synchronized int commentsBeforeLastEvent() {
    return commentsBeforeLastEvent;
  }

  public synchronized List<Long> retries() {
    return new ArrayList<>(retries);
  }

  /** Frames in completed or held writes. */
  public synchronized long frames() {
    return frames;
  }

  public synchronized int writes() {
    return writes;
  }

  public synchronized int heldWrites() {
    return held.size();
  }

  public int closes() {
    return closes.get();
  }
}
