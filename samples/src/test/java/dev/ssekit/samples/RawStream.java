package dev.ssekit.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Predicate;

/**
 * One event stream read with the JDK's HttpClient, block by block, heartbeats included; it never
 * reconnects, so a stream that ends shows as {@link #END}.
 */
final class RawStream implements AutoCloseable {
  /** Stands for the end of the stream. */
  static final Block END = new Block(List.of("(end of stream)"));

  private final InputStream body;
  private final BlockingQueue<Block> blocks = new LinkedBlockingQueue<>();

  private RawStream(InputStream body) {
    this.body = body;
    Thread reader = new Thread(this::read, "raw-stream");
    reader.setDaemon(true);
    reader.start();
  }

  /** Opens {@code uri}, which must answer 200. */
  static RawStream open(URI uri) throws IOException, InterruptedException {
    HttpResponse<InputStream> response =
        Http.CLIENT.send(
            HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").build(),
            HttpResponse.BodyHandlers.ofInputStream());
    assertThat(response.statusCode()).as("GET " + uri).isEqualTo(200);
    return new RawStream(response.body());
  }

  /** One block: its lines, comments included. */
  static final class Block {
    final List<String> lines;

    Block(List<String> lines) {
      this.lines = List.copyOf(lines);
    }

    String field(String name) {
      StringBuilder value = null;
      for (String line : lines) {
        if (line.startsWith(name + ":")) {
          String v = line.substring(name.length() + 1);
          v = v.startsWith(" ") ? v.substring(1) : v;
          value = value == null ? new StringBuilder(v) : value.append('\n').append(v);
        }
      }
      return value == null ? null : value.toString();
    }

    String type() {
      String type = field("event");
      return type == null ? "message" : type;
    }

    String id() {
      return field("id");
    }

    String data() {
      return field("data");
    }

    boolean isHeartbeat() {
      return lines.stream().allMatch(l -> l.startsWith(":"));
    }

    @Override
    public String toString() {
      return String.join("\\n", lines);
    }
  }

  /** The next block within {@code timeout}, or null. */
  Block poll(Duration timeout) throws InterruptedException {
    return blocks.poll(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
  }

  /**
   * The next block that matches, skipping others, within {@code timeout}; fails the test if the
   * stream ends or nothing matches in time.
   */
  Block next(String what, Predicate<Block> matches, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<Block> skipped = new ArrayList<>();
    while (true) {
      long left = deadline - System.nanoTime();
      Block block = left > 0 ? blocks.poll(left, java.util.concurrent.TimeUnit.NANOSECONDS) : null;
      if (block == null || block == END) {
        throw new AssertionError(
            (block == null ? "no " : "the stream ended before ")
                + what
                + " within "
                + timeout
                + "; skipped "
                + skipped);
      }
      if (matches.test(block)) {
        return block;
      }
      skipped.add(block);
    }
  }

  /** The next event of type {@code type}, skipping heartbeats and other events. */
  Block nextEvent(String type, Duration timeout) throws InterruptedException {
    return next(
        "an event of type " + type, b -> !b.isHeartbeat() && b.type().equals(type), timeout);
  }

  private void read() {
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
      List<String> lines = new ArrayList<>();
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (!line.isEmpty()) {
          lines.add(line);
        } else if (!lines.isEmpty()) {
          blocks.add(new Block(lines));
          lines.clear();
        }
      }
    } catch (IOException ended) {
      // closed by the test or the server
    }
    blocks.add(END);
  }

  @Override
  public void close() throws IOException {
    body.close();
  }
}
