package dev.ssekit.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ssekit.core.TestEvents.Ping;
import dev.ssekit.core.TestEvents.PingCodec;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The whole-document conversions {@link JsonCodec} offers on top of write and read. */
class JsonCodecTest {
  private final PingCodec codec = new PingCodec();

  @Test
  void convertsToAndFromJson() {
    Ping ping = new Ping("héllo\n\"x\"", 42);
    String json = codec.toJson(ping);
    assertThat(json).isEqualTo("{\"message\":\"héllo\\n\\\"x\\\"\",\"seq\":42}");
    assertThat(codec.toJsonBytes(ping)).isEqualTo(json.getBytes(StandardCharsets.UTF_8));
    assertThat(codec.fromJson(json)).isEqualTo(ping);
    assertThat(codec.fromJson(json.getBytes(StandardCharsets.UTF_8))).isEqualTo(ping);
    byte[] framed = ("data: " + json + "\n").getBytes(StandardCharsets.UTF_8);
    assertThat(codec.fromJson(framed, 6, framed.length - 7)).isEqualTo(ping);
  }

  @Test
  void aWholeDocumentIsNeverNull() {
    assertThatThrownBy(() -> codec.toJson(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("value");
    assertThatThrownBy(() -> codec.toJsonBytes(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> codec.fromJson(" null "))
        .isInstanceOf(JsonException.class)
        .hasMessage("expected a value (a whole document is never null) but found null at offset 1");
    assertThatThrownBy(() -> codec.fromJson("null".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(JsonException.class);
  }

  @Test
  void unknownPropertiesAreSkippedAndOrderDoesNotMatter() {
    assertThat(codec.fromJson("{\"extra\":[{\"a\":1}],\"seq\":7,\"message\":null,\"more\":{}}"))
        .isEqualTo(new Ping(null, 7));
  }

  @Test
  void trailingContentAndTypeErrorsAreJsonExceptions() {
    assertThatThrownBy(() -> codec.fromJson("{\"seq\":1} {}"))
        .isInstanceOf(JsonException.class)
        .hasMessage("expected the end of the document but found '{' at offset 10");
    assertThatThrownBy(() -> codec.fromJson("{\"seq\":\"1\"}"))
        .isInstanceOf(JsonException.class)
        .hasMessage("expected a number but found a string at offset 7");
    assertThatThrownBy(() -> codec.fromJson("{\"seq\":1.5}"))
        .isInstanceOf(JsonException.class)
        .hasMessageContaining("fractional");
  }
}
