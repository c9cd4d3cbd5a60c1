package dev.ssekit.core;

import static dev.ssekit.core.Recorder.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Typed events: the codec's name and id around the JSON it writes into the encoder's buffer. */
class SseEncoderTypedTest {
  private static final TextCodec NOTE = TextCodec.named("note");

  @Test
  void typedEventIsWrittenAsEventIdAndOneJsonDataLine() {
    SseEncoder encoder = new SseEncoder().append("hello", NOTE, "5");
    assertThat(encoder.toString()).isEqualTo("event: note\nid: 5\ndata: {\"text\":\"hello\"}\n\n");
  }

  @Test
  void idComesFromTheCodecUnlessGivenExplicitly() {
    assertThat(new SseEncoder().append("id:7", NOTE).toString())
        .isEqualTo("event: note\nid: 7\ndata: {\"text\":\"id:7\"}\n\n");
    assertThat(new SseEncoder().append("plain", NOTE).toString())
        .isEqualTo("event: note\ndata: {\"text\":\"plain\"}\n\n");
    assertThat(new SseEncoder().append("id:7", NOTE, "8").toString()).contains("id: 8\n");
    assertThat(new SseEncoder().append("id:7", NOTE, null).toString()).doesNotContain("id: ");
  }

  @Test
  void messageNamedCodecWritesNoEventLine() {
    assertThat(new SseEncoder().append("x", TextCodec.named("message")).toString())
        .isEqualTo("data: {\"text\":\"x\"}\n\n");
  }

  @Test
  void lineBreaksInValuesStayInsideTheJsonLine() {
    String text = "a\nb\r\nc\u2028d\u0000";
    byte[] frame = SseEncoder.encode(text, NOTE);
    assertThat(Recorder.parse(frame).events).hasSize(1);
    String data = Recorder.parse(frame).events.get(0).data();
    assertThat(data).doesNotContain("\n").doesNotContain("\r").startsWith("{\"text\":\"a");
  }

  @Test
  void typedFramesRoundTripThroughTheParser() {
    SseEncoder encoder = new SseEncoder();
    encoder.append("one", NOTE, "1").append(ServerSentEvent.of("plain")).append("id:2", NOTE);
    assertThat(Recorder.parse(encoder.toByteArray()).events)
        .containsExactly(
            event("note", "{\"text\":\"one\"}", "1", null, null),
            ServerSentEvent.of("plain"),
            event("note", "{\"text\":\"id:2\"}", "2", null, null));
  }

  @Test
  void codecFailureLeavesTheBufferAsItWasAndTheEncoderUsable() {
    SseEncoder encoder = new SseEncoder().append("first", NOTE);
    String before = encoder.toString();
    assertThatThrownBy(() -> encoder.append("fail", NOTE))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("cannot write fail");
    assertThat(encoder.toString()).isEqualTo(before);
    // The half-written object does not leak into the next frame's JSON.
    encoder.append("second", NOTE);
    assertThat(encoder.toString())
        .isEqualTo(before + "event: note\ndata: {\"text\":\"second\"}\n\n");
  }

  @Test
  void codecThatWritesNoValueOrAnUnfinishedOneIsRejectedAndNothingIsWritten() {
    SseEncoder encoder = new SseEncoder().append("first", NOTE);
    String before = encoder.toString();
    assertThatThrownBy(() -> encoder.append("nothing", NOTE))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("did not write exactly one complete JSON value");
    assertThatThrownBy(() -> encoder.append("open", NOTE))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("did not write exactly one complete JSON value");
    assertThat(encoder.toString()).isEqualTo(before);
  }

  @Test
  void encoderStaysUsableAfterResetReleasesItsBuffer() {
    SseEncoder encoder = new SseEncoder().append("x".repeat(2 << 20), NOTE);
    encoder.reset();
    assertThat(encoder.append("y", NOTE).toString())
        .isEqualTo("event: note\ndata: {\"text\":\"y\"}\n\n");
  }
}
