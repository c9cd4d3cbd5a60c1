package dev.ssekit.samples.tail;

import dev.ssekit.client.EventSource;
import dev.ssekit.client.EventSourceException;
import dev.ssekit.client.EventStream;
import dev.ssekit.client.ReconnectPolicy;
import dev.ssekit.core.ServerSentEvent;
import dev.ssekit.core.SseLimits;
import dev.ssekit.core.json.JsonWriter;
import java.io.PrintStream;
import java.net.http.HttpRequest;
import java.util.Map;

/**
 * {@code tail}: follows any Server-Sent Events URL and prints each event as one JSON line, flushed
 * at once, so the output can be piped into {@code jq} or a log.
 *
 * <pre>
 * java -jar ssekit-samples.jar tail --max-events 3 http://127.0.0.1:8080/events
 * {"type":"ping","data":"{\"time\":\"2026-01-01T00:00:00Z\"}","id":"1"}
 * </pre>
 */
public final class TailCommand {
  /** Exit status when the connection failed. */
  static final int FAILED = 1;

  /** Exit status for bad usage. */
  static final int USAGE = 2;

  /** Exit status when the server answered 204 No Content, its way of saying "stop". */
  static final int STOPPED = 3;

  private TailCommand() {}

  /** Runs {@code tail} and exits with its status. */
  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /**
   * Runs {@code tail}: prints events to {@code out}, reasons and usage to {@code err}.
   *
   * @return 0 when done (the stream ended or {@code --max-events} were printed), 1 when the
   *     connection failed, 2 for bad usage, 3 when the server answered 204 (stop)
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    TailOptions options;
    try {
      options = TailOptions.parse(args);
    } catch (TailOptions.UsageException e) {
      err.println("tail: " + e.getMessage());
      err.println(TailOptions.USAGE);
      return USAGE;
    }
    if (options.help()) {
      out.println(TailOptions.USAGE);
      out.flush();
      return 0;
    }
    EventSource.Builder builder;
    try {
      builder = builder(options);
    } catch (IllegalArgumentException e) {
      err.println("tail: " + e.getMessage());
      err.println(TailOptions.USAGE);
      return USAGE;
    }
    long printed = 0;
    JsonWriter json = new JsonWriter();
    try (EventStream events = builder.events()) {
      // Each passing failure and when the next attempt comes, so that a retrying tail is not
      // mistaken for a quiet stream.
      events.onError(
          e -> {
            err.println("tail: " + e.getMessage());
            err.flush();
          });
      while (events.hasNext()) {
        ServerSentEvent e = events.next();
        json.reset();
        json.beginObject()
            .name("type")
            .value(e.type())
            .name("data")
            .value(e.data())
            .name("id")
            .value(events.lastEventId())
            .endObject();
        // UTF-8 bytes as JSON requires, whatever the console's default charset.
        out.write(json.toByteArray(), 0, json.size());
        out.println();
        out.flush();
        printed++;
        if (printed == options.maxEvents()) {
          return 0;
        }
      }
      EventSourceException cause = events.closeCause();
      if (cause != null && cause.reason() == EventSourceException.Reason.NO_CONTENT) {
        err.println("tail: " + cause.getMessage());
        err.flush();
        return STOPPED;
      }
      return 0;
    } catch (EventSourceException e) {
      err.println("tail: " + e.getMessage());
      err.flush();
      return FAILED;
    }
  }

  private static EventSource.Builder builder(TailOptions options) {
    EventSource.Builder b =
        EventSource.builder(options.url())
            .lastEventId(options.lastEventId())
            .method(
                options.method(),
                options.body() == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(options.body()));
    for (Map.Entry<String, String> h : options.headers()) {
      b.header(h.getKey(), h.getValue());
    }
    if (!options.reconnect()) {
      b.reconnectPolicy(ReconnectPolicy.never());
    }
    return b.limits(limitsFor(Runtime.getRuntime().maxMemory()));
  }

  /**
   * The default limits, lowered so that one event fits a small heap (a buffer that doubles needs
   * room for the old and the new array): a hostile stream then ends in the limit error, not an
   * OutOfMemoryError.
   */
  static SseLimits limitsFor(long maxHeap) {
    SseLimits defaults = SseLimits.DEFAULT;
    int fits = (int) Math.max(64 * 1024, Math.min(Integer.MAX_VALUE, maxHeap / 4));
    return new SseLimits(
        Math.min(defaults.maxLineLength(), fits), Math.min(defaults.maxEventSize(), fits));
  }
}
