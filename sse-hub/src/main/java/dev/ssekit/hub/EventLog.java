package dev.ssekit.hub;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionStage;

/**
 * Where an {@link EventHub}'s topics keep their events, and the one path by which events reach the
 * hub's subscribers. The default log lives in the hub's memory; a shared log (such as {@code
 * dev.ssekit.redis.RedisEventLog} on Redis Streams) lets several nodes serve one stream.
 *
 * <p>Every event goes through the log: the hub encodes the event once into a <em>body</em> (its
 * block as {@code SseEncoder} writes it, blank line included, but without an {@code id:} line),
 * {@link #append
 * appends} it, and delivers to its local subscribers only what the log hands to the topic's {@link
 * Follower}. So every node's subscribers see one order and the same ids, whichever node published.
 *
 * <p>A hub follows a topic while it has subscribers on this node. It asks for a {@link #replay}
 * only up to the id its follower has been handed, and takes every later event from the follower,
 * so a client that resumes sees neither a gap nor a duplicate between replay and live events.
 *
 * <p>Implementations are thread-safe. {@link #append} and {@link #follow} may block for one round
 * trip (they are called from publishers' and subscribers' threads); the other methods must not
 * block. No method may be called while the hub holds a lock of its own, and a log may call its
 * followers from any thread, one call at a time per topic.
 */
public interface EventLog extends AutoCloseable {

  /**
   * Appends an event to {@code topic}'s log and has it delivered to the topic's follower, if any.
   *
   * @param topic a valid topic name (see {@link EventHub#topic})
   * @param ownId the event's own id, already checked to be short visible ASCII, or {@code null} to
   *     have the log assign one
   * @param body the event's encoded block, ending with the blank line but without an {@code id:}
   *     line; never modified
   * @return the event's id, short visible ASCII
   * @throws IllegalArgumentException if {@code ownId} is already in the topic's window, or this log
   *     assigns all ids itself; nothing was appended
   * @throws EventLogUnavailableException if the log cannot take the event now (for example its
   *     server is unreachable); whether it was appended is then unknown only if the exception says
   *     so
   */
  String append(String topic, String ownId, byte[] body);

  /**
   * Starts handing {@code topic}'s events to {@code follower}, replacing any earlier follower of
   * the topic. The log first calls {@link Follower#started} with the topic's latest id (now, or
   * later when the log becomes available), then {@link Follower#event} for every event appended
   * after that one, in log order.
   */
  void follow(String topic, Follower follower);

  /** Stops handing {@code topic}'s events to {@code follower}; does nothing if it is not current. */
  void unfollow(String topic, Follower follower);

  /**
   * The frames of {@code topic} after the one with id {@code lastEventId}, up to and including the
   * one with id {@code upTo}, oldest first; or {@link Replay#unknownId()} when {@code lastEventId}
   * is not in the topic's window (too old, lost, or never published on this topic). A log that
   * cannot answer now (its server is unreachable) completes the stage once it can; the hub cancels
   * the stage when the client leaves first.
   *
   * @param upTo the latest id the topic's follower was handed (through {@link Follower#started} or
   *     {@link Follower#event}); {@code null} when the topic had no event then
   */
  CompletionStage<Replay> replay(String topic, String lastEventId, String upTo);

  /** Releases what the log holds (connections, threads). The hub calls it when it closes. */
  @Override
  default void close() {}

  /**
   * The frame that {@code body} makes under {@code id}: the {@code id:} line, then the body. The
   * field order within a block does not matter to a receiver, so a body encoded once serves every
   * id a log may give it.
   */
  static byte[] frame(String id, byte[] body) {
    int n = id.length();
    byte[] frame = new byte[4 + n + 1 + body.length];
    frame[0] = 'i';
    frame[1] = 'd';
    frame[2] = ':';
    frame[3] = ' ';
    for (int i = 0; i < n; i++) {
      frame[4 + i] = (byte) id.charAt(i); // ids are visible ASCII: one byte per char
    }
    frame[4 + n] = '\n';
    System.arraycopy(body, 0, frame, 5 + n, body.length);
    return frame;
  }

  /** Receives one topic's events from the log, in log order, one call at a time. */
  interface Follower {

    /**
     * Delivery starts after the event with id {@code latestId}, the topic's latest when following
     * began ({@code null} if it had none). Called once, before any {@link #event}.
     */
    void started(String latestId);

    /**
     * An event appended after the previous one handed over.
     *
     * @param frame the complete frame ({@link EventLog#frame}), shared and never modified
     */
    void event(String id, byte[] frame);

    /**
     * The log lost events it had accepted (for example its server restarted without its data):
     * subscribers may have missed some and should reload. Events handed over afterwards continue
     * the topic; {@code latestId} is the latest id from before the loss, if any.
     */
    void lost(String latestId);
  }

  /** The answer to {@link #replay}: the frames to resend, or the fact that the id is unknown. */
  final class Replay {
    private static final Replay UNKNOWN = new Replay(null, null);
    private static final Replay NOTHING = new Replay(List.of(), null);

    private final List<byte[]> frames;
    private final String aheadId;

    private Replay(List<byte[]> frames, String aheadId) {
      this.frames = frames;
      this.aheadId = aheadId;
    }

    /** The id was found; {@code frames} (possibly empty) were published after it. */
    public static Replay of(List<byte[]> frames) {
      Objects.requireNonNull(frames, "frames");
      return frames.isEmpty() ? NOTHING : new Replay(List.copyOf(frames), null);
    }

    /**
     * The id is in the log but newer than {@code upTo}: the client saw it on another node, before
     * this node's follower was handed it. There is nothing to resend; the hub skips the live events
     * up to and including {@code lastEventId} for this client instead.
     */
    public static Replay aheadOfFollower(String lastEventId) {
      return new Replay(List.of(), Objects.requireNonNull(lastEventId, "lastEventId"));
    }

    /** The id {@link #aheadOfFollower} was given, or {@code null}. */
    public String aheadId() {
      return aheadId;
    }

    /** The id is not in the window: the client may have missed events that can't be resent. */
    public static Replay unknownId() {
      return UNKNOWN;
    }

    /** True when the id was found in the window. */
    public boolean isKnown() {
      return frames != null;
    }

    /**
     * The frames to resend, oldest first.
     *
     * @throws IllegalStateException for {@link #unknownId()}
     */
    public List<byte[]> frames() {
      if (frames == null) {
        throw new IllegalStateException("the last event id is not in the window");
      }
      return frames;
    }
  }
}
