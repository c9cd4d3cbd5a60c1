package dev.ssekit.samples;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's {@code redis-server} as a child process on a free loopback port, without persistence,
 * for the cluster tests (the same idea as sse-redis's test fixture, cut down to what the samples
 * need). Tests skip with an install hint where the binary is missing; CI must have it.
 */
final class RedisServer implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

  private final Path binary;
  private final int port;
  private Process process;

  private RedisServer(Path binary, int port) {
    this.binary = binary;
    this.port = port;
  }

  /** Starts a server on a free port, or skips the test when {@code redis-server} is missing. */
  static RedisServer start() {
    Path binary = findBinary();
    String hint =
        "cluster tests skipped: redis-server not found; install it with"
            + " `sudo apt-get install redis-server` (Debian)";
    if (binary == null && "true".equals(System.getenv("CI"))) {
      throw new IllegalStateException("CI must run the cluster tests: " + hint);
    }
    Assumptions.assumeTrue(binary != null, hint);
    IllegalStateException failure = null;
    for (int attempt = 0; attempt < 5; attempt++) { // another process may take the port first
      RedisServer redis = new RedisServer(binary, freePort());
      try {
        redis.launch();
        return redis;
      } catch (IllegalStateException e) {
        failure = e;
      }
    }
    throw failure;
  }

  private static Path findBinary() {
    List<Path> candidates = new ArrayList<>();
    String path = System.getenv("PATH");
    if (path != null) {
      for (String dir : path.split(java.io.File.pathSeparator)) {
        if (!dir.isEmpty()) {
          candidates.add(Path.of(dir, "redis-server"));
        }
      }
    }
    candidates.add(Path.of("/usr/bin/redis-server"));
    candidates.add(Path.of("/usr/sbin/redis-server"));
    return candidates.stream().filter(Files::isExecutable).findFirst().orElse(null);
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code redis://127.0.0.1:<port>}. */
  String uri() {
    return "redis://127.0.0.1:" + port;
  }

  /** Kills the server (SIGKILL) and waits until it is gone: Redis becomes unreachable. */
  synchronized void kill() {
    if (process != null) {
      process.destroyForcibly();
      try {
        if (!process.waitFor(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
          throw new IllegalStateException("redis-server survived SIGKILL");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      process = null;
    }
  }

  /** Starts the server again on the same port, empty, and waits until it answers. */
  synchronized void restart() {
    kill();
    launch();
  }

  /** Runs one command on a new connection; returns its reply (arrays joined with newlines). */
  String run(String... args) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      StringBuilder request = new StringBuilder("*" + args.length + "\r\n");
      for (String arg : args) {
        request.append('$').append(arg.getBytes(UTF_8).length).append("\r\n");
        request.append(arg).append("\r\n");
      }
      out.write(request.toString().getBytes(UTF_8));
      out.flush();
      return read(socket.getInputStream());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    kill();
  }

  private synchronized void launch() {
    Path logs = Path.of("target", "redis-logs").toAbsolutePath();
    try {
      Files.createDirectories(logs);
      process =
          new ProcessBuilder(
                  binary.toString(),
                  "--port",
                  Integer.toString(port),
                  "--bind",
                  "127.0.0.1",
                  "--save",
                  "",
                  "--appendonly",
                  "no",
                  "--daemonize",
                  "no",
                  "--dir",
                  logs.toString())
              .redirectErrorStream(true)
              .redirectOutput(
                  ProcessBuilder.Redirect.appendTo(
                      logs.resolve("samples-redis-" + port + ".log").toFile()))
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("could not start " + binary, e);
    }
    Process started = process;
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (true) {
      if (!started.isAlive()) {
        throw new IllegalStateException(
            "redis-server exited with " + started.exitValue() + " (port " + port + " taken?)");
      }
      try {
        if ("PONG".equals(run("PING"))) {
          return;
        }
      } catch (UncheckedIOException | IllegalStateException notYet) {
        // not listening yet
      }
      if (System.nanoTime() > deadline) {
        kill();
        throw new IllegalStateException("redis-server did not answer PING within " + START_TIMEOUT);
      }
      try {
        started.waitFor(20, TimeUnit.MILLISECONDS); // returns early if it exits
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        kill();
        throw new IllegalStateException(e);
      }
    }
  }

  /** One RESP2 reply as text; an array's elements joined with newlines; an error throws. */
  private static String read(InputStream in) throws IOException {
    String line = line(in);
    String rest = line.substring(1);
    switch (line.charAt(0)) {
      case '+':
      case ':':
        return rest;
      case '-':
        throw new IllegalStateException("redis error: " + rest);
      case '$':
        int n = Integer.parseInt(rest);
        return n < 0 ? null : new String(in.readNBytes(n + 2), 0, n, UTF_8);
      case '*':
        List<String> items = new ArrayList<>();
        for (int i = Integer.parseInt(rest); i > 0; i--) {
          items.add(read(in));
        }
        return String.join("\n", items);
      default:
        throw new IllegalStateException("unexpected reply: " + line);
    }
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c < 0) {
        throw new IOException("connection closed");
      }
      if (c != '\r') {
        buf.write(c);
      }
    }
    return buf.toString(UTF_8);
  }
}
