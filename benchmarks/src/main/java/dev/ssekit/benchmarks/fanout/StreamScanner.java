package dev.ssekit.benchmarks.fanout;

import java.nio.charset.StandardCharsets;

/**
 * The load client's per-connection reader: an HTTP/1.1 response head, then a chunked (or plain)
 * body, then just enough of the SSE format to find each {@code tick} event's sequence number and
 * publish time. It works on the bytes as they arrive, keeps about 200 bytes per connection, and
 * allocates nothing per event, so that a single client thread can follow thousands of streams
 * without being the bottleneck. It dispatches on the blank line that ends an event, as the spec
 * does; other event types are counted, comments and other fields are ignored.
 */
final class StreamScanner {
  /** Receives each complete {@code tick} event. */
  interface Sink {
    void ping(StreamScanner from, long seq, long sentMicros);

    void otherEvent(StreamScanner from);

    /** A comment line (the hub's heartbeats are comments). */
    void comment(StreamScanner from);
  }

  private static final int HEAD = 0;
  private static final int SIZE = 1;
  private static final int SIZE_EXT = 2;
  private static final int DATA = 3;
  private static final int DATA_END = 4;
  private static final int RAW = 5;
  private static final int DONE = 6;
  private static final int FAILED = 7;

  private int state = HEAD;
  private StringBuilder head = new StringBuilder(256);
  private int status;
  private long chunkLeft;

  private byte[] line = new byte[96];
  private int lineLen;
  private boolean lastCr;
  private boolean isPing;
  private boolean hasData;
  private long pendingSeq = -1;
  private long pendingSent;

  /** The last sequence number seen on this connection (or the one it resumes). */
  long lastSeq;

  /**
   * With several flat-out publishers: the last sequence number seen from each (lane {@code i}
   * carries the flat-out events {@code i, i + lanes, …}); 0 for none yet. Made on first use.
   */
  long[] laneLast;

  // The id of the last tick event (when ids are tracked), for a reconnect's Last-Event-ID.
  private final boolean trackIds;
  private byte[] pendingId;
  private int pendingIdLen = -1;
  private byte[] lastId;
  private int lastIdLen = -1;

  /** A scanner that ignores {@code id:} lines. */
  StreamScanner() {
    this.trackIds = false;
  }

  /**
   * A scanner for a stream that resumes {@code previous} (or a fresh one, when it is null) and
   * remembers each tick event's id, so that a client can reconnect with {@code Last-Event-ID}.
   */
  StreamScanner(StreamScanner previous) {
    this.trackIds = true;
    this.pendingId = new byte[64];
    this.lastId = new byte[64];
    if (previous != null) {
      this.lastSeq = previous.lastSeq;
      this.laneLast = previous.laneLast;
      this.lastIdLen = previous.lastIdLen;
      if (lastIdLen > 0) {
        this.lastId = previous.lastId.clone();
      }
    }
  }

  /** The id of the last tick event received, or null (none yet, or ids are not tracked). */
  String lastId() {
    return lastIdLen < 0 ? null : new String(lastId, 0, lastIdLen, StandardCharsets.US_ASCII);
  }

  /** True once the response head arrived. */
  boolean headComplete() {
    return state != HEAD;
  }

  /** True if the head arrived and said 200. */
  boolean ok() {
    return status == 200 && state != FAILED;
  }

  /** True once the body ended (last chunk) or the response was not a 200 event stream. */
  boolean ended() {
    return state == DONE || state == FAILED;
  }

