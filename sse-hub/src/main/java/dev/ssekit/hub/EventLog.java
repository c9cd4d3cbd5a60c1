package dev.ssekit.hub;

import java.util.List;
import java.util.Objects;

/**
 * The replay window of an {@link EventHub}: every published frame under its id, so that a client
 * reconnecting with {@code Last-Event-ID} receives what it missed. {@link InMemoryEventLog} is the
 * default; a shared log (such as one on Redis Streams) lets several server nodes serve one stream.
 *
 * <p>The hub calls every method while holding its publishing lock, one call at a time, so that a
 * replay and the live events after it neither overlap nor leave a gap. Implementations must
 * therefore answer promptly (a networked log keeps its recent window in memory) and must not call
 * back into the hub.
 */
public interface EventLog {

  /**
   * Records a published frame. Called in publish order, and never with an id for which {@link
   * #contains} is true.
   *
   * @param id the frame's id, never {@code null} or empty
   * @param frame the complete encoded frame, shared and never modified
   * @throws IllegalArgumentException optionally, if {@link #contains contains(id)} is true
   */
  void append(String id, byte[] frame);

  /**
   * The frames published after the one with id {@code lastEventId}, oldest first, or {@link
   * Replay#unknownId()} when that id is not in the window (too old, or never published here).
   */
  Replay replayAfter(String lastEventId);

  /**
   * True if {@link #replayAfter replayAfter(id)} would find {@code id}: the hub then refuses to
   * publish another event under it, since a client resuming from that id could not tell the two
   * events apart. The hub asks before every publish, so implementations should answer from an
   * index, not by a scan. The default asks {@link #replayAfter}, which copies the frames after the
   * id.
   */
  default boolean contains(String id) {
    return replayAfter(id).isKnown();
  }

  /**
   * The answer to {@link #replayAfter}: the frames to resend, or the fact that the id is unknown.
   */
  final class Replay {
    private static final Replay UNKNOWN = new Replay(null);
    private static final Replay NOTHING = new Replay(List.of());

    private final List<byte[]> frames;

    private Replay(List<byte[]> frames) {
      this.frames = frames;
    }

    /** The id was found; {@code frames} (possibly empty) were published after it. */
    public static Replay of(List<byte[]> frames) {
      Objects.requireNonNull(frames, "frames");
      return frames.isEmpty() ? NOTHING : new Replay(List.copyOf(frames));
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
