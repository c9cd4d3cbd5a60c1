package dev.ssekit.processor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ssekit.core.EventStreamParser;
import dev.ssekit.core.ServerSentEvent;
import dev.ssekit.core.SseCodec;
import dev.ssekit.core.SseEncoder;
import dev.ssekit.core.json.JsonReader;
import dev.ssekit.processor.fixtures.Containers;
import dev.ssekit.processor.fixtures.Containers_SseCodec;
import dev.ssekit.processor.fixtures.Ping;
import dev.ssekit.processor.fixtures.Ping_SseCodec;
import dev.ssekit.processor.fixtures.Scalars;
import dev.ssekit.processor.fixtures.Scalars_SseCodec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/**
 * Black box: typed events → SSE frames → parser → the codec registered for the event name →
 * equal values. Only public API, with codecs found through ServiceLoader as a receiver would.
 */
class FrameRoundTripTest {

  @Test
  void pingIsOneFrameWithEventAndData() {
    byte[] frame = new SseEncoder().append(new Ping("t", 1), Ping_SseCodec.INSTANCE).toByteArray();
    assertThat(new String(frame, StandardCharsets.UTF_8))
        .isEqualTo("event: ping\ndata: {\"time\":\"t\",\"seq\":1}\n\n");
  }

  @Test
  void everySupportedTypeSurvivesEncodeParseDecode() {
    Map<String, SseCodec<?>> byName = new HashMap<>();
    for (SseCodec<?> codec : ServiceLoader.load(SseCodec.class)) {
      byName.put(codec.eventName(), codec);
    }
    for (long seed = 0; seed < 100; seed++) {
      RandomValues random = new RandomValues(seed);
      Scalars scalars = random.scalars();
      Containers containers = random.containers();
      Ping ping = new Ping(random.string(), seed);
      SseEncoder encoder = new SseEncoder();
      encoder.append(scalars, Scalars_SseCodec.INSTANCE);
      encoder.append(containers, Containers_SseCodec.INSTANCE);
      encoder.append(ping, Ping_SseCodec.INSTANCE);

      List<ServerSentEvent> events = new ArrayList<>();
      EventStreamParser parser = new EventStreamParser(events::add);
      byte[] stream = encoder.toByteArray();
      // Fed in small uneven chunks, as a network would deliver them.
      for (int off = 0; off < stream.length; off += 7) {
        parser.feed(stream, off, Math.min(7, stream.length - off));
      }
      parser.end();

      assertThat(events).as("seed %d", seed).hasSize(3);
      assertThat(events.get(0).id())
          .as("seed %d", seed)
          .isEqualTo(scalars.boxedLong() == null ? null : scalars.boxedLong().toString());
      List<Object> decoded = new ArrayList<>();
      for (ServerSentEvent event : events) {
        SseCodec<?> codec = byName.get(event.type());
        assertThat(codec).as("codec for %s", event.type()).isNotNull();
        decoded.add(codec.read(JsonReader.of(event.data())));
      }
      assertThat(decoded.get(0)).as("seed %d", seed).isEqualTo(scalars);
      assertThat(decoded.get(1)).as("seed %d", seed).usingRecursiveComparison()
          .isEqualTo(containers);
      assertThat(decoded.get(2)).as("seed %d", seed).isEqualTo(ping);
    }
  }
}
