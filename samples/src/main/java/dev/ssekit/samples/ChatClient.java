package dev.ssekit.samples;

import dev.ssekit.client.EventSource;
import java.io.PrintStream;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.CountDownLatch;

/**
 * {@code chat-client [URL]}: follows the chat with sse-client's {@link EventSource} and typed
 * listeners, printing one line per event until Ctrl-C:
 *
 * <pre>
 * 02:33:48 bobby joined
 * 02:34:11 bobby: Hi everyone.
 * </pre>
 *
 * <p>It reconnects by itself after a dropped connection, sending {@code Last-Event-ID}, so the
 * server replays what it missed.
 */
final class ChatClient implements AutoCloseable {
  /** Where the client connects when no URL is given. */
  static final URI DEFAULT_URI = URI.create("http://127.0.0.1:8080/chat/events");

  private static final DateTimeFormatter CLOCK =
      DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

  private final EventSource source;
  private final CountDownLatch closed = new CountDownLatch(1);

  /** Connects to {@code uri} and prints what arrives on {@code out}. */
  ChatClient(URI uri, PrintStream out) {
    // begin-snippet: listeners
    source =
        EventSource.builder(uri)
            .build()
            .on(UserConnect.class, e -> print(out, e.time(), e.username() + " joined"))
            .on(UserMessage.class, e -> print(out, e.time(), e.username() + ": " + e.text()))
            .on(UserDisconnect.class, e -> print(out, e.time(), e.username() + " left"))
            .onOpen(response -> out.println("connected to " + uri))
            .onError(
                e ->
                    out.println(
                        (e.willReconnect() ? "reconnecting: " : "stopped: ") + e.getMessage()))
            .onClose(closed::countDown)
            .connect();
    // end-snippet
  }

  /** Runs the command: connects and prints until the process ends or the stream fails. */
  static int run(String[] args, PrintStream out, PrintStream err) throws InterruptedException {
    if (args.length > 1 || (args.length == 1 && args[0].startsWith("-"))) {
      err.println("usage: chat-client [URL]   (default " + DEFAULT_URI + ")");
      return 2;
    }
    URI uri;
    try {
      uri = args.length == 1 ? URI.create(args[0]) : DEFAULT_URI;
    } catch (IllegalArgumentException e) {
      err.println("chat-client: not a URL: " + args[0]);
      return 2;
    }
    try (ChatClient client = new ChatClient(uri, out)) {
      client.closed.await();
      return 1; // the source only closes by itself on a failure it does not retry
    }
  }

  private static void print(PrintStream out, Instant time, String line) {
    out.println(CLOCK.format(time) + " " + printable(line));
  }

  /** Messages may contain line breaks or terminal escape codes: show them, don't obey them. */
  private static String printable(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\n') {
        b.append("\\n");
      } else if (c == '\r') {
        b.append("\\r");
      } else if (Character.isISOControl(c)) {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  @Override
  public void close() {
    source.close();
  }
}
