package dev.ssekit.benchmarks.parse;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * A seeded event stream of about {@code targetBytes}: events with {@code id}, {@code event} and
 * JSON data of about 80 bytes, some multi-line data, comments, and mixed LF and CRLF line ends.
 * Knows how many events it holds and their total data length, which every parser must reproduce.
 */
public final class Corpus {
  public final byte[] bytes;
  public final long events;
  public final long dataChars;

  private Corpus(byte[] bytes, long events, long dataChars) {
    this.bytes = bytes;
    this.events = events;
    this.dataChars = dataChars;
  }

  /** The benchmark's corpus: 32 MiB, seed 42. */
  public static Corpus standard() {
    return generate(32 << 20, 42);
  }

  public static Corpus generate(int targetBytes, long seed) {
    Random random = new Random(seed);
    String[] types = {"ping", "usermessage", "update", "tick"};
    ByteArrayOutputStream out = new ByteArrayOutputStream(targetBytes + 1024);
    StringBuilder frame = new StringBuilder(256);
    long events = 0;
    long dataChars = 0;
    long id = 0;
    while (out.size() < targetBytes) {
      String eol = random.nextBoolean() ? "\n" : "\r\n";
      frame.setLength(0);
      if (random.nextInt(20) == 0) {
        frame.append(": keep-alive ").append(random.nextInt(1000)).append(eol);
      }
      frame.append("id: ").append(++id).append(eol);
      frame.append("event: ").append(types[random.nextInt(types.length)]).append(eol);
      String json =
          "{\"user\":\"u"
              + random.nextInt(100_000)
              + "\",\"seq\":"
              + id
              + ",\"text\":\""
              + text(random, 20 + random.nextInt(20))
              + "\",\"ok\":true}";
      if (random.nextInt(10) == 0) {
        // Multi-line data: the receiver joins the lines with LF.
        // Never split before a space: Jersey's reader strips every leading space of a value where
        // the spec strips exactly one, and the contenders must agree on the data to be compared.
        int cut = json.length() / 2;
        while (json.charAt(cut) == ' ') {
          cut++;
        }
        frame.append("data: ").append(json, 0, cut).append(eol);
        frame.append("data: ").append(json, cut, json.length()).append(eol);
        dataChars += json.length() + 1;
      } else {
        frame.append("data: ").append(json).append(eol);
        dataChars += json.length();
      }
      frame.append(eol);
      events++;
      out.writeBytes(frame.toString().getBytes(StandardCharsets.UTF_8));
    }
    return new Corpus(out.toByteArray(), events, dataChars);
  }

  private static String text(Random random, int length) {
    StringBuilder s = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      int r = random.nextInt(40);
      s.append(r < 26 ? (char) ('a' + r) : r < 36 ? (char) ('0' + r - 26) : ' ');
    }
    return s.toString();
  }
}
