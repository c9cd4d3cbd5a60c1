package dev.ssekit.samples.docs.wireformat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ssekit.core.CodecRegistry;
import dev.ssekit.core.SseCodec;
import dev.ssekit.core.json.JsonException;
import dev.ssekit.core.json.JsonLimits;
import dev.ssekit.core.json.JsonReader;
import dev.ssekit.core.json.JsonWriter;
import dev.ssekit.samples.docs.DocsPage;
import dev.ssekit.samples.docs.events.Reading;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The JSON examples of docs/wire-format.md, and the messages the page quotes. */
class JsonExamplesTest {
  private static final DocsPage PAGE = DocsPage.of("docs/wire-format.md");

  @Test
  void theWriterWritesCompactJsonOnOneLine() {
    // begin-snippet: json-write
    JsonWriter out = new JsonWriter();
    out.beginObject()
        .name("user")
        .value("ada")
        .name("tags")
        .beginArray()
        .value(1)
        .value(2.5)
        .endArray()
        .name("note")
        .value("line one\nline two \u2028")
        .endObject();
    String json = out.toString(); // or toByteArray(), the same as UTF-8
    // end-snippet
    assertThat(json)
        .isEqualTo("{\"user\":\"ada\",\"tags\":[1,2.5],\"note\":\"line one\\nline two \\u2028\"}");
    PAGE.assertShows(json);
    assertThat(new String(out.toByteArray(), StandardCharsets.UTF_8)).isEqualTo(json);
  }

  @Test
  void theReaderReadsWhatItExpectsAndSkipsTheRest() {
    String user = null;
    List<Double> tags = new ArrayList<>();
    // begin-snippet: json-read
    JsonReader in = JsonReader.of("{\"user\":\"ada\",\"tags\":[1,2.5],\"note\":\"…\"}");
    in.beginObject();
    while (in.hasNext()) {
      switch (in.nextName()) {
        case "user" -> user = in.nextString();
        case "tags" -> {
          in.beginArray();
          while (in.hasNext()) {
            tags.add(in.nextDouble());
          }
          in.endArray();
        }
        default -> in.skipValue(); // unknown properties are skipped, and validated
      }
    }
    in.endObject();
    in.endDocument(); // only whitespace may follow
    // end-snippet
    assertThat(user).isEqualTo("ada");
    assertThat(tags).containsExactly(1.0, 2.5);
  }

  @Test
  void malformedJsonIsAJsonExceptionThatSaysWhereAndWhat() {
    JsonReader in = JsonReader.of("{\"user\":\"ada\" x}");
    in.beginObject();
    in.nextName();
    in.nextString();
    assertThatThrownBy(in::hasNext)
        .isInstanceOfSatisfying(
            JsonException.class,
            e -> {
              assertThat(e.offset()).isEqualTo(14);
              PAGE.assertShows("`" + e.getMessage() + "`");
            });
    JsonReader fractional = JsonReader.of("2.5");
    assertThatThrownBy(fractional::nextInt)
        .isInstanceOf(JsonException.class)
        .hasMessageContaining("fractional");
  }

  @Test
  void aCodecConvertsWholeDocumentsAndNeverNull() {
    Reading reading = new Reading(1, Instant.parse("2026-01-01T00:00:00Z"), 21.5);
    // begin-snippet: codec-json
    SseCodec<Reading> codec = CodecRegistry.loadDefault().codecFor(Reading.class);
    String json = codec.toJson(reading); // also toJsonBytes(reading)
    Reading back = codec.fromJson(json); // also fromJson(byte[]), fromJson(byte[], off, len)
    // end-snippet
    assertThat(json).isEqualTo("{\"seq\":1,\"time\":\"2026-01-01T00:00:00Z\",\"celsius\":21.5}");
    assertThat(back).isEqualTo(reading);
    assertThatThrownBy(() -> codec.fromJson("null")).isInstanceOf(JsonException.class);
    assertThatThrownBy(() -> codec.toJson(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> codec.fromJson(json + " {}")).isInstanceOf(JsonException.class);
  }

  @Test
  void limitsBoundWhatTheReaderAcceptsAndHowDeepTheWriterNests() {
    byte[] bytes = "[[[[[[[[[[1]]]]]]]]]]".getBytes(StandardCharsets.UTF_8);
    // begin-snippet: json-limits
    JsonLimits limits = new JsonLimits(8, 1 << 20, 100); // depth, string bytes, number chars
    JsonReader in = new JsonReader(bytes, 0, bytes.length, limits);
    // end-snippet
    assertThatThrownBy(in::skipValue).isInstanceOf(JsonException.class);
    JsonWriter shallow = new JsonWriter(limits);
    assertThatThrownBy(() -> nest(shallow, 9)).isInstanceOf(JsonException.class);
    nest(new JsonWriter(limits), 8);
    JsonWriter byDefault = new JsonWriter();
    assertThatThrownBy(() -> nest(byDefault, 513))
        .isInstanceOf(JsonException.class)
        .satisfies(e -> PAGE.assertShows(e.getMessage()));
  }

  private static void nest(JsonWriter out, int depth) {
    for (int i = 0; i < depth; i++) {
      out.beginArray();
    }
  }
}
