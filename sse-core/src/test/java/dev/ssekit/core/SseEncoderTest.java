package dev.ssekit.core;

import static dev.ssekit.core.Recorder.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The frames the encoder writes, byte for byte. */
class SseEncoderTest {

  private static String encode(ServerSentEvent event) {
    return new String(SseEncoder.encode(event), StandardCharsets.UTF_8);
  }

  @Test
  void fullFrameHasCommentsEventIdRetryThenDataAndABlankLine() {
    ServerSentEvent e =
        ServerSentEvent.builder()
            .comment("note")
            .type("ping")
            .id("42")
            .retry(3000L)
            .data("{\"n\":1}")
            .build();
    assertThat(encode(e))
        .isEqualTo(": note\nevent: ping\nid: 42\nretry: 3000\ndata: {\"n\":1}\n\n");
  }

  @Test
  void messageTypeIsNotWritten() {
    assertThat(encode(ServerSentEvent.of("x"))).isEqualTo("data: x\n\n");
    assertThat(encode(ServerSentEvent.of("message", "x"))).isEqualTo("data: x\n\n");
  }

  @Test
  void dataLineBreaksOfEveryKindBecomeSeveralDataLines() {
    assertThat(encode(ServerSentEvent.of("a\nb\rc\r\nd")))
        .isEqualTo("data: a\ndata: b\ndata: c\ndata: d\n\n");
  }

  @Test
  void dataEndingInALineBreakEndsInAnEmptyDataLine() {
    assertThat(encode(ServerSentEvent.of("a\n"))).isEqualTo("data: a\ndata:\n\n");
    assertThat(encode(ServerSentEvent.of("\r\n"))).isEqualTo("data:\ndata:\n\n");
    assertThat(encode(ServerSentEvent.of("\n\r"))).isEqualTo("data:\ndata:\ndata:\n\n");
  }

  @Test
  void emptyDataIsOneBareDataLine() {
    assertThat(encode(ServerSentEvent.of(""))).isEqualTo("data:\n\n");
  }

  @Test
  void leadingSpaceOfAValueSurvivesBecauseTheSeparatingSpaceIsAlwaysWritten() {
    assertThat(encode(ServerSentEvent.of(" x\n  y"))).isEqualTo("data:  x\ndata:   y\n\n");
    assertThat(encode(ServerSentEvent.builder().comment(" c").build())).isEqualTo(":  c\n\n");
  }

  @Test
  void emptyIdIsWrittenWithAnEmptyValue() {
    assertThat(encode(ServerSentEvent.builder().id("").data("x").build()))
        .isEqualTo("id:\ndata: x\n\n");
  }

  @Test
  void multiLineCommentsBecomeSeveralCommentLines() {
    assertThat(encode(ServerSentEvent.builder().comment("a\r\nb\rc\n").data("x").build()))
        .isEqualTo(": a\n: b\n: c\n:\ndata: x\n\n");
  }

  @Test
  void eventWithoutDataWritesOnlyItsOtherFieldsAndNoType() {
    assertThat(encode(ServerSentEvent.builder().type("ping").retry(5L).build()))
        .isEqualTo("retry: 5\n\n");
    assertThat(encode(ServerSentEvent.builder().id("9").build())).isEqualTo("id: 9\n\n");
  }

  @Test
  void eventWithNothingToSayWritesNothing() {
    assertThat(SseEncoder.encode(ServerSentEvent.builder().build())).isEmpty();
    assertThat(SseEncoder.encode(ServerSentEvent.builder().type("ping").build())).isEmpty();
  }

  @Test
  void utf8IsWrittenAndLoneSurrogatesBecomeReplacementCharacters() {
    assertThat(SseEncoder.encode(ServerSentEvent.of("\u00e9\ud83d\ude00\ud800")))
        .isEqualTo(utf8("data: \u00e9\ud83d\ude00\uFFFD\n\n"));
  }

