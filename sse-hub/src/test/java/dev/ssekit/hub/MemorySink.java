package dev.ssekit.hub;

import dev.ssekit.core.EventStreamHandler;
import dev.ssekit.core.EventStreamParser;
import dev.ssekit.core.ServerSentEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A subscriber sink in memory that parses what it receives. It completes writes at once, or holds
 * them until {@link #releaseHeld()} to play a client that stopped reading, or fails them to play a
 * client that went away.
 */
final class MemorySink implements SubscriberSink {
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

  MemorySink() {
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
  synchronized String lastEventId() {
    return parser.lastEventId();
  }

  /** Holds completions from now on: the client stops reading. */
  synchronized MemorySink hold() {
    hold = true;
    return this;
  }

  /** Fails every write from now on: the client has gone. */
  synchronized MemorySink failWrites() {
    fail = true;
    return this;
  }

  /** Completes the held writes and stops holding. */
  void releaseHeld() {
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
  synchronized byte[] received() {
    return received.toByteArray();
  }

  synchronized List<ServerSentEvent> events() {
    return new ArrayList<>(events);
  }

  synchronized List<String> ids() {
    List<String> ids = new ArrayList<>();
    for (ServerSentEvent e : events) {
      ids.add(e.id());
    }
    return ids;
  }

  synchronized List<String> comments() {
    return new ArrayList<>(comments);
  }

  /** The number of comments received before the latest event. */
  synchronized int commentsBeforeLastEvent() {
    return commentsBeforeLastEvent;
  }

  synchronized List<Long> retries() {
    return new ArrayList<>(retries);
  }

  synchronized int writes() {
    return writes;
  }

  synchronized int heldWrites() {
    return held.size();
  }

  int closes() {
    return closes.get();
  }
}
