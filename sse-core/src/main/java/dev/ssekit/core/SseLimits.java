package dev.ssekit.core;

/**
 * Bounds on what a parser buffers, so that a hostile or broken stream ends in a
 * {@link SseLimitExceededException} instead of unbounded memory.
 *
 * @param maxLineLength the longest line accepted, in bytes, without its line break
 * @param maxEventSize the most data and comment bytes buffered for one event
 */
public record SseLimits(int maxLineLength, int maxEventSize) {
  /**
   * 16 MiB per line and per event: a JSON event is one {@code data:} line, so the line limit must
   * not be the smaller one. Generous enough for a multi-MiB JSON event, and bounded.
   */
  public static final SseLimits DEFAULT = new SseLimits(16 << 20, 16 << 20);

  /** Validates the limits. */
  public SseLimits {
    if (maxLineLength <= 0) {
      throw new IllegalArgumentException("maxLineLength must be positive: " + maxLineLength);
    }
    if (maxEventSize <= 0) {
      throw new IllegalArgumentException("maxEventSize must be positive: " + maxEventSize);
    }
  }
}
