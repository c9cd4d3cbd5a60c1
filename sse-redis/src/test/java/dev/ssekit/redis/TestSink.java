package dev.ssekit.redis;

import dev.ssekit.core.EventStreamHandler;
import dev.ssekit.core.EventStreamParser;
import dev.ssekit.core.ServerSentEvent;
import dev.ssekit.hub.EventHub;
import dev.ssekit.hub.SubscriberSink;
import java.util.ArrayList;
import java.util.List;

/** A subscriber in memory that parses what it receives, as a browser would; thread-safe. */
final class TestSink implements SubscriberSink {
  private final List<ServerSentEvent> events = new ArrayList<>();
  private final EventStreamParser parser;
  private boolean closed;

  TestSink() {
    parser =
        new EventStreamParser(
            new EventStreamHandler() {
              @Override
              public void onEvent(ServerSentEvent event) {
                events.add(event);
              }
            });
  }

  @Override
  public void write(List<byte[]> frames, Completion completion) {
    synchronized (this) {
      for (byte[] f : frames) {
        parser.feed(f, 0, f.length);
      }
    }
    completion.completed();
  }

  @Override
  public synchronized void close() {
    closed = true;
  }

  synchronized boolean isClosed() {
    return closed;
  }

  /** The last event ID the client would send when it reconnects. */
  synchronized String lastEventId() {
    return parser.lastEventId();
  }

  synchronized List<ServerSentEvent> events() {
    return new ArrayList<>(events);
  }

  /** The ids of the events that are not the hub's reset event. */
  synchronized List<String> ids() {
    List<String> ids = new ArrayList<>();
    for (ServerSentEvent e : events) {
      if (!EventHub.RESET_EVENT_TYPE.equals(e.type())) {
        ids.add(e.id());
      }
    }
    return ids;
  }

  /** The ids of the events whose data is {@code data}. */
  synchronized List<String> idsOf(String data) {
    List<String> ids = new ArrayList<>();
    for (ServerSentEvent e : events) {
      if (data.equals(e.data())) {
        ids.add(e.id());
      }
    }
    return ids;
  }

  /** The data of the events that are not the hub's reset event. */
  synchronized List<String> data() {
    List<String> data = new ArrayList<>();
    for (ServerSentEvent e : events) {
      if (!EventHub.RESET_EVENT_TYPE.equals(e.type())) {
        data.add(e.data());
      }
    }
    return data;
  }

  synchronized int resets() {
    int n = 0;
    for (ServerSentEvent e : events) {
      if (EventHub.RESET_EVENT_TYPE.equals(e.type())) {
        n++;
      }
    }
    return n;
  }

  synchronized int size() {
    return ids().size();
  }
}
