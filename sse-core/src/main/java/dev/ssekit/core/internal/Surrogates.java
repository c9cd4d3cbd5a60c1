package dev.ssekit.core.internal;

/**
 * Finds a lone surrogate: a {@code char} that UTF-8 cannot carry, so it would arrive as U+FFFD and
 * could never be matched or sent back.
 */
public final class Surrogates {
  private Surrogates() {}

  /** The index of the first high surrogate without its low half, or low without its high, or -1. */
  public static int indexOfLone(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return i;
      }
    }
    return -1;
  }
}
