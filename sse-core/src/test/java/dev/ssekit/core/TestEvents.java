package dev.ssekit.core;

import dev.ssekit.core.json.JsonName;
import dev.ssekit.core.json.JsonNames;
import dev.ssekit.core.json.JsonReader;
import dev.ssekit.core.json.JsonWriter;

/** Small event classes with hand-written codecs, shaped like the ones sse-processor generates. */
public final class TestEvents {
  private TestEvents() {}

  /** An event with a string and a number. */
  public record Ping(String message, long seq) {}

  /** A second event type. */
  public record Pong(int count) {}

  /** Codec for {@link Ping} with the event name {@code ping}, written the way generated code is. */
  public static final class PingCodec implements SseCodec<Ping> {
    private static final JsonName MESSAGE = JsonName.of("message");
    private static final JsonName SEQ = JsonName.of("seq");
    private static final JsonNames NAMES = JsonNames.of("message", "seq");

    @Override
    public String eventName() {
      return "ping";
    }

    @Override
    public Class<Ping> type() {
      return Ping.class;
    }

    @Override
    public String id(Ping value) {
      return Long.toString(value.seq());
    }

    @Override
    public void write(JsonWriter out, Ping value) {
      out.beginObject();
      out.name(MESSAGE);
      out.value(value.message());
      out.name(SEQ);
      out.value(value.seq());
      out.endObject();
    }

    @Override
    public Ping read(JsonReader in) {
      String message = null;
      long seq = 0;
      in.beginObject();
      while (in.hasNext()) {
        switch (in.nextName(NAMES)) {
          case 0:
            message = in.nextIfNull() ? null : in.nextString();
            break;
          case 1:
            seq = in.nextLong();
            break;
          default:
            in.skipValue();
        }
      }
      in.endObject();
      return new Ping(message, seq);
    }
  }

  /** Writes {@link Pong} as a bare number; subclasses choose the event name. */
  abstract static class AbstractPongCodec implements SseCodec<Pong> {
    @Override
    public Class<Pong> type() {
      return Pong.class;
    }

    @Override
    public void write(JsonWriter out, Pong value) {
      out.value(value.count());
    }

    @Override
    public Pong read(JsonReader in) {
      return new Pong(in.nextInt());
    }
  }

  /** Codec for {@link Pong} with the event name {@code pong}. */
  public static final class PongCodec extends AbstractPongCodec {
    @Override
    public String eventName() {
      return "pong";
    }
  }

  /** A second codec claiming the event name {@code ping}, for a different class. */
  public static final class OtherPingCodec extends AbstractPongCodec {
    @Override
    public String eventName() {
      return "ping";
    }
  }

  /** A second codec for {@link Ping}, under another event name. */
  public static final class SecondPingCodec implements SseCodec<Ping> {
    @Override
    public String eventName() {
      return "ping2";
    }

    @Override
    public Class<Ping> type() {
      return Ping.class;
    }

    @Override
    public void write(JsonWriter out, Ping value) {
      out.value(value.message());
    }

    @Override
    public Ping read(JsonReader in) {
      return new Ping(in.nextString(), 0);
    }
  }
}
