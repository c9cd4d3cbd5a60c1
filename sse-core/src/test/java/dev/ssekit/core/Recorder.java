package dev.ssekit.core;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Records every parser callback, in order, for tests. */
final class Recorder implements EventStreamHandler {
  /** A last-event-ID callback. */
  record LastId(String value) {}

  /** A retry callback. */
  record Retry(long value) {}

  /** A comment callback. */
  record Comment(String value) {}

  /** Every callback in order: events, {@link LastId}, {@link Retry} and {@link Comment}. */
  final List<Object> calls = new ArrayList<>();

  /** The dispatched events only. */
  final List<ServerSentEvent> events = new ArrayList<>();

  @Override
  public void onEvent(ServerSentEvent event) {
    calls.add(event);
    events.add(event);
  }

  @Override
  public void onLastEventId(String lastEventId) {
    calls.add(new LastId(lastEventId));
  }

  @Override
  public void onRetry(long millis) {
    calls.add(new Retry(millis));
  }

  @Override
  public void onComment(String comment) {
    calls.add(new Comment(comment));
  }

  /** Parses {@code bytes} fed in one chunk, then ends the stream. */
  static Recorder parse(byte[] bytes) {
    Recorder r = new Recorder();
    EventStreamParser parser = new EventStreamParser(r);
    parser.feed(bytes, 0, bytes.length);
    parser.end();
    return r;
  }

  /** Parses {@code text} encoded as UTF-8 in one chunk, then ends the stream. */
  static Recorder parse(String text) {
    return parse(utf8(text));
  }

  /** Parses {@code bytes} fed in the given chunks (each a slice of a larger array), then ends. */
  static Recorder parseChunks(byte[]... chunks) {
    Recorder r = new Recorder();
    EventStreamParser parser = new EventStreamParser(r);
    for (byte[] c : chunks) {
      // Copy into a larger array at an offset, so offsets are exercised too.
      byte[] padded = new byte[c.length + 7];
      System.arraycopy(c, 0, padded, 3, c.length);
      parser.feed(padded, 3, c.length);
    }
    parser.end();
    return r;
  }

  /** Parses {@code bytes} one byte per chunk, then ends. */
  static Recorder parseBytewise(byte[] bytes) {
    Recorder r = new Recorder();
    EventStreamParser parser = new EventStreamParser(r);
    for (int i = 0; i < bytes.length; i++) {
      parser.feed(bytes, i, 1);
    }
    parser.end();
    return r;
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** Bytes from unsigned values, for byte-exact streams. */
  static byte[] bytes(int... values) {
    byte[] b = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      b[i] = (byte) values[i];
    }
    return b;
  }

  /** Concatenates arrays. */
  static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    byte[] out = new byte[n];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }

  static ServerSentEvent event(String type, String data, String id, Long retry, String comment) {
    return ServerSentEvent.parsed(type, data, id, retry, comment);
  }

  static ServerSentEvent message(String data) {
    return ServerSentEvent.parsed("message", data, null, null, null);
  }
}
