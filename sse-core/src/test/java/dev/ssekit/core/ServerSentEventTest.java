package dev.ssekit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ServerSentEventTest {

  @Test
  void typeDefaultsToMessage() {
    assertThat(ServerSentEvent.of("x").type()).isEqualTo("message");
    assertThat(ServerSentEvent.builder().type(null).build().type()).isEqualTo("message");
  }

  @Test
  void typeWithLineBreakIsRejectedNamingTheField() {
    assertThatThrownBy(() -> ServerSentEvent.of("a\nevent: forged", "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("event type");
    assertThatThrownBy(() -> ServerSentEvent.of("a\rb", "x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ServerSentEvent.of("", "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("empty");
  }

  @Test
  void idWithLineBreakOrNulIsRejectedNamingTheField() {
    assertThatThrownBy(() -> ServerSentEvent.builder().id("1\ndata: forged"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("event id");
    assertThatThrownBy(() -> ServerSentEvent.builder().id("1\r"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ServerSentEvent.builder().id("a\0b"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("NUL");
  }

  @Test
  void typeOrIdWithAnUnpairedSurrogateIsRejected() {
    assertThatThrownBy(() -> ServerSentEvent.of("lone\uD83D", "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("event type")
        .hasMessageContaining("U+D83D at index 4");
    assertThatThrownBy(() -> ServerSentEvent.builder().id("\uDE00"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("event id");
    assertThat(ServerSentEvent.of("smile\uD83D\uDE00", "x").type()).isEqualTo("smile\uD83D\uDE00");
  }

  @Test
  void negativeRetryIsRejected() {
    assertThatThrownBy(() -> ServerSentEvent.builder().retry(-1L))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("retry");
  }

  @Test
  void equalityCoversEveryField() {
    ServerSentEvent a =
        ServerSentEvent.builder().type("t").data("d").id("1").retry(5L).comment("c").build();
    assertThat(a).isEqualTo(a.toBuilder().build()).hasSameHashCodeAs(a.toBuilder().build());
    assertThat(a).isNotEqualTo(a.toBuilder().id("2").build());
    assertThat(a).isNotEqualTo(a.toBuilder().retry(null).build());
    assertThat(a).isNotEqualTo(a.toBuilder().comment(null).build());
    assertThat(a).isNotEqualTo(a.toBuilder().data("e").build());
    assertThat(a).isNotEqualTo(a.toBuilder().type("u").build());
  }
}
