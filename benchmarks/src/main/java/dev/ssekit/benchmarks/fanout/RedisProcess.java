package dev.ssekit.benchmarks.fanout;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@code redis-server} child process on a free loopback port, without persistence ({@code --save
 * "" --appendonly no}), killed on {@link #close()} and when the coordinator exits.
 */
final class RedisProcess implements AutoCloseable {
  private final Process process;
  private final int port;

  private RedisProcess(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /** Starts redis-server and waits (at most 20 s) until it answers PING; its output goes to log. */
  static RedisProcess start(Path log) throws IOException, InterruptedException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    ProcessBuilder pb =
        new ProcessBuilder(
            List.of("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no"));
    pb.redirectErrorStream(true);
    pb.redirectOutput(log.toFile());
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      throw new IOException(
          "cannot start redis-server (Debian: apt-get install redis-server): " + e.getMessage(), e);
    }
    Runtime.getRuntime().addShutdownHook(new Thread(p::destroyForcibly));
    RedisProcess r = new RedisProcess(p, port);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!r.ping()) {
      if (!p.isAlive() || System.nanoTime() > deadline) {
        r.close();
        throw new IOException("redis-server did not answer on port " + port + "; see " + log);
      }
      Thread.sleep(50);
    }
    return r;
  }

  /** {@code redis://127.0.0.1:PORT}. */
  String uri() {
    return "redis://127.0.0.1:" + port;
  }

  long pid() {
    return process.pid();
  }

  private boolean ping() {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
      s.setSoTimeout(1000);
      OutputStream out = s.getOutputStream();
      out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      byte[] b = new byte[7];
      int n = in.readNBytes(b, 0, 7);
      return n == 7 && new String(b, StandardCharsets.US_ASCII).equals("+PONG\r\n");
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public void close() {
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
