package dev.ssekit.hub;

/**
 * The {@link EventLog} cannot take or serve events now, for example because the server it lives on
 * is unreachable. Publishing fails fast with it; an HTTP endpoint that publishes answers {@code 503
 * Service Unavailable}. Open streams stay open and resume when the log returns.
 */
public class EventLogUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final boolean mayHaveBeenAppended;

  /**
   * @param message what is unavailable, for a person
   * @param mayHaveBeenAppended true when the event may have reached the log before the failure
   *     (a timeout after sending), so a retry could publish it twice
   * @param cause the underlying failure, or {@code null}
   */
  public EventLogUnavailableException(
      String message, boolean mayHaveBeenAppended, Throwable cause) {
    super(message, cause);
    this.mayHaveBeenAppended = mayHaveBeenAppended;
  }

  /**
   * True when the event may have been appended despite the failure (the request was sent but no
   * answer came in time); false when it certainly was not.
   */
  public boolean mayHaveBeenAppended() {
    return mayHaveBeenAppended;
  }
}
