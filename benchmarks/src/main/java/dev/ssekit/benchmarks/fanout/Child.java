package dev.ssekit.benchmarks.fanout;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM run by a coordinator: same java and class path as the coordinator, stdout read line
 * by line (lines are the protocol), stderr to a log file, destroyed on {@link #close()} and when
 * the coordinator exits.
 */
public final class Child implements AutoCloseable {
  private final String name;
  private final Process process;
  private final PrintStream in;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

  /** Starts {@code mainClass} with {@code jvmArgs} and {@code args}; stderr goes to {@code log}. */
  public Child(String name, List<String> jvmArgs, String mainClass, List<String> args, Path log)
      throws IOException {
    this.name = name;
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvmArgs);
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(mainClass);
    cmd.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.redirectError(log.toFile());
    this.process = pb.start();
    Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
    this.in = new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                  lines.add(line);
                }
              } catch (IOException e) {
                // the process ended
              }
            },
            name + "-stdout");
    reader.setDaemon(true);
    reader.start();
  }

  /** The operating system's process id. */
  public long pid() {
    return process.pid();
  }

  /** Saves {@code jmap -histo:live} of this process to {@code file}, to see who holds what. */
  public void histogram(Path file) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder("jmap", "-histo:live", String.valueOf(pid()))
            .redirectErrorStream(true)
            .redirectOutput(file.toFile())
            .start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
    }
  }

  /** Sends one command line. */
  public void send(String command) {
    in.println(command);
  }

  /**
   * Waits for the next line starting with {@code prefix} (other lines are echoed), for at most
   * {@code seconds}.
   *
   * @throws IllegalStateException on timeout, if the process ended first, or if it said {@code
   *     ERROR …}
   */
  public String await(String prefix, long seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (true) {
      long left = deadline - System.nanoTime();
      String line = lines.poll(Math.max(left, 0), TimeUnit.NANOSECONDS);
      if (line == null) {
        throw new IllegalStateException(
            name + ": no '" + prefix + "' within " + seconds + " s (alive=" + process.isAlive()
                + ")");
      }
      if (line.startsWith(prefix)) {
        return line;
      }
      if (line.startsWith("ERROR ")) {
        throw new IllegalStateException(name + ": " + line.substring(6));
      }
      System.out.println("  [" + name + "] " + line);
    }
  }

  /** The {@code key=value} pairs of a protocol line. */
  public static Map<String, String> fields(String line) {
    Map<String, String> m = new HashMap<>();
    for (String part : line.split("\\s+")) {
      int eq = part.indexOf('=');
      if (eq > 0) {
        m.put(part.substring(0, eq), part.substring(eq + 1));
      }
    }
    return m;
  }

  /** Kills the process at once ({@code destroyForcibly}, SIGKILL) and waits for it to end. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    in.close();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
