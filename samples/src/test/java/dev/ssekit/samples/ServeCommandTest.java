package dev.ssekit.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve}: its options, and Ctrl-C in a real process. */
class ServeCommandTest {
  private static final Pattern URL = Pattern.compile("open (http://127\\.0\\.0\\.1:\\d+/) ");

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @TempDir Path tmp;

  @Test
  void sigtermEndsOpenStreamsAndTheProcessExits() throws Exception {
    Path stderr = tmp.resolve("stderr.txt");
    Process process = serve(stderr);
    try {
      BufferedReader stdout = stdout(process);
      URI base = CompletableFuture.supplyAsync(() -> readUrl(stdout)).get(30, TimeUnit.SECONDS);
      HttpResponse<InputStream> stream =
          Http.CLIENT.send(
              HttpRequest.newBuilder(base.resolve("chat/events?username=ctrl-c")).build(),
              HttpResponse.BodyHandlers.ofInputStream());
      assertThat(stream.statusCode()).isEqualTo(200);
      InputStream body = stream.body();
      assertThat(new String(body.readNBytes(13), StandardCharsets.UTF_8))
          .isEqualTo("retry: 1000\n\n");

      process.destroy(); // SIGTERM: the JVM runs the shutdown hook, as on Ctrl-C

      String rest = CompletableFuture.supplyAsync(() -> readToEnd(body)).get(15, TimeUnit.SECONDS);
      assertThat(rest).as("events after the ctrl-c user joined").contains("event: userconnect");
      assertThat(process.waitFor(15, TimeUnit.SECONDS))
          .as("process exited; stderr:%n%s", Files.readString(stderr))
          .isTrue();
    } finally {
      process.destroyForcibly();
    }
  }

  @Test
  void aClusterNodeStartsWhileRedisIsDownSaysSoAndAnswers503() throws Exception {
    int nothingThere;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      nothingThere = socket.getLocalPort(); // closed again: nothing listens there
    }
    Path stderr = tmp.resolve("stderr.txt");
    Process process = serve(stderr, "--redis", "redis://127.0.0.1:" + nothingThere);
    try {
      BufferedReader stdout = stdout(process);
      URI base = CompletableFuture.supplyAsync(() -> readUrl(stdout)).get(30, TimeUnit.SECONDS);
      assertThat(stdout.readLine())
          .isEqualTo(
              "  cluster node: chat and pings shared on redis://127.0.0.1:"
                  + nothingThere
                  + " (NOT reachable yet: the node serves anyway, posting answers 503 until it"
                  + " is)");
      HttpResponse<String> refused = Http.post(base, Http.message("curl", "hello"));
      assertThat(refused.statusCode()).isEqualTo(503);
      assertThat(refused.body()).startsWith("the chat cannot take messages now: ");

      process.destroy();
      assertThat(process.waitFor(15, TimeUnit.SECONDS)).isTrue();
      assertThat(Files.readString(stderr))
          .contains("Redis at redis://127.0.0.1:" + nothingThere + " is not reachable");
    } finally {
      process.destroyForcibly();
    }
  }

  @Test
  void corsOriginsAreNamedAtStartAndAnswered() throws Exception {
    Path stderr = tmp.resolve("stderr.txt");
    Process process =
        serve(
            stderr,
            "--cors-origin",
            "http://127.0.0.1:3000",
            "--cors-origin",
            "HTTPS://App.Example.com:443");
    try {
      BufferedReader stdout = stdout(process);
      URI base = CompletableFuture.supplyAsync(() -> readUrl(stdout)).get(30, TimeUnit.SECONDS);
      assertThat(stdout.readLine())
          .isEqualTo(
              "  other origins: http://127.0.0.1:3000, https://app.example.com may open both"
                  + " streams with credentials");
      HttpResponse<InputStream> stream =
          Http.CLIENT.send(
              HttpRequest.newBuilder(base.resolve("events"))
                  .header("Origin", "https://app.example.com")
                  .build(),
              HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream body = stream.body()) {
        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(stream.headers().firstValue("Access-Control-Allow-Origin"))
            .hasValue("https://app.example.com");
      }
    } finally {
      process.destroyForcibly().waitFor(15, TimeUnit.SECONDS);
    }
  }

  @Test
  void aBadCorsOriginExitsWith2() throws Exception {
    assertThat(run("serve", "--cors-origin", "https://app.example.com/")).isEqualTo(2);
    assertThat(run("serve", "--cors-origin", "null")).isEqualTo(2);
    assertThat(run("serve", "--cors-origin")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("serve: --cors-origin: an origin has no path, query or trailing slash")
        .contains("serve: --cors-origin: the \"null\" origin is never allowed")
        .contains("unknown option: --cors-origin");
  }

  @Test
  void aMalformedRedisUriExitsWith2() throws Exception {
    assertThat(run("serve", "--redis", "http://127.0.0.1:6379")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("serve: --redis needs a Redis URI such as redis://127.0.0.1:6379: ");
  }

  @Test
  void badOptionsExitWith2() throws Exception {
    assertThat(run("serve", "--port", "x")).isEqualTo(2);
    assertThat(run("serve", "--port", "70000")).isEqualTo(2);
    assertThat(run("serve", "--verbose")).isEqualTo(2);
    assertThat(run("nonsense")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("--port needs a number from 0 to 65535, got: x")
        .contains("unknown option: --verbose")
        .contains("unknown command: nonsense");
  }

  @Test
  void aPortInUseExitsWith1AndSaysSo() throws Exception {
    try (SampleServer busy = SampleServer.start(0)) {
      String port = Integer.toString(busy.baseUri().getPort());

      int status =
          assertTimeoutPreemptively(Duration.ofSeconds(20), () -> run("serve", "--port", port));

      assertThat(status).isEqualTo(1);
      assertThat(err.toString(StandardCharsets.UTF_8))
          .contains("serve: cannot listen on 127.0.0.1:" + port);
    }
  }

  /** Starts {@code serve --port 0} with {@code options} in a JVM of its own. */
  private static Process serve(Path stderr, String... options) throws java.io.IOException {
    List<String> args = new ArrayList<>(List.of("serve", "--port", "0"));
    args.addAll(List.of(options));
    return new ProcessBuilder(JavaCommand.of(Main.class, args.toArray(String[]::new)))
        .redirectError(stderr.toFile())
        .start();
  }

  private static BufferedReader stdout(Process process) {
    return new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
  }

  private int run(String... args) throws Exception {
    return Main.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private static URI readUrl(BufferedReader stdout) {
    try {
      for (String line = stdout.readLine(); line != null; line = stdout.readLine()) {
        Matcher m = URL.matcher(line);
        if (m.find()) {
          return URI.create(m.group(1));
        }
      }
      throw new AssertionError("serve ended without printing its URL");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String readToEnd(InputStream body) {
    try (body) {
      return new String(body.readAllBytes(), StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
