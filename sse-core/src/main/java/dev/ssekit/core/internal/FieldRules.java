package dev.ssekit.core.internal;

import java.util.Locale;

/**
 * What an {@code event} and an {@code id} field may hold. The encoder checks every frame with
 * these rules and the client checks what it will send back as {@code Last-Event-ID}: a CR or LF
 * would forge fields, a NUL makes receivers drop the id, and an unpaired surrogate has no UTF-8
 * form.
 */
public final class FieldRules {
  private FieldRules() {}

  /**
   * Checks that {@code type} can be written as an {@code event} field.
   *
   * @throws IllegalArgumentException naming the field when it is empty, contains CR or LF, or
   *     contains an unpaired surrogate
   */
  public static String checkType(String type) {
    if (type.isEmpty()) {
      throw new IllegalArgumentException("event type must not be empty");
    }
    if (indexOfLineBreak(type) >= 0) {
      throw new IllegalArgumentException(
          "event type must not contain CR or LF (it would forge fields): " + quote(type));
    }
    checkEncodable("event type", type);
    return type;
  }

  /**
   * Checks that {@code id} can be written as an {@code id} field.
   *
   * @throws IllegalArgumentException naming the field when it contains CR, LF, NUL or an unpaired
   *     surrogate
   */
  public static String checkId(String id) {
    if (indexOfLineBreak(id) >= 0) {
      throw new IllegalArgumentException(
          "event id must not contain CR or LF (it would forge fields): " + quote(id));
    }
    if (id.indexOf('\0') >= 0) {
      throw new IllegalArgumentException(
          "event id must not contain NUL (receivers ignore such an id): " + quote(id));
    }
    checkEncodable("event id", id);
    return id;
  }

  /**
   * An unpaired surrogate has no UTF-8 form: it would arrive as U+FFFD, so a receiver could never
   * match the name or send the id back.
   */
  private static void checkEncodable(String field, String s) {
    int i = Surrogates.indexOfLone(s);
    if (i >= 0) {
      throw new IllegalArgumentException(
          field
              + " must not contain an unpaired surrogate (UTF-8 cannot carry it): U+"
              + Integer.toHexString(s.charAt(i)).toUpperCase(Locale.ROOT)
              + " at index "
              + i);
    }
  }

  private static int indexOfLineBreak(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\n' || c == '\r') {
        return i;
      }
    }
    return -1;
  }

  private static String quote(String s) {
    String shown = s.length() > 64 ? s.substring(0, 64) + "..." : s;
    return '"' + shown.replace("\r", "\\r").replace("\n", "\\n").replace("\0", "\\0") + '"';
  }
}
