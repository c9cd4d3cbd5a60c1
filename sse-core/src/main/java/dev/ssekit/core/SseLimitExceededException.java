package dev.ssekit.core;

/**
 * A stream exceeded one of its {@link SseLimits}. The parser that threw it is closed: the stream
 * cannot be resynchronised, so the connection should be dropped.
 */
public final class SseLimitExceededException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Which limit was exceeded. */
  public enum Limit {
    /** {@link SseLimits#maxLineLength()}. */
    LINE_LENGTH,
    /** {@link SseLimits#maxEventSize()}. */
    EVENT_SIZE
  }

  private final Limit limit;
  private final long max;

  /** Only the parser reports a limit, so only it creates these. */
  SseLimitExceededException(Limit limit, long max) {
    super(
        (limit == Limit.LINE_LENGTH ? "line longer than " : "event larger than ")
            + max
            + " bytes (see SseLimits)");
    this.limit = limit;
    this.max = max;
  }

  /** Which limit was exceeded. */
  public Limit limit() {
    return limit;
  }

  /** The configured maximum, in bytes. */
  public long max() {
    return max;
  }
}
