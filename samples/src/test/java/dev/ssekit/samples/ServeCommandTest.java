package dev.ssekit.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code serve}: its options, and Ctrl-C in a real process. */
class ServeCommandTest {
  private static final Pattern URL = Pattern.compile("open (https?://127\\.0\\.0\\.1:\\d+/) ");

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
  void tlsServesHttp2WithTheSelfSignedCertificateWhoseFingerprintItPrints() throws Exception {
    Path stderr = tmp.resolve("stderr.txt");
    Process process =
        new ProcessBuilder(JavaCommand.of(Main.class, "serve", "--tls", "--port", "0"))
            .redirectError(stderr.toFile())
            .start();
    try {
      BufferedReader stdout =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      URI base = CompletableFuture.supplyAsync(() -> readUrl(stdout)).get(30, TimeUnit.SECONDS);
      assertThat(base.getScheme()).isEqualTo("https");
      assertThat(stdout.readLine()).contains("Jetty 12 through sse-servlet").contains("HTTP/2");
      assertThat(stdout.readLine()).contains("self-signed for 127.0.0.1 and localhost");
      String fingerprint = stdout.readLine().replace("  SHA-256:", "").strip();
      assertThat(fingerprint).matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");

      HttpClient pinned =
          HttpClient.newBuilder()
              .sslContext(PinnedCertificate.context(fingerprint))
              .connectTimeout(Duration.ofSeconds(5))
              .build();
      HttpResponse<InputStream> stream =
          pinned.send(
              HttpRequest.newBuilder(base.resolve("events")).build(),
              HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream body = stream.body()) {
        assertThat(stream.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(stream.statusCode()).isEqualTo(200);
      }

      process.destroy();
      assertThat(process.waitFor(15, TimeUnit.SECONDS))
          .as("process exited; stderr:%n%s", Files.readString(stderr))
          .isTrue();
    } finally {
      process.destroyForcibly();
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
  void helpSaysThatTlsServesThroughTheServletAdapter() throws Exception {
    assertThat(run("serve", "--help")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("--servlet")
        .contains("--tls implies --servlet")
        .contains("--keystore FILE --keystore-password P");
  }

  @Test
  void keystoreOptionsNeedTlsAndEachOther() throws Exception {
    assertThat(run("serve", "--keystore", "k.p12", "--keystore-password", "p")).isEqualTo(2);
    assertThat(run("serve", "--tls", "--keystore", "k.p12")).isEqualTo(2);
    assertThat(run("serve", "--tls", "--keystore", tmp.resolve("none.p12").toString(),
            "--keystore-password", "p"))
        .isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("--keystore and --keystore-password need --tls")
        .contains("--keystore and --keystore-password go together")
        .contains("cannot read keystore " + tmp.resolve("none.p12"));
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

  @ParameterizedTest
  @ValueSource(strings = {"", "--servlet", "--tls"})
  void aPortInUseExitsWith1AndSaysSo(String server) throws Exception {
    try (SampleServer busy = SampleServer.start(0)) {
      String port = Integer.toString(busy.baseUri().getPort());
      String[] args =
          server.isEmpty()
              ? new String[] {"serve", "--port", port}
              : new String[] {"serve", server, "--port", port};

      int status = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> run(args));

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
