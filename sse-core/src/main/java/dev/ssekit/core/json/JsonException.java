package dev.ssekit.core.json;

/** Malformed JSON, or JSON that does not fit the expected type. Carries the input offset. */
public final class JsonException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final long offset;

  /**
   * Creates the exception. Public because codecs throw it, generated ones (from the application's
   * own packages) and hand-written ones alike.
   *
   * @param message what is wrong, for people
   * @param offset the byte offset in the input, or -1 when the error is not about input
   */
  public JsonException(String message, long offset) {
    super(offset >= 0 ? message + " at offset " + offset : message);
    this.offset = offset;
  }

  /** The byte offset in the input where the problem was found, or -1. */
  public long offset() {
    return offset;
  }
}
