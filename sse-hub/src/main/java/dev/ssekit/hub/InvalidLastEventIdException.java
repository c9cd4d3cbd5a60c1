package dev.ssekit.hub;

/**
 * A {@code Last-Event-ID} sent by a client is malformed (it contains control characters) or longer
 * than the hub accepts. An HTTP adapter answers {@code 400 Bad Request}. Only the hub throws it.
 */
public final class InvalidLastEventIdException extends IllegalArgumentException {
  InvalidLastEventIdException(String message) {
    super(message);
  }
}
