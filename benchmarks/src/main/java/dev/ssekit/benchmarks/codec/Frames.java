package dev.ssekit.benchmarks.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** How a user without ssekit turns an event object into a complete frame with Jackson. */
final class Frames {
  private Frames() {}

  /** Databind: {@code writeValueAsString} plus frame assembly, as most code does it. */
  static byte[] databind(ObjectMapper mapper, String type, String id, Object value)
      throws IOException {
    String json = mapper.writeValueAsString(value);
    return ("event: " + type + "\nid: " + id + "\ndata: " + json + "\n\n")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static final byte[] PING_PREFIX = "event: ping\nid: ".getBytes(StandardCharsets.UTF_8);
  private static final byte[] DATA = "\ndata: ".getBytes(StandardCharsets.UTF_8);
  private static final byte[] END = "\n\n".getBytes(StandardCharsets.UTF_8);

  /** Streaming: a hand-written generator into a reused buffer, the fastest Jackson path. */
  static int streaming(JsonGeneratorHolder holder, Ping ping) throws IOException {
    ByteArrayOutputStream out = holder.out;
    out.reset();
    out.write(PING_PREFIX);
    out.write(Long.toString(ping.seq()).getBytes(StandardCharsets.US_ASCII));
    out.write(DATA);
    JsonGenerator g = holder.generator;
    g.writeStartObject();
    g.writeStringField("time", ping.time());
    g.writeNumberField("seq", ping.seq());
    g.writeEndObject();
    g.flush();
    out.write(END);
    return out.size();
  }
}
