package dev.ssekit.samples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ssekit.samples.quickstart.Quickstart;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's quickstart, run as a user runs it: its own JVM, a real server, the typed client. */
class QuickstartTest {
  @TempDir Path tmp;

  @Test
  void theQuickstartReceivesItsTypedGreetingsAndExits() throws Exception {
    Path stdout = tmp.resolve("stdout.txt");
    Path stderr = tmp.resolve("stderr.txt");
    Process process =
        new ProcessBuilder(JavaCommand.of(Quickstart.class))
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile())
            .start();
    try {
      assertThat(process.waitFor(60, TimeUnit.SECONDS))
          .as("the quickstart exited; stderr:%n%s", Files.readString(stderr))
          .isTrue();

      assertThat(Files.readAllLines(stdout, StandardCharsets.UTF_8))
          .as("stderr:%n%s", Files.readString(stderr))
          .containsExactly(
              "received Greeting[seq=1, text=hello 1]",
              "received Greeting[seq=2, text=hello 2]",
              "received Greeting[seq=3, text=hello 3]");
      assertThat(process.exitValue()).isZero();
      assertThat(Files.readAllLines(stderr, StandardCharsets.UTF_8))
          .as("what a user sees besides the greetings")
          .noneMatch(line -> line.startsWith("WARNING") || line.startsWith("SEVERE"));
    } finally {
      process.destroyForcibly();
    }
  }
}
