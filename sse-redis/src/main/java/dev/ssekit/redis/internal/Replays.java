package dev.ssekit.redis.internal;

import static java.nio.charset.StandardCharsets.US_ASCII;

import dev.ssekit.redis.internal.RedisStreams.ReplayAnswer;
import dev.ssekit.redis.internal.RedisStreams.UnavailableFactory;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.RedisCodec;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Replays, on a connection of their own and a few pages at a time. When a node goes away, its
 * clients reconnect to the others all at once, each with a replay: those queue here, not in front
 * of the appends on the command connection, and Redis never has more than {@link #IN_FLIGHT} of
 * them to run ahead of an append from another connection.
 */
final class Replays {
  /** Entries per REPLAY call. */
  static final int PAGE = 512;

  /** REPLAY calls sent to Redis at once; more wait here, in the order they came. */
  static final int IN_FLIGHT = 4;

  private static final long MIN_BACKOFF_MS = 100;
  private static final long MAX_BACKOFF_MS = 2000;

  private final RedisClient client;
  private final RedisURI uri;
  private final RedisCodec<String, byte[]> codec;
  private final Duration maxAge;
  private final UnavailableFactory unavailable;
  private final ScheduledExecutorService scheduler;
  private final Set<Replay> open = ConcurrentHashMap.newKeySet();
  private final Object lock = new Object();
  private final ArrayDeque<Replay> waiting = new ArrayDeque<>(); // guarded by lock
  private int inFlight; // guarded by lock
  private CompletableFuture<StatefulRedisConnection<String, byte[]>> connection; // guarded by lock
  private volatile boolean closed;

  /**
   * @param client the client whose options (reconnect, reject while disconnected, timeouts) the
   *     replay connection shares
   * @param uri where to connect, with the timeout that bounds each call
   */
  Replays(
      RedisClient client,
      RedisURI uri,
      RedisCodec<String, byte[]> codec,
      Duration maxAge,
      UnavailableFactory unavailable,
      ScheduledExecutorService scheduler) {
    this.client = client;
    this.uri = RedisStreams.derive(uri, uri.getTimeout(), RedisStreams.REPLAY_CLIENT_NAME);
    this.codec = codec;
    this.maxAge = maxAge;
    this.unavailable = unavailable;
    this.scheduler = scheduler;
  }

  /**
   * The entries of a stream after {@code from} up to {@code upTo} (empty: to its end), all of epoch
   * {@code epoch}; retried while Redis is unreachable until it answers or the future is cancelled.
   *
   * @param keys the topic's stream key and epoch key
   */
  CompletableFuture<ReplayAnswer> replay(String[] keys, String epoch, String from, String upTo) {
    CompletableFuture<ReplayAnswer> result = new CompletableFuture<>();
    if (closed) {
      result.completeExceptionally(closedException());
      return result;
    }
    Replay r = new Replay(keys, epoch, from, upTo, result);
    open.add(r);
    result.whenComplete((answer, error) -> open.remove(r));
    if (closed) {
      result.completeExceptionally(closedException()); // close() may have missed it
      return result;
    }
    enqueue(r);
    return result;
  }

  /** Fails the replays still open and closes the connection. */
  void close() {
    closed = true;
    for (Replay r : open) {
      r.result.completeExceptionally(closedException());
    }
    CompletableFuture<StatefulRedisConnection<String, byte[]>> c;
    synchronized (lock) {
      waiting.clear();
      c = connection;
      connection = null;
    }
    if (c != null) {
      c.thenAccept(StatefulRedisConnection::closeAsync);
    }
  }

  private RuntimeException closedException() {
    return unavailable.create("the Redis event log is closed", false, null);
  }

  /** Sends {@code r}'s next call now if fewer than IN_FLIGHT are out, else queues it. */
  private void enqueue(Replay r) {
    synchronized (lock) {
      if (inFlight >= IN_FLIGHT) {
        waiting.add(r);
        return;
      }
      inFlight++;
    }
    r.send(true);
  }

  /** A call came back: its slot goes to the next replay still wanted, if any. */
  private void done() {
    Replay next;
    synchronized (lock) {
      do {
        next = waiting.poll();
      } while (next != null && next.result.isDone());
      if (next == null) {
        inFlight--;
        return;
      }
    }
    next.send(true);
  }

  /** The replay connection, connecting if there is none (or the last attempt failed). */
  private CompletableFuture<StatefulRedisConnection<String, byte[]>> connection() {
    synchronized (lock) {
      if (connection == null || connection.isCompletedExceptionally()) {
        connection = client.connectAsync(codec, uri).toCompletableFuture();
      }
      return connection;
    }
  }

  private final class Replay {
    final String[] keys;
    final String epoch;
    final String upTo;
    final CompletableFuture<ReplayAnswer> result;
    final List<String> ids = new ArrayList<>();
    final List<byte[]> bodies = new ArrayList<>();
    String from;
    boolean later;
    long retryMs = MIN_BACKOFF_MS;

    Replay(
        String[] keys,
        String epoch,
        String from,
        String upTo,
        CompletableFuture<ReplayAnswer> result) {
      this.keys = keys;
      this.epoch = epoch;
      this.from = from;
      this.upTo = upTo;
      this.result = result;
    }

    /** Sends the next call, holding a slot that {@link #done} gives back when it returns. */
    void send(boolean evalSha) {
      if (result.isDone()) {
        done();
        return;
      }
      if (closed) {
        result.completeExceptionally(closedException());
        done();
        return;
      }
      connection()
          .whenComplete(
              (c, connectError) -> {
                if (connectError != null) {
                  done();
                  retry();
                } else {
                  call(c, evalSha);
                }
              });
    }

    private void call(StatefulRedisConnection<String, byte[]> c, boolean evalSha) {
      byte[][] args = {
        epoch.getBytes(US_ASCII),
        from.getBytes(US_ASCII),
        upTo.getBytes(US_ASCII),
        Long.toString(maxAge.toMillis()).getBytes(US_ASCII),
        Integer.toString(PAGE).getBytes(US_ASCII),
        (later ? "1" : "0").getBytes(US_ASCII)
      };
      RedisAsyncCommands<String, byte[]> async = c.async();
      (evalSha
              ? async.<List<Object>>evalsha(Scripts.REPLAY.sha, ScriptOutputType.MULTI, keys, args)
              : async.<List<Object>>eval(Scripts.REPLAY.bytes, ScriptOutputType.MULTI, keys, args))
          .whenComplete(
              (reply, error) -> {
                if (error instanceof RedisNoScriptException && evalSha) {
                  call(c, false); // keeps the slot
                  return;
                }
                done();
                if (error != null) {
                  if (error instanceof RedisCommandExecutionException
                      && String.valueOf(error.getMessage()).startsWith("ERR")) {
                    result.completeExceptionally(error); // a bug, not an outage: don't retry
                  } else if (!(error instanceof CancellationException)) {
                    retry();
                  }
                  return;
                }
                try {
                  page(reply);
                } catch (RuntimeException e) {
                  result.completeExceptionally(e);
                }
              });
    }

    private void page(List<Object> reply) {
      long kind = (Long) reply.get(0);
      if (kind == 0) {
        result.complete(ReplayAnswer.UNKNOWN);
        return;
      }
      if (kind == 2) {
        result.complete(ReplayAnswer.AHEAD);
        return;
      }
      int entries = (reply.size() - 1) / 2;
      for (int i = 1; i + 1 < reply.size(); i += 2) {
        String streamId = new String((byte[]) reply.get(i), US_ASCII);
        ids.add(Ids.format(epoch, streamId));
        bodies.add((byte[]) reply.get(i + 1));
        from = streamId;
      }
      if (entries < PAGE || from.equals(upTo)) {
        result.complete(new ReplayAnswer(ReplayAnswer.Kind.KNOWN, ids, bodies));
        return;
      }
      later = true;
      retryMs = MIN_BACKOFF_MS;
      enqueue(this); // the next page waits its turn behind the replays that came since
    }

    private void retry() {
      if (result.isDone()) {
        return;
      }
      long delay = retryMs;
      retryMs = Math.min(retryMs * 2, MAX_BACKOFF_MS);
      try {
        scheduler.schedule(() -> enqueue(this), delay, TimeUnit.MILLISECONDS);
      } catch (RejectedExecutionException e) {
        result.completeExceptionally(closedException());
      }
    }
  }
}
