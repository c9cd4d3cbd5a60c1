package dev.ssekit.samples.tail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ssekit.client.RawServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The {@code tail} command run as a real process against loopback servers. */
@Timeout(120)
class TailCommandTest {
  private RawServer server;

  @AfterEach
  void tearDown() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  /** What a finished process printed. */
  record Result(int exit, List<String> stdout, String stderr) {}

  private static Result tail(String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(TailCommand.class.getName());
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).start();
    // Read both pipes concurrently so neither can fill up and block the child.
    var out = java.util.concurrent.CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
    var err = java.util.concurrent.CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("tail did not exit within 60 s; stderr: " + err.getNow(""));
    }
    String stdout = out.get(10, TimeUnit.SECONDS);
    List<String> lines = stdout.isEmpty() ? List.of() : List.of(stdout.split("\r?\n"));
    return new Result(p.exitValue(), lines, err.get(10, TimeUnit.SECONDS));
  }

  private static String readAll(java.io.InputStream in) {
    try {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void printsOneJsonLinePerEventAndExitsWhenTheStreamEnds() throws Exception {
    server =
        new RawServer(
            x -> {
              x.sseHead()
                  .write("data: plain\n\n")
                  .write("event: chat\nid: 7\ndata: {\"text\":\"a \\\"quote\\\"\"}\n\n")
                  .write("data: two\ndata: lines\n\n")
                  .write("id\ndata: caf\u00e9 \u2028\n\n");
              x.close();
            });

    Result r = tail("--no-reconnect", server.uri("/s").toString());

    assertThat(r.stderr()).isEmpty();
    assertThat(r.exit()).isZero();
    assertThat(r.stdout())
        .containsExactly(
            "{\"type\":\"message\",\"data\":\"plain\",\"id\":\"\"}",
            "{\"type\":\"chat\",\"data\":\"{\\\"text\\\":\\\"a \\\\\\\"quote\\\\\\\"\\\"}\",\"id\":\"7\"}",
            "{\"type\":\"message\",\"data\":\"two\\nlines\",\"id\":\"7\"}",
            "{\"type\":\"message\",\"data\":\"caf\u00e9 \\u2028\",\"id\":\"\"}");
  }

  @Test
  void maxEventsStopsAnOpenStream() throws Exception {
    server =
        new RawServer(
            x -> {
              x.sseHead().write("data: 1\n\ndata: 2\n\ndata: 3\n\n");
              x.awaitClientClose(Duration.ofSeconds(60));
            });

    Result r = tail("--max-events", "2", server.uri("/").toString());

    assertThat(r.exit()).isZero();
    assertThat(r.stdout()).hasSize(2);
    assertThat(r.stdout().get(1)).contains("\"data\":\"2\"");
  }

  @Test
  void reconnectsWithLastEventIdByDefault() throws Exception {
    server =
        new RawServer(
            x -> {
              if (x.index == 0) {
                x.sseHead().write("retry: 20\nid: 1\ndata: first\n\n");
                x.close();
              } else {
                x.sseHead().write("id: 2\ndata: after " + x.header("Last-Event-ID") + "\n\n");
                x.awaitClientClose(Duration.ofSeconds(60));
              }
            });

    Result r = tail("--max-events", "2", server.uri("/").toString());

    assertThat(r.exit()).isZero();
    assertThat(r.stdout())
        .containsExactly(
            "{\"type\":\"message\",\"data\":\"first\",\"id\":\"1\"}",
            "{\"type\":\"message\",\"data\":\"after 1\",\"id\":\"2\"}");
  }

  @Test
  void sendsHeadersMethodBodyAndLastEventId() throws Exception {
    server =
        new RawServer(
            x -> {
              x.sseHead()
                  .write(
                      "data: "
                          + x.method
                          + " "
                          + x.body
                          + " "
                          + x.header("Authorization")
                          + " "
                          + x.header("X-Two")
                          + " "
                          + x.header("Last-Event-ID")
                          + "\n\n");
              x.close();
            });

    Result r =
        tail(
            "-X", "PUT", "-d", "{\"a\":1}", "-H", "Authorization: Bearer abc", "-H", "X-Two:2",
            "--last-event-id", "41", "--no-reconnect", server.uri("/").toString());

    assertThat(r.exit()).isZero();
    assertThat(r.stdout())
        .containsExactly(
            "{\"type\":\"message\",\"data\":\"PUT {\\\"a\\\":1} Bearer abc 2 41\",\"id\":\"41\"}");
  }

  @Test
  void anErrorStatusExitsWithTheReason() throws Exception {
    server = new RawServer(x -> x.head(503, "Content-Length: 0").close());
    Result r = tail("--no-reconnect", server.uri("/").toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.stdout()).isEmpty();
    assertThat(r.stderr().lines()).containsExactly("tail: HTTP 503 (" + server.uri("/") + ")");
  }

  @Test
  void anErrorStatusIsFinalEvenWhenReconnecting() throws Exception {
    server =
        new RawServer(
            x -> {
              x.head(401, "Content-Type: text/plain", "Content-Length: 27")
                  .write("token expired\nmore details\n");
              x.awaitClientClose(Duration.ofSeconds(60));
            });
    Result r = tail(server.uri("/").toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.stderr().lines())
        .as("the status with the server's plain-text reason")
        .containsExactly("tail: HTTP 401: token expired (" + server.uri("/") + ")");
  }

  @Test
  void noContentExitsWithItsOwnStatus() throws Exception {
    server =
        new RawServer(
            x -> {
              if (x.index == 0) {
                x.sseHead().write("retry: 20\nid: 1\ndata: last\n\n");
                x.close();
              } else {
                x.head(204).close();
              }
            });
    Result r = tail(server.uri("/").toString());
    assertThat(r.exit()).isEqualTo(TailCommand.STOPPED);
    assertThat(r.stdout()).containsExactly("{\"type\":\"message\",\"data\":\"last\",\"id\":\"1\"}");
    assertThat(r.stderr().lines())
        .singleElement()
        .asString()
        .startsWith("tail: HTTP 204 No Content");
  }

  @Test
  void eachFailureAndTheNextRetryDelayGoToStderrWhileReconnecting() throws Exception {
    server =
        new RawServer(
            x -> {
              if (x.index == 0) {
                // A chunked body cut off before its last chunk: the connection is lost, not ended.
                String events = "retry: 30\nid: 1\ndata: first\n\n";
                x.head(200, "Content-Type: text/event-stream", "Transfer-Encoding: chunked")
                    .write(Integer.toHexString(events.length()) + "\r\n" + events + "\r\n");
                x.close();
              } else {
                x.sseHead().write("id: 2\ndata: second\n\n");
                x.awaitClientClose(Duration.ofSeconds(60));
              }
            });
    Result r = tail("--max-events", "2", server.uri("/").toString());
    assertThat(r.exit()).isZero();
    assertThat(r.stdout()).hasSize(2);
    assertThat(r.stderr().lines())
        .singleElement()
        .asString()
        .startsWith("tail: connection lost (")
        .endsWith("): " + server.uri("/") + ", retrying in 30 ms");
  }

  @Test
  void aWrongContentTypeExitsWithTheReason() throws Exception {
    server =
        new RawServer(
            x -> {
              x.head(200, "Content-Type: text/html").write("<html>");
              x.awaitClientClose(Duration.ofSeconds(60));
            });
    Result r = tail("--no-reconnect", server.uri("/").toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.stderr().lines()).singleElement().asString().contains("text/html");
  }

  @Test
  void anOversizeLineExitsWithTheReason() throws Exception {
    server =
        new RawServer(
            x -> {
              x.sseHead().write("data: ok\n\n");
              // One line past the default 16 MiB line limit.
              byte[] chunk = "x".repeat(64 << 10).getBytes(StandardCharsets.US_ASCII);
              x.write("data: ");
              for (int i = 0; i < 257; i++) {
                x.out.write(chunk);
              }
              x.write("\n\n");
              x.awaitClientClose(Duration.ofSeconds(60));
            });
    Result r = tail("--no-reconnect", server.uri("/").toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.stdout()).hasSize(1);
    assertThat(r.stderr().lines()).singleElement().asString().contains("limit", "line longer");
  }

  @Test
  void aRefusedConnectionExitsWithANetworkError() throws Exception {
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    Result r = tail("--no-reconnect", "http://127.0.0.1:" + port + "/");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.stderr().lines())
        .containsExactly("tail: connection refused: http://127.0.0.1:" + port + "/");
  }

  @Test
  void badUsageExitsWithTwoAndTheUsage() {
    for (String[] args :
        List.of(
            new String[] {},
            new String[] {"--bogus", "http://x/"},
            new String[] {"ftp://x/"},
            new String[] {"--max-events", "0", "http://x/"},
            new String[] {"--max-events"},
            new String[] {"-H", "no colon", "http://x/"},
            new String[] {"-H", "Last-Event-ID: 7", "http://x/"},
            new String[] {"http://a/", "http://b/"})) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int exit = TailCommand.run(args, new PrintStream(out), new PrintStream(err));
      assertThat(exit).as(String.join(" ", args)).isEqualTo(2);
      assertThat(out.toString()).isEmpty();
      assertThat(err.toString()).startsWith("tail: ").contains("usage: tail");
    }
  }

  @Test
  void helpPrintsTheUsage() throws Exception {
    Result r = tail("--help");
    assertThat(r.exit()).isZero();
    assertThat(String.join("\n", r.stdout())).contains("usage: tail", "--max-events");
    assertThat(r.stderr()).isEmpty();
  }
}
