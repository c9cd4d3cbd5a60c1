package dev.ssekit.redis;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedInputStream;
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
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Debian's {@code redis-server} as a child process on a free loopback port, without persistence (so
 * a restart loses the data). Use it per test class:
 *
 * <pre>{@code @RegisterExtension static final RedisServerProcess redis = new RedisServerProcess();}
 * </pre>
 *
 * or as a plain {@link AutoCloseable} after {@link #start()}. When the binary is missing, the tests
 * are skipped with a message that says how to install it, or fail where it is {@linkplain
 * #required() required}. Its log goes to {@code target/redis-logs/}. Every process is killed when
 * it closes, and at the latest when the JVM exits.
 */
public final class RedisServerProcess
    implements AutoCloseable, BeforeAllCallback, AfterAllCallback {
  static final String MISSING =
      "redis-server not found: install it with `sudo apt-get install redis-server` (Debian)";

  private static final Duration START_TIMEOUT = Duration.ofSeconds(20);
  private static final Duration IO_TIMEOUT = Duration.ofSeconds(10);
  private static final AtomicInteger RUNS = new AtomicInteger();
  private static final Set<Process> ALIVE = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(() -> ALIVE.forEach(Process::destroyForcibly), "redis-server-reaper"));
  }

  /** The arguments after the binary, for a port and a log file. */
  private final BiFunction<Integer, Path, List<String>> commandLine;

  private Path binary;
  private int port;
  private volatile Process process;

  /** Not started yet: see {@link #start()}, or register it as an extension. */
  public RedisServerProcess() {
    this(RedisServerProcess::serverArguments);
  }

  private RedisServerProcess(BiFunction<Integer, Path, List<String>> commandLine) {
    this.commandLine = commandLine;
  }

  /** Starts a server on a free port, or skips the test when {@code redis-server} is missing. */
  public static RedisServerProcess start() {
    return start(RedisServerProcess::serverArguments);
  }

  /**
   * Starts {@code redis-server} with the arguments {@code commandLine} makes for a free port and a
   * log file (a Sentinel's, say), or skips the test when the binary is missing. It must answer
   * {@code PING} on that port.
   */
  static RedisServerProcess start(BiFunction<Integer, Path, List<String>> commandLine) {
    RedisServerProcess redis = new RedisServerProcess(commandLine);
    redis.startOnFreePort();
    return redis;
  }

  /**
   * Starts a replica of {@code primary} ({@code --replicaof}) on a free port, with a directory of
   * its own so that the copy it receives never lands where another server would load it. It does
   * not wait for the copy: see {@link #replicationOffset()}.
   */
  static RedisServerProcess startReplicaOf(RedisServerProcess primary) {
    // else the primary waits 5 s for more replicas before it sends the first copy
    primary.run("CONFIG", "SET", "repl-diskless-sync-delay", "0");
    return start(
        (port, log) -> {
          Path dir = log.resolveSibling(log.getFileName() + ".dir");
          try {
            Files.createDirectories(dir);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
          List<String> args = new ArrayList<>(serverArguments(port, log));
          // a later option wins over an earlier one
          args.addAll(
              List.of(
                  "--dir",
                  dir.toString(),
                  "--replicaof",
                  "127.0.0.1",
                  Integer.toString(primary.port)));
          return args;
        });
  }

  private static List<String> serverArguments(int port, Path log) {
    return List.of(
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
        log.getParent().toString(),
        "--enable-debug-command",
        "local",
        "--logfile",
        log.toString());
  }

  /**
   * The binary named by {@code -Dssekit.redis.server=<path>}, or else the one on PATH or in
   * /usr/bin (and /usr/sbin, /usr/local/bin); null if there is none.
   */
  static Path findBinary() {
    String chosen = System.getProperty("ssekit.redis.server");
    if (chosen != null) {
      Path p = Path.of(chosen);
      return Files.isRegularFile(p) && Files.isExecutable(p) ? p : null;
    }
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
    candidates.add(Path.of("/usr/local/bin/redis-server"));
    for (Path candidate : candidates) {
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  /**
   * Whether a missing binary fails instead of skipping: {@code -Dssekit.redis.required=true|false},
   * by default true on CI ({@code CI=true}), which installs redis-server (.ci/run).
   */
  static boolean required() {
    String chosen = System.getProperty("ssekit.redis.required");
    return chosen != null ? Boolean.parseBoolean(chosen) : "true".equals(System.getenv("CI"));
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    startOnFreePort();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    close();
  }

  private void startOnFreePort() {
    binary = findBinary();
    if (binary == null && required()) {
      throw new IllegalStateException("The Redis tests must run here: " + MISSING);
    }
    Assumptions.assumeTrue(binary != null, MISSING);
    IllegalStateException failure = null;
    for (int attempt = 0; attempt < 5; attempt++) { // another process may take the port first
      port = freePort();
      try {
        launch();
        return;
      } catch (IllegalStateException e) {
        failure = e;
      }
    }
    throw failure;
  }

  /** A loopback port free now (another process may take it before it is used). */
  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void launch() {
    Path logs = Path.of("target", "redis-logs").toAbsolutePath();
    Process started;
    try {
      Files.createDirectories(logs);
      Path log = logs.resolve("redis-" + port + "-" + RUNS.incrementAndGet() + ".log");
      List<String> command = new ArrayList<>();
      command.add(binary.toString());
      command.addAll(commandLine.apply(port, log));
      started =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("could not start " + binary, e);
    }
    ALIVE.add(started);
    process = started;
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (true) {
      if (!started.isAlive()) {
        ALIVE.remove(started);
        throw new IllegalStateException(
            "redis-server exited with " + started.exitValue() + " (port " + port + " taken?)");
      }
      try {
        if ("PONG".equals(command("PING"))) {
          return;
        }
      } catch (IOException | RuntimeException notYet) {
        // not listening yet
      }
      if (System.nanoTime() > deadline) {
        kill(started);
        throw new IllegalStateException("redis-server did not answer PING within " + START_TIMEOUT);
      }
      try {
        started.waitFor(20, TimeUnit.MILLISECONDS); // returns early if it exits
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        kill(started);
        throw new IllegalStateException(e);
      }
    }
  }

  /** {@code redis://127.0.0.1:<port>}. */
  public String uri() {
    return "redis://127.0.0.1:" + port;
  }

  int port() {
    return port;
  }

  boolean isAlive() {
    Process p = process;
    return p != null && p.isAlive();
  }

  /** Kills the server with SIGKILL and waits until it is gone. */
  public void kill9() {
    Process p = process;
    if (p != null) {
      kill(p);
    }
  }

  /** Sends SIGTERM and waits until it has exited. */
  void terminate() {
    Process p = process;
    if (p == null) {
      return;
    }
    p.destroy(); // SIGTERM on Linux
    try {
      if (!p.waitFor(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        kill(p);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      kill(p);
    }
    ALIVE.remove(p);
  }

  /** Starts the server again on the same port, empty; kills it first when it is still running. */
  public void restart() {
    kill9();
    launch();
  }

  /**
   * The replication stream's offset this server has reached ({@code master_repl_offset} of {@code
   * INFO replication}): a replica whose offset is at least its primary's has everything the primary
   * had then.
   */
  long replicationOffset() {
    for (String line : run("INFO", "replication").split("\r?\n")) {
      if (line.startsWith("master_repl_offset:")) {
        return Long.parseLong(line.substring("master_repl_offset:".length()).trim());
      }
    }
    throw new IllegalStateException("no master_repl_offset in INFO replication");
  }

  /** {@code FLUSHALL}. */
  void flushAll() {
    run("FLUSHALL");
  }

  /** Running and empty, for the next test: restarted if a fault test left it dead, then flushed. */
  public void runningAndEmpty() {
    if (!isAlive()) {
      restart();
    }
    flushAll();
  }

  /**
   * {@code CLIENT KILL TYPE type} ({@code normal}, {@code pubsub}, …); the connection sending it is
   * not killed ({@code SKIPME yes}).
   *
   * @return how many clients were killed
   */
  long clientKillAll(String type) {
    return Long.parseLong(run("CLIENT", "KILL", "TYPE", type, "SKIPME", "yes"));
  }

  /**
   * Kills every connection whose name ({@code CLIENT SETNAME}) is {@code name}.
   *
   * @return how many were killed
   */
  int clientKillByName(String name) {
    int killed = 0;
    for (String line : run("CLIENT", "LIST").split("\n")) {
      String id = null;
      boolean match = false;
      for (String field : line.trim().split(" ")) {
        if (field.startsWith("id=")) {
          id = field.substring(3);
        } else if (field.equals("name=" + name)) {
          match = true;
        }
      }
      if (match && id != null) {
        killed += Integer.parseInt(run("CLIENT", "KILL", "ID", id));
      }
    }
    return killed;
  }

  /**
   * {@code DEBUG SLEEP seconds}: the server answers nobody until it is over. Returns at once; the
   * future completes when the server answers again.
   */
  public CompletableFuture<Void> debugSleep(double seconds) {
    CompletableFuture<Void> sent = new CompletableFuture<>();
    CompletableFuture<Void> done =
        CompletableFuture.runAsync(
            () -> {
              try (Socket socket = connect(Duration.ofSeconds((long) seconds + 30))) {
                write(socket.getOutputStream(), "DEBUG", "SLEEP", Double.toString(seconds));
                sent.complete(null);
                read(new BufferedInputStream(socket.getInputStream()));
              } catch (IOException e) {
                sent.completeExceptionally(e);
                throw new UncheckedIOException(e);
              }
            });
    sent.join();
    awaitAsleep(); // so the next command from anyone waits for the sleep to end
    return done;
  }

  /** Waits until a PING goes unanswered for a while: the server is inside DEBUG SLEEP. */
  private void awaitAsleep() {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      try (Socket socket = connect(Duration.ofMillis(200))) {
        write(socket.getOutputStream(), "PING");
        read(new BufferedInputStream(socket.getInputStream()));
        // answered: the sleep has not begun yet
      } catch (java.net.SocketTimeoutException asleep) {
        return;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    throw new IllegalStateException("DEBUG SLEEP did not begin within " + START_TIMEOUT);
  }

  /** Runs one command on a new connection and returns its reply as a string (see {@link #read}). */
  public String run(String... args) {
    try {
      return command(args);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    kill9();
  }

  private static void kill(Process p) {
    p.destroyForcibly(); // SIGKILL on Linux
    try {
      if (!p.waitFor(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException("redis-server survived SIGKILL");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    ALIVE.remove(p);
  }

  private Socket connect(Duration readTimeout) throws IOException {
    Socket socket = new Socket();
    socket.connect(new InetSocketAddress("127.0.0.1", port), (int) IO_TIMEOUT.toMillis());
    socket.setSoTimeout((int) readTimeout.toMillis());
    return socket;
  }

  private String command(String... args) throws IOException {
    try (Socket socket = connect(IO_TIMEOUT)) {
      write(socket.getOutputStream(), args);
      return read(new BufferedInputStream(socket.getInputStream()));
    }
  }

  private static void write(OutputStream out, String... args) throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    buf.writeBytes(("*" + args.length + "\r\n").getBytes(UTF_8));
    for (String arg : args) {
      byte[] bytes = arg.getBytes(UTF_8);
      buf.writeBytes(("$" + bytes.length + "\r\n").getBytes(UTF_8));
      buf.writeBytes(bytes);
      buf.writeBytes("\r\n".getBytes(UTF_8));
    }
    out.write(buf.toByteArray());
    out.flush();
  }

  /**
   * One RESP2 reply: a simple string or integer as its text, a bulk string as its text (null for a
   * nil), an array as its elements' replies joined with newlines; an error throws.
   */
  private static String read(InputStream in) throws IOException {
    String line = line(in);
    char type = line.charAt(0);
    String rest = line.substring(1);
    switch (type) {
      case '+':
      case ':':
        return rest;
      case '-':
        throw new IllegalStateException("redis error: " + rest);
      case '$':
        {
          int n = Integer.parseInt(rest);
          if (n < 0) {
            return null;
          }
          byte[] bytes = in.readNBytes(n + 2);
          return new String(bytes, 0, n, UTF_8);
        }
      case '*':
        {
          int n = Integer.parseInt(rest);
          List<String> items = new ArrayList<>();
          for (int i = 0; i < n; i++) {
            items.add(read(in));
          }
          return String.join("\n", items);
        }
      default:
        throw new IllegalStateException("unexpected reply: " + line);
    }
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) != '\n') {
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
