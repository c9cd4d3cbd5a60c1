package dev.ssekit.micrometer;

import dev.ssekit.core.EventStreamHandler;
import dev.ssekit.core.EventStreamParser;
import dev.ssekit.core.ServerSentEvent;
import dev.ssekit.hub.SubscriberSink;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A subscriber sink in memory, as a client would read the stream: it parses what it receives and
 * counts the frames and bytes. It completes writes at once, holds them to play a client that
 * stopped reading, or fails them to play one that went away.
 */
final class RecordingSink implements SubscriberSink {
  private final List<ServerSentEvent> events = new ArrayList<>();
  private final EventStreamParser parser;
  private final List<Completion> held = new ArrayList<>();
  private int comments;
  private long frames;
  private long bytes;
  private boolean hold;
  private boolean fail;

  RecordingSink() {
    parser =
        new EventStreamParser(
            new EventStreamHandler() {
              @Override
              public void onEvent(ServerSentEvent event) {
                events.add(event);
              }

              @Override
              public void onComment(String comment) {
                comments++;
              }
            });
  }

  /** Holds completions from now on: the client stops reading. */
  synchronized RecordingSink hold() {
    hold = true;
    return this;
  }

  /** Fails every write from now on: the client has gone. */
  synchronized RecordingSink failWrites() {
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
  public void write(List<byte[]> batch, Completion completion) {
    boolean failed;
    boolean complete;
    synchronized (this) {
      failed = fail;
      complete = !fail && !hold;
      if (!fail) {
        for (byte[] f : batch) {
          parser.feed(f, 0, f.length);
          frames++;
          bytes += f.length;
        }
        if (hold) {
          held.add(completion);
        }
      }
    }
    if (failed) {
      completion.failed(new IOException("client gone"));
    } else if (complete) {
      completion.completed();
    }
  }

  @Override
  public void close() {}

  synchronized List<ServerSentEvent> events() {
    return new ArrayList<>(events);
  }

  /** The events of type {@code type} received. */
  synchronized List<ServerSentEvent> events(String type) {
    List<ServerSentEvent> found = new ArrayList<>();
    for (ServerSentEvent e : events) {
      if (e.type().equals(type)) {
        found.add(e);
      }
    }
    return found;
  }

  /** The last event ID the stream set, as a reconnecting client would send it. */
  synchronized String lastEventId() {
    return parser.lastEventId();
  }

  /** Comment lines received: the hub's heartbeats. */
  synchronized int comments() {
    return comments;
  }

  /** Frames in completed or held writes. */
  synchronized long frames() {
    return frames;
  }

  synchronized long bytes() {
    return bytes;
  }
}