  /** Consumes {@code a[from..to)}. */
  void feed(byte[] a, int from, int to, Sink sink) {
    int i = from;
    while (i < to) {
      switch (state) {
        case HEAD -> {
          head.append((char) (a[i++] & 0xFF));
          int n = head.length();
          if (n >= 4 && head.charAt(n - 1) == '\n' && head.charAt(n - 3) == '\n'
              && head.charAt(n - 2) == '\r') {
            parseHead();
          }
        }
        case SIZE -> {
          byte b = a[i++];
          int digit = Character.digit(b, 16);
          if (digit >= 0) {
            chunkLeft = chunkLeft * 16 + digit;
          } else if (b == '\n') {
            state = chunkLeft == 0 ? DONE : DATA;
          } else if (b == ';') {
            state = SIZE_EXT;
          }
        }
        case SIZE_EXT -> {
          if (a[i++] == '\n') {
            state = chunkLeft == 0 ? DONE : DATA;
          }
        }
        case DATA -> {
          int end = (int) Math.min(to, i + chunkLeft);
          scan(a, i, end, sink);
          chunkLeft -= end - i;
          i = end;
          if (chunkLeft == 0) {
            state = DATA_END;
          }
        }
        case DATA_END -> {
          if (a[i++] == '\n') {
            state = SIZE;
          }
        }
        case RAW -> {
          scan(a, i, to, sink);
          i = to;
        }
        default -> {
          return;
        }
      }
    }
  }

  private void parseHead() {
    String h = head.toString();
    head = null;
    int sp = h.indexOf(' ');
    try {
      status = Integer.parseInt(h.substring(sp + 1, sp + 4));
    } catch (RuntimeException e) {
      status = -1;
    }
    if (status != 200) {
      state = FAILED;
    } else if (h.toLowerCase(java.util.Locale.ROOT).contains("transfer-encoding: chunked")) {
      state = SIZE;
    } else {
      state = RAW;
    }
  }

  private void scan(byte[] a, int from, int to, Sink sink) {
    for (int i = from; i < to; i++) {
      byte b = a[i];
      if (b == '\r') {
        endLine(sink);
        lastCr = true;
      } else if (b == '\n') {
        if (!lastCr) {
          endLine(sink);
        }
        lastCr = false;
      } else {
        lastCr = false;
        if (lineLen < line.length) {
          line[lineLen++] = b;
        } else if (line.length < 64 * 1024) {
          line = java.util.Arrays.copyOf(line, line.length * 2);
          line[lineLen++] = b;
        }
      }
    }
  }

  private void endLine(Sink sink) {
    int n = lineLen;
    lineLen = 0;
    if (n == 0) {
      if (hasData) {
        if (isPing && pendingSeq >= 0) {
          if (pendingIdLen >= 0) {
            byte[] t = lastId;
            lastId = pendingId;
            lastIdLen = pendingIdLen;
            pendingId = t;
            pendingIdLen = -1;
          }
          sink.ping(this, pendingSeq, pendingSent);
        } else {
          sink.otherEvent(this);
        }
      }
      hasData = false;
      isPing = false;
      pendingSeq = -1;
      pendingIdLen = -1;
      return;
    }
    if (line[0] == ':') {
      sink.comment(this);
    } else if (startsWith(n, DATA_FIELD)) {
      hasData = true;
      parseNumbers(n);
    } else if (startsWith(n, EVENT_FIELD)) {
      int v = EVENT_FIELD.length;
      if (v < n && line[v] == ' ') {
        v++;
      }
      isPing = n - v == 4 && line[v] == 't' && line[v + 1] == 'i' && line[v + 2] == 'c'
          && line[v + 3] == 'k';
    } else if (trackIds && startsWith(n, ID_FIELD)) {
      int v = ID_FIELD.length;
      if (v < n && line[v] == ' ') {
        v++;
      }
      int len = Math.min(n - v, pendingId.length);
      System.arraycopy(line, v, pendingId, 0, len);
      pendingIdLen = len;
    }
  }

  private static final byte[] DATA_FIELD = "data:".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] ID_FIELD = "id:".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] EVENT_FIELD = "event:".getBytes(StandardCharsets.US_ASCII);

  private boolean startsWith(int n, byte[] prefix) {
    if (n < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (line[i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  /** {@code {"seq":N,"sentMicros":M}}: the first two runs of digits are N and M. */
  private void parseNumbers(int n) {
    long first = -1;
    int i = DATA_FIELD.length;
    while (i < n) {
      byte b = line[i];
      if (b >= '0' && b <= '9') {
        long v = 0;
        while (i < n && line[i] >= '0' && line[i] <= '9') {
          v = v * 10 + (line[i++] - '0');
        }
        if (first < 0) {
          first = v;
        } else {
          pendingSeq = first;
          pendingSent = v;
          return;
        }
      } else {
        i++;
      }
    }
  }
}
