package dev.ssekit.samples.tail;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The command line of {@code tail}, parsed and checked.
 *
 * @param url the stream to read
 * @param headers extra request headers, in order
 * @param method the HTTP method ({@code GET}, or {@code POST} when a body is given without -X)
 * @param body the request body, or {@code null}
 * @param lastEventId the Last-Event-ID to start from, {@code ""} for none
 * @param maxEvents stop after this many events; 0 for no limit
 * @param reconnect whether to reconnect when the stream ends or breaks
 * @param help whether only the usage was asked for
 */
record TailOptions(
    URI url,
    List<Map.Entry<String, String>> headers,
    String method,
    String body,
    String lastEventId,
    long maxEvents,
    boolean reconnect,
    boolean help) {

  static final String USAGE =
      String.join(
          System.lineSeparator(),
          "usage: tail [options] URL",
          "Prints each event of a text/event-stream as one JSON line:",
          "  {\"type\":\"...\",\"data\":\"...\",\"id\":\"...\"}   (id: the last event ID, \"\" when none)",
          "options:",
          "  -H 'Name: value'      add a request header (repeatable)",
          "  -X METHOD             request method (default GET, or POST with -d)",
          "  -d BODY               request body",
          "  --last-event-id ID    start after this event ID",
          "  --max-events N        exit 0 after N events",
          "  --no-reconnect        exit 0 when the stream ends, 1 when the connection fails",
          "                        (a stream with -X or -d other than GET never reconnects)",
          "  --help                show this help",
          "exit status: 0 done, 1 connection failed (reason on stderr), 2 bad usage,",
          "  3 the server answered 204 No Content (stop)");

  /** Bad command-line usage, with a message for people. */
  static final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }

  static TailOptions parse(String[] args) throws UsageException {
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    String method = null;
    String body = null;
    String lastEventId = "";
    long maxEvents = 0;
    boolean reconnect = true;
    URI url = null;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--help":
        case "-h":
          return new TailOptions(null, List.of(), "GET", null, "", 0, true, true);
        case "--no-reconnect":
          reconnect = false;
          break;
        case "-H":
          headers.add(header(value(args, ++i, a)));
          break;
        case "-X":
          method = value(args, ++i, a);
          if (method.isEmpty() || !method.chars().allMatch(c -> c > ' ' && c < 127)) {
            throw new UsageException("-X needs a method name, got: '" + method + "'");
          }
          break;
        case "-d":
          body = value(args, ++i, a);
          break;
        case "--last-event-id":
          lastEventId = value(args, ++i, a);
          if (lastEventId.indexOf('\r') >= 0
              || lastEventId.indexOf('\n') >= 0
              || lastEventId.indexOf('\0') >= 0) {
            throw new UsageException("--last-event-id must not contain CR, LF or NUL");
          }
          break;
        case "--max-events":
          String n = value(args, ++i, a);
          try {
            maxEvents = Long.parseLong(n);
          } catch (NumberFormatException e) {
            maxEvents = -1;
          }
          if (maxEvents <= 0) {
            throw new UsageException("--max-events needs a positive number, got: " + n);
          }
          break;
        default:
          if (a.startsWith("-") && a.length() > 1) {
            throw new UsageException("unknown option: " + a);
          }
          if (url != null) {
            throw new UsageException("only one URL, got: " + url + " and " + a);
          }
          url = url(a);
      }
    }
    if (url == null) {
      throw new UsageException("missing URL");
    }
    if (method == null) {
      method = body == null ? "GET" : "POST";
    }
    return new TailOptions(
        url, List.copyOf(headers), method, body, lastEventId, maxEvents, reconnect, false);
  }

  private static String value(String[] args, int i, String option) throws UsageException {
    if (i >= args.length) {
      throw new UsageException(option + " needs a value");
    }
    return args[i];
  }

  private static Map.Entry<String, String> header(String h) throws UsageException {
    int colon = h.indexOf(':');
    if (colon <= 0) {
      throw new UsageException("-H needs 'Name: value', got: '" + h + "'");
    }
    String name = h.substring(0, colon).trim();
    if (name.isEmpty() || !name.chars().allMatch(c -> c > ' ' && c < 127 && c != ':')) {
      throw new UsageException("-H has an invalid header name: '" + name + "'");
    }
    if (name.equalsIgnoreCase("Last-Event-ID")) {
      // The client sends it on every reconnect, so it is an option of its own.
      throw new UsageException("use --last-event-id ID, not -H 'Last-Event-ID: ...'");
    }
    return new AbstractMap.SimpleImmutableEntry<>(name, h.substring(colon + 1).trim());
  }

  private static URI url(String s) throws UsageException {
    try {
      URI u = new URI(s);
      String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
      if ((scheme.equals("http") || scheme.equals("https")) && u.getHost() != null) {
        return u;
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    throw new UsageException("URL must be an http:// or https:// URL, got: " + s);
  }
}
