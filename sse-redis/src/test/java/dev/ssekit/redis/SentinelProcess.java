package dev.ssekit.redis;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A Redis Sentinel ({@code redis-server <conf> --sentinel}) on a free loopback port that monitors
 * one primary, with timings for a test: the primary counts as down after 1 s without an answer, and
 * a quorum of 1 lets this Sentinel alone fail it over. Its configuration is written to a temporary
 * directory (Sentinel rewrites it), deleted when it closes; its log goes to {@code
 * target/redis-logs/}. Skipped or failed like {@link RedisServerProcess} when the binary is
 * missing.
 */
final class SentinelProcess implements AutoCloseable {
  private final String masterName;
  private final Path dir;
  private final RedisServerProcess sentinel;

  private SentinelProcess(String masterName, Path dir, RedisServerProcess sentinel) {
    this.masterName = masterName;
    this.dir = dir;
    this.sentinel = sentinel;
  }

  /** Starts a Sentinel that monitors {@code primary} under {@code masterName}. */
  static SentinelProcess start(String masterName, RedisServerProcess primary) {
    Path dir;
    try {
      dir = Files.createTempDirectory("ssekit-sentinel-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      RedisServerProcess sentinel =
          RedisServerProcess.start(
              (port, log) -> {
                Path conf = dir.resolve("sentinel-" + port + ".conf");
                String text =
                    String.join(
                        "\n",
                        "port " + port,
                        "bind 127.0.0.1",
                        "protected-mode no",
                        "daemonize no",
                        "logfile \"" + log + "\"",
                        "dir \"" + dir + "\"",
                        "sentinel monitor " + masterName + " 127.0.0.1 " + primary.port() + " 1",
                        "sentinel down-after-milliseconds " + masterName + " 1000",
                        "sentinel failover-timeout " + masterName + " 5000",
                        "");
                try {
                  Files.writeString(conf, text, UTF_8);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
                return List.of(conf.toString(), "--sentinel");
              });
      return new SentinelProcess(masterName, dir, sentinel);
    } catch (RuntimeException | Error e) { // a skip too: nothing may stay behind
      delete(dir);
      throw e;
    }
  }

  /** Lettuce's URI for the primary this Sentinel names: {@code redis-sentinel://…/0#name}. */
  String uri() {
    return "redis-sentinel://127.0.0.1:" + sentinel.port() + "/0#" + masterName;
  }

  /** The port of the primary this Sentinel names now ({@code SENTINEL GET-MASTER-ADDR-BY-NAME}). */
  int primaryPort() {
    String[] hostAndPort =
        sentinel.run("SENTINEL", "GET-MASTER-ADDR-BY-NAME", masterName).split("\n");
    return Integer.parseInt(hostAndPort[1]);
  }

  /**
   * Whether this Sentinel knows {@code replica} as a healthy replica it could promote: listed by
   * {@code SENTINEL REPLICAS}, flagged only {@code slave}, its link to the primary up.
   */
  boolean knowsReplica(RedisServerProcess replica) {
    for (Map<String, String> r : replicas()) {
      if (("127.0.0.1:" + replica.port()).equals(r.get("name"))) {
        return "slave".equals(r.get("flags")) && "ok".equals(r.get("master-link-status"));
      }
    }
    return false;
  }

  /** {@code SENTINEL REPLICAS}: one map of fields per replica (the reply comes flattened). */
  private List<Map<String, String>> replicas() {
    List<Map<String, String>> replicas = new ArrayList<>();
    String reply = sentinel.run("SENTINEL", "REPLICAS", masterName);
    if (reply.isEmpty()) {
      return replicas;
    }
    String[] items = reply.split("\n");
    Map<String, String> current = null;
    for (int i = 0; i + 1 < items.length; i += 2) {
      if (items[i].equals("name")) { // each replica's fields begin with its name
        current = new HashMap<>();
        replicas.add(current);
      }
      if (current != null) {
        current.put(items[i], items[i + 1]);
      }
    }
    return replicas;
  }

  @Override
  public void close() {
    try {
      sentinel.close();
    } finally {
      delete(dir);
    }
  }

  private static void delete(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
