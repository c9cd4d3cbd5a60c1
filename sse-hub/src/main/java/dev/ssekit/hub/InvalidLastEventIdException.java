package dev.ssekit.hub;

/**
 * A {@code Last-Event-ID} sent by a client is malformed (it contains control characters) or longer
 * than the hub accepts. An HTTP adapter answers {@code 400 Bad Request}.
 */
public final class InvalidLastEventIdException extends IllegalArgumentException {

  /** Creates the exception with a message naming the problem. */
  public InvalidLastEventIdException(String message) {
    super(message);
  }
}
