package dev.ssekit.core;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * A deliberately simple, slow transcription of the WHATWG HTML standard's "interpret an event
 * stream" algorithm and of the Encoding standard's UTF-8 decoder, kept in the tests as an oracle
 * for {@link EventStreamParser}. It decodes the whole stream first, splits it into lines, then
 * applies the field rules one line at a time, exactly in the order the standard lists them. It
 * shares no code with the parser.
 *
 * <p>It reports what the parser reports, as {@link Recorder} records them: comments (which the
 * standard ignores; one leading space removed, like a field value), retry changes, last-event-ID
 * changes at the end of a block, and dispatched events carrying their own block's id, retry and
 * joined comments. Two choices the standard leaves open are made as ssekit documents them: an empty
 * {@code retry} value and one too large for a {@code long} are ignored, and a final line without a
 * line break is never interpreted (the end of the stream discards it with the pending event).
 */
final class WhatwgReferenceParser {
  private static final char REPLACEMENT = '\uFFFD';

  /** Every callback, in order, in {@link Recorder#calls} form. */
  final List<Object> calls = new ArrayList<>();

  /** The connection's last event ID string after the stream. */
  String lastEventId = "";

  // The standard's buffers.
  private final StringBuilder dataBuffer = new StringBuilder();
  private String eventTypeBuffer = "";
  private String lastEventIdBuffer = "";

  // What ssekit's event model adds: the block's own id, retry and comments.
  private boolean blockHasId;
  private Long blockRetry;
  private final List<String> blockComments = new ArrayList<>();

  /** Interprets a whole stream. */
  static WhatwgReferenceParser interpret(byte[] stream) {
    WhatwgReferenceParser p = new WhatwgReferenceParser();
    String text = utf8Decode(stream);
    // "UTF-8 decode" sniffs for a BOM: U+FEFF can only start the text if EF BB BF started it.
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    for (String line : lines(text)) {
      p.processLine(line);
    }
    // End of the stream: pending data and the unterminated line (never a line) are discarded.
    return p;
  }

  /**
   * The Encoding standard's UTF-8 decoder, with the replacement error mode: every maximal subpart
   * of an invalid sequence becomes one U+FFFD, and a byte that breaks a sequence is reprocessed.
   */
  static String utf8Decode(byte[] bytes) {
    StringBuilder out = new StringBuilder();
    int codePoint = 0;
    int bytesSeen = 0;
    int bytesNeeded = 0;
    int lowerBoundary = 0x80;
    int upperBoundary = 0xBF;
    for (int i = 0; i < bytes.length; i++) {
      int b = bytes[i] & 0xFF;
      if (bytesNeeded == 0) {
        if (b <= 0x7F) {
          out.append((char) b);
        } else if (b >= 0xC2 && b <= 0xDF) {
          bytesNeeded = 1;
          codePoint = b & 0x1F;
        } else if (b >= 0xE0 && b <= 0xEF) {
          if (b == 0xE0) {
            lowerBoundary = 0xA0;
          }
          if (b == 0xED) {
            upperBoundary = 0x9F;
          }
          bytesNeeded = 2;
          codePoint = b & 0xF;
        } else if (b >= 0xF0 && b <= 0xF4) {
          if (b == 0xF0) {
            lowerBoundary = 0x90;
          }
          if (b == 0xF4) {
            upperBoundary = 0x8F;
          }
          bytesNeeded = 3;
          codePoint = b & 0x7;
        } else {
          out.append(REPLACEMENT);
        }
        continue;
      }
      if (b < lowerBoundary || b > upperBoundary) {
        codePoint = 0;
        bytesNeeded = 0;
        bytesSeen = 0;
        lowerBoundary = 0x80;
        upperBoundary = 0xBF;
        out.append(REPLACEMENT);
        i--; // "prepend byte to stream"
        continue;
      }
      lowerBoundary = 0x80;
      upperBoundary = 0xBF;
      codePoint = (codePoint << 6) | (b & 0x3F);
      bytesSeen++;
      if (bytesSeen != bytesNeeded) {
        continue;
      }
      out.appendCodePoint(codePoint);
      codePoint = 0;
      bytesNeeded = 0;
      bytesSeen = 0;
    }
    if (bytesNeeded != 0) {
      out.append(REPLACEMENT);
    }
    return out.toString();
  }

  /** The lines of {@code text}, each ended by CRLF, LF or CR; an unterminated rest is dropped. */
  static List<String> lines(String text) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\r') {
        lines.add(line.toString());
        line.setLength(0);
        if (i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          i++;
        }
      } else if (c == '\n') {
        lines.add(line.toString());
        line.setLength(0);
      } else {
        line.append(c);
      }
    }
    return lines;
  }

  private void processLine(String line) {
    if (line.isEmpty()) {
      dispatch();
      return;
    }
    if (line.charAt(0) == ':') {
      // The standard ignores comments; ssekit reports them.
      String comment = stripOneSpace(line.substring(1));
      blockComments.add(comment);
      calls.add(new Recorder.Comment(comment));
      return;
    }
    int colon = line.indexOf(':');
    if (colon >= 0) {
      processField(line.substring(0, colon), stripOneSpace(line.substring(colon + 1)));
    } else {
      processField(line, "");
    }
  }

  private static String stripOneSpace(String value) {
    return value.startsWith(" ") ? value.substring(1) : value;
  }

  private void processField(String name, String value) {
    switch (name) {
      case "event":
        eventTypeBuffer = value;
        break;
      case "data":
        dataBuffer.append(value).append('\n');
        break;
      case "id":
        if (value.indexOf('\u0000') < 0) {
          lastEventIdBuffer = value;
          blockHasId = true;
        }
        break;
      case "retry":
        if (!value.isEmpty() && value.chars().allMatch(c -> c >= '0' && c <= '9')) {
          BigInteger millis = new BigInteger(value);
          if (millis.bitLength() < 64) {
            blockRetry = millis.longValueExact();
            calls.add(new Recorder.Retry(blockRetry));
          }
        }
        break;
      default:
        // ignored
    }
  }

  private void dispatch() {
    if (blockHasId) {
      // "Set the last event ID string of the event source to the last event ID buffer."
      lastEventId = lastEventIdBuffer;
      calls.add(new Recorder.LastId(lastEventId));
    }
    if (dataBuffer.length() == 0) {
      eventTypeBuffer = "";
      clearBlock();
      return;
    }
    if (dataBuffer.charAt(dataBuffer.length() - 1) == '\n') {
      dataBuffer.setLength(dataBuffer.length() - 1);
    }
    String type = eventTypeBuffer.isEmpty() ? "message" : eventTypeBuffer;
    String comment = blockComments.isEmpty() ? null : String.join("\n", blockComments);
    calls.add(
        ServerSentEvent.parsed(
            type,
            dataBuffer.toString(),
            blockHasId ? lastEventIdBuffer : null,
            blockRetry,
            comment));
    dataBuffer.setLength(0);
    eventTypeBuffer = "";
    clearBlock();
  }

  private void clearBlock() {
    dataBuffer.setLength(0);
    blockHasId = false;
    blockRetry = null;
    blockComments.clear();
  }
}
