package dev.ssekit.core;

/**
 * Bounds on what a parser buffers, so that a hostile or broken stream ends in a
 * {@link SseLimitExceededException} instead of unbounded memory.
 *
 * @param maxLineLength the longest line accepted, in bytes, without its line break
 * @param maxEventSize the most data and comment bytes buffered for one event
 */
public record SseLimits(int maxLineLength, int maxEventSize) {
  /** 4 MiB per line, 16 MiB per event: generous enough for a 1 MiB JSON event, bounded. */
  public static final SseLimits DEFAULT = new SseLimits(4 << 20, 16 << 20);

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
