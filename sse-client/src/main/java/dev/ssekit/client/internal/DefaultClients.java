package dev.ssekit.client.internal;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The default HttpClients of one connect timeout, shared by every source that did not supply its
 * own. The JDK's HttpClient holds one HTTP/2 connection per origin and refuses a request beyond the
 * server's limit of concurrent streams on it instead of opening a second connection, so a stream
 * that one client refuses moves to the next: the list starts with one client and grows, one client
 * at a time, when the last one refuses, up to {@link #MAX} clients.
 *
 * <p>Which client refused which origin is remembered, so that new streams skip the clients known to
 * be full for their origin; a stream that ends on a client forgets it, so that new streams fill the
 * lower clients first again. This is only a hint: a refusal costs no network round trip (the JDK
 * refuses before it sends anything), and a stream that is refused moves on anyway.
 */
public final class DefaultClients {
  /**
   * The most clients per connect timeout: each is a selector thread of the JDK's, and 64 times a
   * server's limit (100 to 128 streams per connection for common servers) is thousands of streams
   * to one origin.
   */
  public static final int MAX = 64;

  private final Duration connectTimeout;
  // Guarded by this.
  private final List<HttpClient> clients = new ArrayList<>();
  private final Map<String, BitSet> fullByOrigin = new HashMap<>();

  DefaultClients(Duration connectTimeout) {
    this.connectTimeout = connectTimeout;
    clients.add(newClient());
  }

  /** Client number {@code index}, which {@link #first} or {@link #refused} handed out. */
  public synchronized HttpClient get(int index) {
    return clients.get(index);
  }

  /** How many clients there are. */
  public synchronized int size() {
    return clients.size();
  }

  /**
   * The client for a new connection to {@code uri}'s origin: the lowest that has not refused it
   * since a stream there ended, or the last one when all have.
   */
  public synchronized int first(URI uri) {
    BitSet full = fullByOrigin.get(origin(uri));
    if (full == null) {
      return 0;
    }
    return Math.min(full.nextClearBit(0), clients.size() - 1);
  }

  /**
   * Client {@code index} refused a stream to {@code uri}'s origin: the client to try next, made now
   * if {@code index} is the last one, or {@code -1} when {@code index} is the last of {@link #MAX}.
   * Streams refused by the same client at once all get the same next client, so the list grows by
   * one client however many of them there are.
   */
  public synchronized int refused(URI uri, int index) {
    fullByOrigin.computeIfAbsent(origin(uri), o -> new BitSet()).set(index);
    int next = index + 1;
    if (next == MAX) {
      return -1;
    }
    if (next == clients.size()) {
      clients.add(newClient());
    }
    return next;
  }

  /** A stream to {@code uri}'s origin on client {@code index} ended: it has room there again. */
  public synchronized void released(URI uri, int index) {
    String origin = origin(uri);
    BitSet full = fullByOrigin.get(origin);
    if (full != null) {
      full.clear(index);
      if (full.isEmpty()) {
        fullByOrigin.remove(origin);
      }
    }
  }

  private HttpClient newClient() {
    return HttpClient.newBuilder()
        .followRedirects(HttpClient.Redirect.NORMAL)
        .connectTimeout(connectTimeout)
        .build();
  }

  /** What the JDK pools HTTP/2 connections by: scheme, host and port. */
  private static String origin(URI uri) {
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
    String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
    return scheme + "://" + host + ":" + port;
  }
}