  @Test
  void framesAccumulateUntilReset() throws Exception {
    SseEncoder encoder = new SseEncoder();
    encoder.append(ServerSentEvent.of("1")).append(ServerSentEvent.of("2"));
    assertThat(encoder.size()).isEqualTo(18);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    encoder.writeTo(out);
    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("data: 1\n\ndata: 2\n\n");
    assertThat(encoder.toString()).isEqualTo("data: 1\n\ndata: 2\n\n");
    encoder.reset();
    assertThat(encoder.size()).isZero();
    assertThat(encoder.append(ServerSentEvent.of("3")).toByteArray())
        .isEqualTo(utf8("data: 3\n\n"));
  }

  @Test
  void resetReleasesAHugeBufferAndTheEncoderStaysUsable() {
    SseEncoder encoder = new SseEncoder();
    encoder.append(ServerSentEvent.of("x".repeat(2 << 20)));
    encoder.reset();
    assertThat(encoder.append(ServerSentEvent.of("y")).toString()).isEqualTo("data: y\n\n");
  }

  @Test
  void commentsAreAppendedWithoutABlankLine() {
    assertThat(new SseEncoder().appendComment("a\nb").appendComment("").toString())
        .isEqualTo(": a\n: b\n:\n");
  }

  @Test
  void heartbeatIsAnEmptyCommentInABlockOfItsOwn() {
    assertThat(new SseEncoder().appendHeartbeat().toByteArray()).isEqualTo(utf8(":\n\n"));
    byte[] heartbeat = SseEncoder.heartbeat();
    assertThat(heartbeat).isEqualTo(utf8(":\n\n"));
    heartbeat[0] = 'x'; // callers get their own copy
    assertThat(SseEncoder.heartbeat()).isEqualTo(utf8(":\n\n"));
  }

  @Test
  void retryFrameSetsTheReconnectionTime() {
    assertThat(new SseEncoder().appendRetry(2500).toString()).isEqualTo("retry: 2500\n\n");
    assertThat(SseEncoder.retryFrame(0)).isEqualTo(utf8("retry: 0\n\n"));
  }

  @Test
  void negativeRetryIsRejectedAndNothingIsWritten() {
    SseEncoder encoder = new SseEncoder().append(ServerSentEvent.of("kept"));
    assertThatThrownBy(() -> encoder.appendRetry(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("retry");
    assertThatThrownBy(() -> SseEncoder.retryFrame(-5))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(encoder.toString()).isEqualTo("data: kept\n\n");
  }

  @Test
  void typedEventWithAnInvalidNameIsRejectedAndNothingIsWritten() {
    SseEncoder encoder = new SseEncoder().append(ServerSentEvent.of("kept"));
    assertThatThrownBy(() -> encoder.append("v", TextCodec.named("a\ndata: forged")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("event type");
    assertThatThrownBy(() -> encoder.append("v", TextCodec.named("a\rb")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("event type");
    assertThatThrownBy(() -> encoder.append("v", TextCodec.named("")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("event type");
    assertThatThrownBy(() -> encoder.append("v", TextCodec.named(null)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("null event type");
    assertThat(encoder.toString()).isEqualTo("data: kept\n\n");
  }

  @Test
  void typedEventWithAnInvalidIdIsRejectedAndNothingIsWritten() {
    SseEncoder encoder = new SseEncoder().append(ServerSentEvent.of("kept"));
    TextCodec codec = TextCodec.named("t");
    assertThatThrownBy(() -> encoder.append("v", codec, "1\ndata: forged"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("event id");
    assertThatThrownBy(() -> encoder.append("v", codec, "1\r"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("event id");
    assertThatThrownBy(() -> encoder.append("v", codec, "a\0b"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("NUL");
    // The id the codec supplies is validated the same way.
    assertThatThrownBy(() -> encoder.append("id:x\nevent: forged", codec))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("event id");
    assertThat(encoder.toString()).isEqualTo("data: kept\n\n");
  }
}
