package dev.ssekit.benchmarks.parse;

import com.launchdarkly.eventsource.ConnectStrategy;
import com.launchdarkly.eventsource.EventSource;
import com.launchdarkly.eventsource.ErrorStrategy;
import com.launchdarkly.logging.LDLogger;
import dev.ssekit.core.EventStreamHandler;
import dev.ssekit.core.EventStreamParser;
import dev.ssekit.core.ServerSentEvent;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import okhttp3.sse.internal.ServerSentEventReader;
import okio.Buffer;
import okio.BufferedSource;
import okio.Okio;
import org.glassfish.jersey.media.sse.JerseyEventReaders;

/** Each contender parses a whole corpus delivered in reads of at most {@code chunk} bytes. */
final class Parsers {
  private Parsers() {}

  static Tally ssekit(byte[] corpus, int chunk) {
    Tally tally = new Tally();
    EventStreamParser parser =
        new EventStreamParser(
            new EventStreamHandler() {
              @Override
              public void onEvent(ServerSentEvent event) {
                tally.add(event.data());
              }
            });
    for (int off = 0; off < corpus.length; off += chunk) {
      parser.feed(corpus, off, Math.min(chunk, corpus.length - off));
    }
    parser.end();
    return tally;
  }

  static Tally okhttp(byte[] corpus, int chunk) throws IOException {
    Tally tally = new Tally();
    BufferedSource source =
        chunk >= corpus.length
            ? new Buffer().write(corpus)
            : Okio.buffer(new ChunkedSource(corpus, chunk));
    ServerSentEventReader reader =
        new ServerSentEventReader(
            source,
            new ServerSentEventReader.Callback() {
              @Override
              public void onEvent(String id, String type, String data) {
                tally.add(data);
              }

              @Override
              public void onRetryChange(long timeMs) {}
            });
    while (reader.processNextEvent()) {
      // Each call dispatches at most one event.
    }
    return tally;
  }

  static Tally launchDarkly(byte[] corpus, int chunk, long expectedEvents) throws Exception {
    Tally tally = new Tally();
    InputStream in = new ChunkedInputStream(corpus, chunk);
    ConnectStrategy once =
        new ConnectStrategy() {
          @Override
          public Client createClient(LDLogger logger) {
            return new Client() {
              @Override
              public Result connect(String lastEventId) {
                return new Result(in, URI.create("http://127.0.0.1/"), in::close);
              }

              @Override
              public boolean awaitClosed(long timeoutMillis) {
                return true;
              }

              @Override
              public URI getOrigin() {
                return URI.create("http://127.0.0.1/");
              }

              @Override
              public void close() {}
            };
          }
        };
    try (EventSource source =
        new EventSource.Builder(once)
            .errorStrategy(ErrorStrategy.alwaysThrow())
            .build()) { // its default read buffer: a user would not tune it per network read
      for (long i = 0; i < expectedEvents; i++) {
        tally.add(source.readMessage().getData());
      }
    }
    return tally;
  }

  static Tally jersey(byte[] corpus, int chunk) throws IOException {
    Tally tally = new Tally();
    JerseyEventReaders.readAll(
        new ChunkedInputStream(corpus, chunk),
        raw -> tally.add(new String(raw, StandardCharsets.UTF_8)));
    return tally;
  }

  static Tally bufferedReader(byte[] corpus, int chunk) throws IOException {
    Tally tally = new Tally();
    BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(new ChunkedInputStream(corpus, chunk), StandardCharsets.UTF_8));
    StringBuilder data = new StringBuilder();
    boolean hasData = false;
    for (String line; (line = reader.readLine()) != null; ) {
      if (line.isEmpty()) {
        if (hasData) {
          tally.add(data.toString());
        }
        data.setLength(0);
        hasData = false;
      } else if (line.startsWith("data:")) {
        if (hasData) {
          data.append('\n');
        }
        int from = line.length() > 5 && line.charAt(5) == ' ' ? 6 : 5;
        data.append(line, from, line.length());
        hasData = true;
      }
    }
    return tally;
  }

  /** The reference: the least a line-based parser must do is look at every byte once. */
  static long newlines(byte[] corpus, int chunk) {
    long count = 0;
    for (int off = 0; off < corpus.length; off += chunk) {
      int end = Math.min(corpus.length, off + chunk);
      for (int i = off; i < end; i++) {
        if (corpus[i] == '\n') {
          count++;
        }
      }
    }
    return count;
  }
}
