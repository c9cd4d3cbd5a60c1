package dev.ssekit.hub;

/**
 * The hub's rules for ids and names: which event ids may be published, which {@code Last-Event-ID}
 * values are accepted, and which topic names exist.
 */
final class EventIds {
  /** The longest topic name, in characters. */
  static final int MAX_TOPIC_LENGTH = 200;

  private final int maxLength;

  EventIds(int maxLength) {
    this.maxLength = maxLength;
  }

  /**
   * Checks a topic name: 1 to {@value #MAX_TOPIC_LENGTH} visible ASCII characters, so that it can
   * stand in a URL path, a log line or a Redis key unescaped.
   *
   * @throws IllegalArgumentException if it is not
   */
  static String checkTopic(String topic) {
    if (topic.isEmpty() || topic.length() > MAX_TOPIC_LENGTH) {
      throw new IllegalArgumentException(
          "a topic name has 1 to " + MAX_TOPIC_LENGTH + " characters: " + quote(topic));
    }
    for (int i = 0; i < topic.length(); i++) {
      char c = topic.charAt(i);
      if (c <= ' ' || c >= 0x7F) {
        throw new IllegalArgumentException(
            "a topic name is visible ASCII (no spaces or control characters); invalid character"
                + " U+"
                + String.format("%04X", (int) c)
                + " at index "
                + i
                + " in "
                + quote(topic));
      }
    }
    return topic;
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
              + quote(id));
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
                + quote(id));
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

  static String quote(String s) {
    return '"' + (s.length() > 64 ? s.substring(0, 64) + "..." : s) + '"';
  }
}
