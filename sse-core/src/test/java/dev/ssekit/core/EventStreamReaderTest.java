package dev.ssekit.core;

import static dev.ssekit.core.Recorder.event;
import static dev.ssekit.core.Recorder.message;
import static dev.ssekit.core.Recorder.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EventStreamReaderTest {

  /** Serves a byte array in reads of random sizes, 1 to 7 bytes, as a network stream might. */
  private static final class OddSplits extends InputStream {
    private final byte[] bytes;
    private final Random random;
    private int at;
    boolean closed;

    OddSplits(byte[] bytes, long seed) {
      this.bytes = bytes;
      this.random = new Random(seed);
    }

    @Override
    public int read() {
      return at < bytes.length ? bytes[at++] & 0xFF : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (at == bytes.length) {
        return -1;
      }
      int n = Math.min(Math.min(len, 1 + random.nextInt(7)), bytes.length - at);
      System.arraycopy(bytes, at, b, off, n);
      at += n;
      return n;
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  private static List<ServerSentEvent> readAll(EventStreamReader reader) throws IOException {
    List<ServerSentEvent> events = new ArrayList<>();
    for (ServerSentEvent e; (e = reader.next()) != null; ) {
      events.add(e);
    }
    return events;
  }

  @Test
  void readsEveryEventFromOddlySplitReadsThenNull() throws IOException {
    byte[] stream =
        utf8(
            "\uFEFF: hi\r\n"
                + "event: a\r\n"
                + "data: 1\r\n\r\n"
                + "data: \u00e9\ud83d\ude00\r"
                + "data: 2\r\r"
                + "id: 9\n"
                + "data: 3\n\n");
    for (long seed = 1; seed <= 50; seed++) {
      try (EventStreamReader reader = new EventStreamReader(new OddSplits(stream, seed))) {
        assertThat(readAll(reader))
            .as("seed %d", seed)
            .containsExactly(
                event("a", "1", null, null, "hi"),
                message("\u00e9\ud83d\ude00\n2"),
                event("message", "3", "9", null, null));
        assertThat(reader.next()).isNull();
      }
    }
  }

  @Test
  void lastEventIdAndRetryDescribeTheStreamUpToTheEventReturned() throws IOException {
    byte[] stream =
        utf8("retry: 100\nid: 1\ndata: a\n\nretry: 200\ndata: b\n\nid: 2\n\nretry: 300\ndata: cut");
    // One read delivers everything, so the parser is ahead of what next() has returned.
    EventStreamReader reader = new EventStreamReader(new ByteArrayInputStream(stream));
    assertThat(reader.lastEventId()).isEmpty();
    assertThat(reader.retry()).isEqualTo(-1);
    assertThat(reader.next().data()).isEqualTo("a");
    assertThat(reader.lastEventId()).isEqualTo("1");
    assertThat(reader.retry()).isEqualTo(100);
    assertThat(reader.next().data()).isEqualTo("b");
    assertThat(reader.lastEventId()).isEqualTo("1");
    assertThat(reader.retry()).isEqualTo(200);
    // The unfinished event is discarded; the id-only block and the retry still took effect.
    assertThat(reader.next()).isNull();
    assertThat(reader.lastEventId()).isEqualTo("2");
    assertThat(reader.retry()).isEqualTo(300);
  }

  @Test
  void limitsApply() {
    EventStreamReader reader =
        new EventStreamReader(
            new ByteArrayInputStream(utf8("data: far too long\n\n")), new SseLimits(8, 100));
    assertThatThrownBy(reader::next).isInstanceOf(SseLimitExceededException.class);
  }

  @Test
  void readFailuresPropagate() {
    InputStream failing =
        new InputStream() {
          @Override
          public int read() throws IOException {
            throw new IOException("connection reset");
          }
        };
    EventStreamReader reader = new EventStreamReader(failing);
    assertThatThrownBy(reader::next).isInstanceOf(IOException.class).hasMessage("connection reset");
  }

  @Test
  void closeClosesTheStream() throws IOException {
    OddSplits in = new OddSplits(utf8("data: x\n\n"), 1);
    EventStreamReader reader = new EventStreamReader(in);
    reader.close();
    assertThat(in.closed).isTrue();
    assertThat(reader.next()).isNull();
  }

  @Test
  void readsFromASocketAsBytesTrickleIn() throws Exception {
    byte[] frames =
        new SseEncoder()
            .append(ServerSentEvent.builder().type("tick").id("1").data("one").build())
            .appendHeartbeat()
            .append(ServerSentEvent.of("two\nlines"))
            .toByteArray();
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      CompletableFuture<Void> writer =
          CompletableFuture.runAsync(
              () -> {
                try (Socket s = server.accept();
                    OutputStream out = s.getOutputStream()) {
                  for (byte b : frames) {
                    out.write(b); // one byte per TCP write: the reader sees many small reads
                    out.flush();
                  }
                } catch (IOException e) {
                  throw new RuntimeException(e);
                }
              });
      try (Socket client = new Socket(server.getInetAddress(), server.getLocalPort())) {
        client.setSoTimeout(10_000);
        try (EventStreamReader reader = new EventStreamReader(client.getInputStream())) {
          assertThat(readAll(reader))
              .containsExactly(event("tick", "one", "1", null, null), message("two\nlines"));
          assertThat(reader.lastEventId()).isEqualTo("1");
        }
      }
      writer.get(10, TimeUnit.SECONDS);
    }
  }
}
