package dev.ssekit.hub;

import java.util.Objects;

/**
 * The hub's rules for ids: which ids may be published, which {@code Last-Event-ID} values are
 * accepted, and the assignment of ids to events published without one.
 */
final class EventIds {
  private final EventIdGenerator generator;
  private final int maxLength;

  EventIds(EventIdGenerator generator, int maxLength) {
    this.generator = generator;
    this.maxLength = maxLength;
  }

  /**
   * The id an event is published under: its own, or the next generated one. Called with the
   * publishing lock held, so that no other publish can take the same id in between.
   *
   * @param ownId the event's own id, already checked by {@link #checkPublished}; null for none
   * @throws IllegalArgumentException if {@code ownId} is already in {@code log}'s window
   * @throws IllegalStateException if the generator made an invalid id or one already in the window
   */
  String assign(String ownId, EventLog log) {
    if (ownId != null) {
      checkNotInWindow(ownId, log);
      return ownId;
    }
    String id = Objects.requireNonNull(generator.nextId(), "the id generator returned null");
    try {
      checkPublished(id);
      checkNotInWindow(id, log);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(
          "the hub's EventIdGenerator made an unusable id: " + e.getMessage(), e);
    }
    return id;
  }

  private static void checkNotInWindow(String id, EventLog log) {
    // Replay finds an event by its id; a second event under an id the window holds would make a
    // client resuming from the first one skip everything in between.
    if (log.contains(id)) {
      throw new IllegalArgumentException(
          "event id "
              + shorten(id)
              + " is already in this hub's replay window; ids must be unique within the window,"
              + " or a client resuming from it would miss events. Nothing was published");
    }
  }

  /**
   * Checks an id an event brings with it.
   *
   * @throws IllegalArgumentException if it is empty, too long, or not visible ASCII
   */
  void checkPublished(String id) {
    if (id.isEmpty()) {
      throw new IllegalArgumentException(
          "event id must not be empty (an empty id resets the client's last event id; publish"
              + " without an id to have one assigned)");
    }
    if (id.length() > maxLength) {
      throw new IllegalArgumentException(
          "event id is longer than "
              + maxLength
              + " characters, the longest Last-Event-ID this hub accepts: "
              + shorten(id));
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (c <= ' ' || c >= 0x7F) {
        throw new IllegalArgumentException(
            "event id must be visible ASCII (no spaces or control characters) so that it comes"
                + " back unchanged in Last-Event-ID; invalid character U+"
                + String.format("%04X", (int) c)
                + " at index "
                + i
                + " in "
                + shorten(id));
      }
    }
  }

  /**
   * Checks a client's {@code Last-Event-ID}.
   *
   * @throws InvalidLastEventIdException if it contains control characters or is too long
   */
  String checkLastEventId(String lastEventId) {
    if (lastEventId.length() > maxLength) {
      throw new InvalidLastEventIdException(
          "Last-Event-ID is longer than " + maxLength + " characters");
    }
    for (int i = 0; i < lastEventId.length(); i++) {
      char c = lastEventId.charAt(i);
      if (c < ' ' || c == 0x7F) {
        throw new InvalidLastEventIdException(
            "Last-Event-ID contains the control character U+"
                + String.format("%04X", (int) c)
                + " at index "
                + i);
      }
    }
    return lastEventId;
  }

  private static String shorten(String s) {
    return '"' + (s.length() > 64 ? s.substring(0, 64) + "..." : s) + '"';
  }
}
