package dev.ssekit.hub;

import java.util.List;

/**
 * Where an {@link EventHub} writes one subscriber's bytes: the only thing a framework adapter
 * implements to connect the hub to its connections (a JAX-RS {@code ChunkedOutput}, a Servlet
 * {@code AsyncContext}, a test's in-memory buffer).
 *
 * <p>The hub calls {@link #write} on one of its delivery threads, never on a publisher's thread,
 * and never starts a second write before the first has completed. A write may complete
 * synchronously (calling the completion before returning) or later from any thread. A sink that can
 * only write blocking may block the delivery thread, but must give up promptly when {@link #close}
 * is called from another thread: that is how the hub's write timeout frees a thread stuck on a
 * client that stopped reading.
 */
public interface SubscriberSink {

  /**
   * Starts writing {@code frames}, in order, as one unit. The frames are complete {@code
   * text/event-stream} blocks (or comment lines) that are shared with other subscribers: the sink
   * must not modify them, and must not retain the list after completing.
   *
   * @param frames one or more frames to write
   * @param completion to be told, exactly once, that the bytes were handed to the network or that
   *     the write failed (for example because the client disconnected)
   */
  void write(List<byte[]> frames, Completion completion);

  /**
   * Ends the response. Called exactly once, when the hub releases this subscriber for any reason;
   * also while a write is in progress, which the sink should then abort. Must not throw and must
   * not block for long.
   */
  void close();

  /** Receives the outcome of one {@link SubscriberSink#write}. */
  interface Completion {

    /** The frames were written. */
    void completed();

    /** The frames could not be written; the hub releases the subscriber. */
    void failed(Throwable cause);
  }
}
