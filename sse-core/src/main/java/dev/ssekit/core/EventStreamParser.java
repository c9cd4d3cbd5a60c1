package dev.ssekit.core;

import dev.ssekit.core.SseLimitExceededException.Limit;
import dev.ssekit.core.internal.Bytes;
import dev.ssekit.core.internal.EventTypeCache;
import dev.ssekit.core.internal.Utf8Decoder;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * Incremental, push-based parser of the WHATWG {@code text/event-stream} format ("interpret an
 * event stream" in the HTML standard), exact to the letter. Feed byte chunks of any size, split
 * anywhere; the handler receives events, last-event-ID and retry changes and comments, in stream
 * order, on the feeding thread. The callbacks are the same however the bytes are split.
 *
 * <pre>{@code
 * EventStreamParser parser = new EventStreamParser(new EventStreamHandler() {
 *   public void onEvent(ServerSentEvent event) { ... }
 * });
 * while ((n = in.read(buf)) != -1) {
 *   parser.feed(buf, 0, n);
 * }
 * parser.end();
 * }</pre>
 *
 * <p>What it implements:
 *
 * <ul>
 *   <li>UTF-8 only. One leading byte order mark is dropped, once per stream, even when it is split
 *       across chunks. Invalid UTF-8 decodes to U+FFFD per maximal subpart, as browsers do.
 *   <li>Lines end in CRLF, LF or CR; a CR ending one chunk and an LF starting the next are one line
 *       break.
 *   <li>A line starting with {@code :} is a comment, reported through {@link
 *       EventStreamHandler#onComment} with one leading space removed. Otherwise the line is {@code
 *       name:value} with one leading space of the value removed, or a name alone with an empty
 *       value. Names are case-sensitive; unknown names are ignored.
 *   <li>{@code data} appends the value and an LF to the data buffer; {@code event} sets the event
 *       type; {@code id} sets the last event ID unless the value contains NUL, in which case the
 *       field is ignored; {@code retry} sets the reconnection time when the value is one or more
 *       ASCII digits, and is ignored otherwise, including when the number does not fit in a {@code
 *       long}.
 *   <li>A blank line ends the block. If any {@code id} field was valid in it, the last ID becomes
 *       the connection's last event ID ({@link EventStreamHandler#onLastEventId}), whether or not
 *       an event is dispatched. If the data buffer is empty nothing is dispatched; otherwise its
 *       final LF is removed and an event is dispatched, of type {@code message} unless an {@code
 *       event} field said otherwise. Either way the block's state is cleared.
 *   <li>{@link #end()}: an event not yet ended by a blank line is discarded, and so is its id.
 * </ul>
 *
 * <p>A dispatched {@link ServerSentEvent} carries the fields of its own block: the last valid
 * {@code id} and {@code retry} seen in it ({@code null} when none) and its comment lines joined
 * with LF ({@code null} when none). {@link #lastEventId()} is the connection-wide value that a
 * reconnecting client sends as {@code Last-Event-ID}; like a browser's, it changes when a block
 * ends, so an id in a block cut off by the end of the stream never takes effect. The reconnection
 * time, by contrast, takes effect as soon as its line is read, as in the standard.
 *
 * <p>Limits ({@link SseLimits}): a line longer than {@link SseLimits#maxLineLength()} bytes, or an
 * event whose data and comments exceed {@link SseLimits#maxEventSize()} bytes, throws {@link
 * SseLimitExceededException}. The parser never buffers more than the limits allow, whatever the
 * input. After any exception (a limit, or one thrown by the handler) the parser is failed: the rest
 * of that chunk is not interpreted and further input is refused until {@link #reset()}.
 *
 * <p>Not thread-safe, and not re-entrant: the handler must not feed the parser that calls it.
 */
public final class EventStreamParser {
  private static final byte LF = '\n';
  private static final byte CR = '\r';
  private static final byte COLON = ':';
  private static final byte SPACE = ' ';
  private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
  private static final byte[] EMPTY = {};
  private static final byte[] DATA = {'d', 'a', 't', 'a'};
  private static final byte[] EVENT = {'e', 'v', 'e', 'n', 't'};
  private static final byte[] ID = {'i', 'd'};
  private static final byte[] RETRY = {'r', 'e', 't', 'r', 'y'};

  // The common field prefixes as words, so that most lines are classified by one comparison.
  private static final long DATA_COLON = Bytes.word("data:");
  private static final long ID_COLON = Bytes.word("id:");
  private static final long EVENT_COLON = Bytes.word("event:");
  private static final long FIVE_BYTES = Bytes.lowBytes(5);
  private static final long THREE_BYTES = Bytes.lowBytes(3);
  private static final long SIX_BYTES = Bytes.lowBytes(6);

  /** Largest array the JVM reliably allocates. */
  private static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

  /** Buffers that grew beyond this for one large event are released afterwards. */
  private static final int RETAINED_MAX = 64 * 1024;

  private static final int MIN_CAPACITY = 256;
  private static final int SCRATCH_SIZE = 8192;
  private static final ThreadLocal<byte[]> SCRATCH = new ThreadLocal<>();

  /** {@link #bomMatched} once the start of the stream has been decided. */
  private static final int BOM_DONE = -1;

  private final EventStreamHandler handler;
  private final SseLimits limits;
  private final int maxLine;
  private final int maxEvent;

  /** A line that began in an earlier chunk; empty while lines lie wholly inside the chunk. */
  private byte[] line = EMPTY;

  private int lineLength;

  /** The previous chunk ended in CR, so an LF opening this one belongs to that line break. */
  private boolean afterCr;

  /** How many bytes of a BOM the stream has started with so far, or {@link #BOM_DONE}. */
  private int bomMatched;

  private byte[] data = EMPTY;

  /** The data buffer's length, LFs included, counting a {@link #pendingData pending} line. */
  private int dataLength;

  /**
   * The chunk holding the block's only data line so far, or {@code null}. Most events have one data
   * line that lies inside one chunk: it is decoded from there, saving a copy, unless the chunk ends
   * first, when it is copied into {@link #data}.
   */
  private byte[] pendingData;

  private int pendingFrom;
  private byte[] comment = EMPTY;
  private int commentLength;
  private boolean hasComment;

  /** The event type buffer; {@code null} when empty. */
  private String type;

  private final EventTypeCache types = new EventTypeCache();

  /** The last valid id field of this block, or {@code null}. */
  private String blockId;

  private Long blockRetry;
  private String lastEventId = "";
  private Throwable failure;

  /** A parser with {@link SseLimits#DEFAULT default limits}. */
  public EventStreamParser(EventStreamHandler handler) {
    this(handler, SseLimits.DEFAULT);
  }

  /** A parser enforcing {@code limits}. */
  public EventStreamParser(EventStreamHandler handler, SseLimits limits) {
    this.handler = Objects.requireNonNull(handler, "handler");
    this.limits = Objects.requireNonNull(limits, "limits");
    this.maxLine = Math.min(limits.maxLineLength(), MAX_ARRAY);
    // One more byte than the limit: the final LF, which is buffered but never dispatched.
    this.maxEvent = Math.min(limits.maxEventSize(), MAX_ARRAY - 1);
  }

  /**
   * Interprets {@code len} bytes of {@code chunk} from {@code off}.
   *
   * @throws SseLimitExceededException when a line or event exceeds the limits; the parser is then
   *     failed and throws again on further input
   * @throws IllegalStateException if the parser failed earlier and was not {@link #reset()}
   */
  public void feed(byte[] chunk, int off, int len) {
    Objects.checkFromIndexSize(off, len, chunk.length);
    ensureUsable();
    try {
      interpret(chunk, off, off + len);
    } catch (RuntimeException | Error e) {
      failure = e;
      throw e;
    }
  }

  /**
   * Interprets the remaining bytes of {@code chunk}, consuming them.
   *
   * @throws SseLimitExceededException as {@link #feed(byte[], int, int)}
   */
  public void feed(ByteBuffer chunk) {
    int n = chunk.remaining();
    if (chunk.hasArray()) {
      int at = chunk.position();
      chunk.position(at + n);
      feed(chunk.array(), chunk.arrayOffset() + at, n);
      return;
    }
    ensureUsable();
    // Direct and read-only buffers (the JDK HttpClient's are read-only) are copied through a
    // per-thread array, so thousands of idle parsers hold no copy buffer each. It is claimed while
    // in use: a handler may feed another parser on this thread.
    byte[] scratch = SCRATCH.get();
    if (scratch == null) {
      scratch = new byte[SCRATCH_SIZE];
    } else {
      SCRATCH.set(null);
    }
    try {
      while (chunk.hasRemaining()) {
        int k = Math.min(chunk.remaining(), scratch.length);
        chunk.get(scratch, 0, k);
        feed(scratch, 0, k);
      }
    } finally {
      SCRATCH.set(scratch);
    }
  }

  /**
   * The stream ended: a line or event not yet ended by a blank line is discarded, as the standard
   * says, and the parser is ready for a new stream as after {@link #reset()}. A failed parser stays
   * failed.
   */
  public void end() {
    clearConnection();
  }

  /**
   * Forgets all per-connection state (partial line, buffered event, BOM check, failure) for a new
   * connection. The {@link #lastEventId() last event ID} is kept, as a browser keeps it across
   * reconnections; events of the new connection without an {@code id} field leave it unchanged.
   */
  public void reset() {
    clearConnection();
    failure = null;
  }

  /**
   * The connection's last event ID: the last valid {@code id} field of a block that ended with a
   * blank line; {@code ""} when none, or after an empty {@code id} field reset it.
   */
  public String lastEventId() {
    return lastEventId;
  }

  /** The limits this parser enforces. */
  public SseLimits limits() {
    return limits;
  }

  /** Bytes held in the parser's buffers now, whether used or not; for tests of bounded memory. */
  int retainedCapacity() {
    return line.length + data.length + comment.length;
  }

  private void ensureUsable() {
    Throwable f = failure;
    if (f == null) {
      return;
    }
    if (f instanceof SseLimitExceededException) {
      SseLimitExceededException e = (SseLimitExceededException) f;
      SseLimitExceededException again = new SseLimitExceededException(e.limit(), e.max());
      again.addSuppressed(e);
      throw again;
    }
    throw new IllegalStateException(
        "the parser failed on earlier input and must be reset() for a new stream", f);
  }

  private void clearConnection() {
    line = EMPTY;
    lineLength = 0;
    afterCr = false;
    bomMatched = 0;
    clearBlock();
    data = EMPTY;
    comment = EMPTY;
  }

  private void interpret(byte[] b, int pos, int end) {
    interpretLines(b, pos, end);
    if (pendingData != null) {
      materializeData(); // the caller may reuse the chunk's array
    }
  }

  private void interpretLines(byte[] b, int pos, int end) {
    if (bomMatched != BOM_DONE) {
      while (pos < end && bomMatched < BOM.length) {
        if (b[pos] != BOM[bomMatched]) {
          // Not a BOM after all: what looked like its start is the first line's text.
          int matched = bomMatched;
          bomMatched = BOM_DONE;
          appendToLine(BOM, 0, matched);
          break;
        }
        bomMatched++;
        pos++;
      }
      if (bomMatched == BOM.length) {
        bomMatched = BOM_DONE;
      }
      if (bomMatched != BOM_DONE) {
        return; // the chunk ended inside what may still be a BOM
      }
    }
    if (afterCr && pos < end) {
      afterCr = false;
      if (b[pos] == LF) {
        pos++;
      }
    }
    while (pos < end) {
      int i = Bytes.indexOfLineEnd(b, pos, end);
      if (i == end) {
        appendToLine(b, pos, end);
        return;
      }
      if (lineLength == 0) {
        if (i - pos > maxLine) {
          throw lineTooLong();
        }
        interpretLine(b, pos, i);
      } else {
        appendToLine(b, pos, i);
        int n = lineLength;
        lineLength = 0;
        interpretLine(line, 0, n);
        if (line.length > RETAINED_MAX) {
          line = EMPTY;
        }
      }
      if (b[i] == CR) {
        if (i + 1 == end) {
          afterCr = true;
        } else if (b[i + 1] == LF) {
          i++;
        }
      }
      pos = i + 1;
    }
  }

  private void appendToLine(byte[] b, int from, int to) {
    int n = to - from;
    if (n == 0) {
      return;
    }
    int needed = lineLength + n;
    if (needed > maxLine || needed < 0) {
      throw lineTooLong();
    }
    if (needed > line.length) {
      line = grow(line, lineLength, needed, maxLine);
    }
    System.arraycopy(b, from, line, lineLength, n);
    lineLength = needed;
  }

  /** Interprets the line {@code b[from, to)}, which has no line break. */
  private void interpretLine(byte[] b, int from, int to) {
    int n = to - from;
    if (n == 0) {
      endBlock();
      return;
    }
    // Bytes past the line may be stale in the line buffer: a prefix counts only within the line.
    if (n >= ID.length + 1 && Bytes.hasWord(b, from)) {
      long head = Bytes.wordAt(b, from);
      if (n >= DATA.length + 1 && (head & FIVE_BYTES) == DATA_COLON) {
        data(b, skipSpace(b, from + DATA.length + 1, to), to);
        return;
      }
      if ((head & THREE_BYTES) == ID_COLON) {
        id(b, skipSpace(b, from + ID.length + 1, to), to);
        return;
      }
      if (n >= EVENT.length + 1 && (head & SIX_BYTES) == EVENT_COLON) {
        type = eventType(b, skipSpace(b, from + EVENT.length + 1, to), to);
        return;
      }
    }
    switch (b[from]) {
      case COLON:
        comment(b, skipSpace(b, from + 1, to), to);
        return;
      case 'd':
        if (isField(b, from, to, DATA)) {
          data(b, valueStart(b, from + DATA.length, to), to);
        }
        return;
      case 'e':
        if (isField(b, from, to, EVENT)) {
          type = eventType(b, valueStart(b, from + EVENT.length, to), to);
        }
        return;
      case 'i':
        if (isField(b, from, to, ID)) {
          id(b, valueStart(b, from + ID.length, to), to);
        }
        return;
      case 'r':
        if (isField(b, from, to, RETRY)) {
          retry(b, valueStart(b, from + RETRY.length, to), to);
        }
        return;
      default:
        // Unknown field: ignored.
    }
  }

  /** Whether the line starts with the field name {@code name} followed by a colon or its end. */
  private static boolean isField(byte[] b, int from, int to, byte[] name) {
    int n = name.length;
    if (to - from < n) {
      return false;
    }
    for (int k = 1; k < n; k++) {
      if (b[from + k] != name[k]) {
        return false;
      }
    }
    return to - from == n || b[from + n] == COLON;
  }

  /** Where the value starts, given where the field name ends (at a colon or the line's end). */
  private static int valueStart(byte[] b, int nameEnd, int to) {
    return nameEnd == to ? to : skipSpace(b, nameEnd + 1, to);
  }

  private static int skipSpace(byte[] b, int at, int to) {
    return at < to && b[at] == SPACE ? at + 1 : at;
  }

  private void data(byte[] b, int from, int to) {
    int n = to - from;
    // The LF that ends the last data line is removed at dispatch: it does not count.
    long size = (long) dataLength + n + commentLength;
    if (size > maxEvent) {
      throw eventTooLarge();
    }
    if (dataLength == 0 && b != line) {
      pendingData = b;
      pendingFrom = from;
      dataLength = n + 1;
      return;
    }
    if (pendingData != null) {
      materializeData();
    }
    int needed = dataLength + n + 1;
    if (needed > data.length) {
      data = grow(data, dataLength, needed, maxEvent + 1);
    }
    System.arraycopy(b, from, data, dataLength, n);
    data[dataLength + n] = LF;
    dataLength = needed;
  }

  /** Copies the pending data line into the data buffer. */
  private void materializeData() {
    if (dataLength > data.length) {
      data = grow(data, 0, dataLength, maxEvent + 1);
    }
    System.arraycopy(pendingData, pendingFrom, data, 0, dataLength - 1);
    data[dataLength - 1] = LF;
    pendingData = null;
  }

  private void comment(byte[] b, int from, int to) {
    int n = to - from;
    int separator = hasComment ? 1 : 0;
    long size = (long) dataLength + commentLength + separator + n;
    if (size > maxEvent) {
      throw eventTooLarge();
    }
    int needed = commentLength + separator + n;
    if (needed > comment.length) {
      comment = grow(comment, commentLength, needed, maxEvent);
    }
    if (hasComment) {
      comment[commentLength] = LF;
    }
    System.arraycopy(b, from, comment, commentLength + separator, n);
    commentLength = needed;
    hasComment = true;
    handler.onComment(Utf8Decoder.decode(b, from, to));
  }

  private String eventType(byte[] b, int from, int to) {
    int n = to - from;
    if (n == 0) {
      return null;
    }
    return types.type(b, from, to);
  }

  private void id(byte[] b, int from, int to) {
    if (Bytes.containsNul(b, from, to)) {
      return; // an id containing NUL is ignored entirely
    }
    blockId = Utf8Decoder.decode(b, from, to);
  }

  private void retry(byte[] b, int from, int to) {
    if (from == to) {
      return;
    }
    long millis = 0;
    for (int i = from; i < to; i++) {
      int digit = b[i] - '0';
      if (digit < 0 || digit > 9) {
        return;
      }
      if (millis > (Long.MAX_VALUE - digit) / 10) {
        return; // does not fit in a long: ignored, as an unparsable value
      }
      millis = millis * 10 + digit;
    }
    blockRetry = millis;
    handler.onRetry(millis);
  }

  /** A blank line: commit the id, dispatch if there is data, clear the block either way. */
  private void endBlock() {
    String id = blockId;
    ServerSentEvent event = null;
    if (dataLength > 0) {
      int n = dataLength - 1; // without the final LF
      String text =
          pendingData != null
              ? Utf8Decoder.decode(pendingData, pendingFrom, pendingFrom + n)
              : Utf8Decoder.decode(data, 0, n);
      String notes = hasComment ? Utf8Decoder.decode(comment, 0, commentLength) : null;
      event =
          ServerSentEvent.parsed(
              type == null ? ServerSentEvent.DEFAULT_TYPE : type, text, id, blockRetry, notes);
    }
    clearBlock();
    if (id != null) {
      lastEventId = id;
      handler.onLastEventId(id);
    }
    if (event != null) {
      handler.onEvent(event);
    }
  }

  private void clearBlock() {
    dataLength = 0;
    pendingData = null;
    commentLength = 0;
    hasComment = false;
    type = null;
    blockId = null;
    blockRetry = null;
    if (data.length > RETAINED_MAX) {
      data = EMPTY;
    }
    if (comment.length > RETAINED_MAX) {
      comment = EMPTY;
    }
  }

  /**
   * A copy of {@code b[0, used)} in an array of at least {@code needed} and at most {@code cap}.
   */
  private static byte[] grow(byte[] b, int used, int needed, int cap) {
    long doubled = Math.max(MIN_CAPACITY, (long) b.length << 1);
    int size = (int) Math.max(needed, Math.min(doubled, cap));
    byte[] bigger = new byte[size];
    System.arraycopy(b, 0, bigger, 0, used);
    return bigger;
  }

  private SseLimitExceededException lineTooLong() {
    return new SseLimitExceededException(Limit.LINE_LENGTH, limits.maxLineLength());
  }

  private SseLimitExceededException eventTooLarge() {
    return new SseLimitExceededException(Limit.EVENT_SIZE, limits.maxEventSize());
  }
}
