package dev.ssekit.samples.tail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ssekit.client.RawServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code tail} in a small heap ({@code -Xmx32m}) against a server that streams one line without
 * end, or one event without end: it exits with the limit's one-line reason, never with an
 * OutOfMemoryError.
 */
@Timeout(120)
class TailHostileInputTest {
  private RawServer server;

  @AfterEach
  void tearDown() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  /** What a finished process printed. */
  record Result(int exit, String stdout, String stderr) {}

  private static Result tailInSmallHeap(String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx32m");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(TailCommand.class.getName());
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).start();
    CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
    CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
    if (!p.waitFor(90, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("tail did not exit within 90 s; stderr: " + err.getNow(""));
    }
    return new Result(p.exitValue(), out.get(10, TimeUnit.SECONDS), err.get(10, TimeUnit.SECONDS));
  }

  private static String readAll(InputStream in) {
    try {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** After one event, streams {@code prefix} and then {@code repeated} as fast as it can, forever. */
  private static RawServer endless(String prefix, String repeated) throws IOException {
    byte[] chunk =
        repeated.repeat((64 << 10) / repeated.length()).getBytes(StandardCharsets.US_ASCII);
    return new RawServer(
        x -> {
          x.sseHead().write("data: ok\n\n" + prefix);
          while (true) {
            x.out.write(chunk); // fails once tail has exited: that ends the script
          }
        });
  }

  @Test
  void aLineThatNeverEndsExitsWithTheLineLimitNotOutOfMemory() throws Exception {
    server = endless("data: ", "x");
    Result r = tailInSmallHeap(server.uri("/").toString());
    System.out.println("tail, endless line, -Xmx32m: exit " + r.exit() + ", stderr: " + r.stderr().strip());
    assertThat(r.stderr()).doesNotContain("OutOfMemoryError");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.stdout().lines()).containsExactly("{\"type\":\"message\",\"data\":\"ok\",\"id\":\"\"}");
    assertThat(r.stderr().lines())
        .singleElement()
        .asString()
        .startsWith("tail: stream exceeded a limit")
        .contains("line longer");
  }

  @Test
  void anEventThatNeverEndsExitsWithTheEventLimitNotOutOfMemory() throws Exception {
    // 1 KiB data lines forever: each line is short, the event grows without bound.
    server = endless("", "data: " + "y".repeat(1017) + "\n");
    Result r = tailInSmallHeap(server.uri("/").toString());
    System.out.println(
        "tail, endless event, -Xmx32m: exit " + r.exit() + ", stderr: " + r.stderr().strip());
    assertThat(r.stderr()).doesNotContain("OutOfMemoryError");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.stderr().lines())
        .singleElement()
        .asString()
        .startsWith("tail: stream exceeded")
        .contains("event larger");
  }

  @Test
  void limitsShrinkToFitTheHeap() {
    assertThat(TailCommand.limitsFor(32L << 20).maxEventSize()).isEqualTo(8 << 20);
    assertThat(TailCommand.limitsFor(32L << 20).maxLineLength()).isEqualTo(8 << 20);
    assertThat(TailCommand.limitsFor(8L << 30))
        .isEqualTo(dev.ssekit.core.SseLimits.DEFAULT);
  }
}
