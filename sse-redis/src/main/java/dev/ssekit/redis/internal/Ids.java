package dev.ssekit.redis.internal;

import java.security.SecureRandom;

/**
 * Event ids on Redis: {@code <epoch>_<streamId>}, for example {@code kx3f9a2b_1733380000000-0}. The
 * epoch is a random base-36 token chosen when a topic's stream is created; the stream id is the one
 * Redis gave the entry ({@code <milliseconds>-<sequence>}). Both are visible ASCII, and the whole
 * id is at most 8 + 1 + 20 + 1 + 20 = 50 bytes.
 */
public final class Ids {
  /** The length of an epoch token. */
  static final int EPOCH_LENGTH = 8;

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final char[] DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz".toCharArray();

  private Ids() {}

  /** A new random epoch token: {@value #EPOCH_LENGTH} base-36 characters. */
  public static String newEpoch() {
    char[] token = new char[EPOCH_LENGTH];
    for (int i = 0; i < token.length; i++) {
      token[i] = DIGITS[RANDOM.nextInt(DIGITS.length)];
    }
    return new String(token);
  }

  /** The event id of stream entry {@code streamId} in {@code epoch}. */
  public static String format(String epoch, String streamId) {
    return epoch + "_" + streamId;
  }

  /** The epoch of a well-formed id ({@link #isWellFormed}). */
  public static String epoch(String id) {
    return id.substring(0, id.indexOf('_'));
  }

  /** The stream id of a well-formed id ({@link #isWellFormed}). */
  public static String streamId(String id) {
    return id.substring(id.indexOf('_') + 1);
  }

  /**
   * True for {@code <epoch>_<ms>-<seq>} with an epoch of 1 to 16 base-36 characters and ms and seq
   * of 1 to 20 decimal digits each, without leading zeros and below 2<sup>64</sup>: anything else
   * was not given out by this log.
   */
  public static boolean isWellFormed(String id) {
    if (id == null) {
      return false;
    }
    int sep = id.indexOf('_');
    if (sep < 1 || sep > 16) {
      return false;
    }
    for (int i = 0; i < sep; i++) {
      char c = id.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z'))) {
        return false;
      }
    }
    return isStreamId(id, sep + 1);
  }

  private static boolean isStreamId(String s, int from) {
    int dash = s.indexOf('-', from);
    return dash > from && digits(s, from, dash) && digits(s, dash + 1, s.length());
  }

  private static boolean digits(String s, int from, int to) {
    if (to <= from || to - from > 20 || (s.charAt(from) == '0' && to - from > 1)) {
      return false; // a leading zero would name the same entry as the id without it
    }
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    try {
      Long.parseUnsignedLong(s, from, to, 10); // Redis's stream ids are two unsigned 64-bit numbers
      return true;
    } catch (NumberFormatException tooLarge) {
      return false;
    }
  }

  /** The time part of a stream id ({@code <ms>-<seq>}): when Redis appended the entry. */
  public static long millis(String streamId) {
    return Long.parseUnsignedLong(streamId, 0, streamId.indexOf('-'), 10);
  }

  /**
   * Compares two well-formed stream ids ({@code <ms>-<seq>}) as Redis orders them.
   *
   * @return negative, zero or positive as {@code a} is before, equal to or after {@code b}
   */
  public static int compareStreamIds(String a, String b) {
    int da = a.indexOf('-');
    int db = b.indexOf('-');
    int byMs =
        Long.compareUnsigned(
            Long.parseUnsignedLong(a, 0, da, 10), Long.parseUnsignedLong(b, 0, db, 10));
    if (byMs != 0) {
      return byMs;
    }
    return Long.compareUnsigned(
        Long.parseUnsignedLong(a, da + 1, a.length(), 10),
        Long.parseUnsignedLong(b, db + 1, b.length(), 10));
  }
}
