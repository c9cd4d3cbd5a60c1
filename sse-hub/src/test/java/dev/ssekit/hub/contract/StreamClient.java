package dev.ssekit.hub.contract;

import dev.ssekit.core.EventStreamHandler;
import dev.ssekit.core.EventStreamParser;
import dev.ssekit.core.ServerSentEvent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

/**
 * One raw event-stream request on the JDK's HttpClient, parsed with core's parser as bytes arrive.
 * Asynchronous (no thread per stream), and {@link #close()} aborts the connection.
 */
public final class StreamClient implements AutoCloseable {
  private final List<ServerSentEvent> events = new ArrayList<>();
  private final List<String> comments = new ArrayList<>();
  private final CompletableFuture<HttpResponse.ResponseInfo> info = new CompletableFuture<>();
  private final CompletableFuture<HttpResponse<Void>> response;
  private volatile Flow.Subscription subscription;
  private volatile boolean ended;
  // Guarded by this: nothing is recorded after close(), so a snapshot taken then is final.
  private boolean closed;
  private final boolean countBlocks;
  private long bytes;
  private long blocks;
  private byte lastByte;
  private int awaitedCount = Integer.MAX_VALUE;
  private CompletableFuture<Void> awaited;
  private final EventStreamParser parser;

  private StreamClient(HttpClient http, HttpRequest request, boolean countBlocks) {
    this.countBlocks = countBlocks;
    parser =
        new EventStreamParser(
            new EventStreamHandler() {
              @Override
              public void onEvent(ServerSentEvent event) {
                events.add(event);
                if (events.size() >= awaitedCount) {
                  awaited.complete(null);
                }
              }

              @Override
              public void onComment(String comment) {
                comments.add(comment);
              }
            });
    response =
        http.sendAsync(
            request,
            responseInfo -> {
              info.complete(responseInfo);
              return HttpResponse.BodySubscribers.fromSubscriber(new Reader());
            });
    response.whenComplete(
        (r, e) -> {
          info.completeExceptionally(e != null ? e : new IllegalStateException("no response"));
          if (e != null) {
            markEnded(); // no body will come: refused, cancelled or failed before the headers
          }
        });
  }

  public static StreamClient open(HttpClient http, URI uri, String lastEventId) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream");
    if (lastEventId != null) {
      b.header("Last-Event-ID", lastEventId);
    }
    return new StreamClient(http, b.build(), false);
  }

  public static StreamClient open(HttpClient http, HttpRequest request) {
    return new StreamClient(http, request, false);
  }

  /**
   * Opens {@code request} and counts the blocks received ({@link #blocks()}), which costs a look at
   * every byte: for tests that compare them with what the server says it wrote.
   */
  public static StreamClient openCountingBlocks(HttpClient http, HttpRequest request) {
    return new StreamClient(http, request, true);
  }

  /** The status and headers, available as soon as they arrive. */
  public HttpResponse.ResponseInfo response() throws Exception {
    return info.get(10, TimeUnit.SECONDS);
  }

  public HttpHeaders headers() throws Exception {
    return response().headers();
  }

  public synchronized List<ServerSentEvent> events() {
    return new ArrayList<>(events);
  }

  public synchronized int eventCount() {
    return events.size();
  }

  public synchronized List<String> ids() {
    List<String> ids = new ArrayList<>();
    for (ServerSentEvent e : events) {
      ids.add(e.id());
    }
    return ids;
  }

  public synchronized List<String> comments() {
    return new ArrayList<>(comments);
  }

  /** The bytes of the response's body received so far, as the server wrote them (unchunked). */
  public synchronized long bytes() {
    return bytes;
  }

  /**
   * The blocks received so far, if opened with {@link #openCountingBlocks}: each ends with an empty
   * line, whatever it carries (an event, a comment, a retry hint, an id alone). The encoder ends
   * lines with a lone LF.
   */
  public synchronized long blocks() {
    return blocks;
  }

  public synchronized String lastId() {
    return parser.lastEventId();
  }

  public boolean ended() {
    return ended;
  }

  /**
   * Completes once {@code n} events have arrived or the stream has ended, whichever comes first;
   * for tests that drive many streams without polling each one.
   */
  public synchronized CompletableFuture<Void> awaitEvents(int n) {
    CompletableFuture<Void> f = new CompletableFuture<>();
    if (events.size() >= n || ended) {
      f.complete(null);
    } else {
      awaitedCount = n;
      awaited = f;
    }
    return f;
  }

  private void markEnded() {
    CompletableFuture<Void> f;
    synchronized (this) {
      ended = true;
      f = awaited;
    }
    if (f != null) {
      f.complete(null);
    }
  }

  @Override
  public void close() {
    synchronized (this) {
      closed = true;
    }
    Flow.Subscription s = subscription;
    if (s != null) {
      s.cancel();
    }
    response.cancel(true);
  }

  /** Counts {@code b}'s bytes and the blocks it ends, leaving its position as it was. */
  private void count(ByteBuffer b) {
    bytes += b.remaining();
    if (!countBlocks) {
      return;
    }
    for (int i = b.position(); i < b.limit(); i++) {
      byte c = b.get(i);
      if (c == '\n' && lastByte == '\n') {
        blocks++;
      }
      lastByte = c;
    }
  }

  private final class Reader implements Flow.Subscriber<List<ByteBuffer>> {
    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
      synchronized (StreamClient.this) {
        if (closed) {
          return;
        }
        for (ByteBuffer b : buffers) {
          count(b);
          parser.feed(b);
        }
      }
    }

    @Override
    public void onError(Throwable t) {
      markEnded();
    }

    @Override
    public void onComplete() {
      markEnded();
    }
  }
}
