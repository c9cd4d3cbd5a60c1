package dev.ssekit.samples.docs.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ssekit.core.CodecRegistry;
import dev.ssekit.core.EventStreamParser;
import dev.ssekit.core.ServerSentEvent;
import dev.ssekit.core.SseCodec;
import dev.ssekit.core.SseEncoder;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The examples of docs/events.md: each event encodes to exactly the frame the page shows, decodes
 * back through the codec the registry finds by the frame's event name, and the registry behaves
 * as the page says.
 */
class EventsExamplesTest {
  private static final DocsPage PAGE = DocsPage.of("docs/events.md");
  private static final Instant NEW_YEAR = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void aRecordWithAnIdIsOneFrameWithItsNameIdAndJson() {
    // begin-snippet: encode
    byte[] frame = SseEncoder.encode(new Ping(42, NEW_YEAR), Ping_SseCodec.INSTANCE);
    // end-snippet
    assertFrame(
        new Ping(42, NEW_YEAR),
        frame,
        """
        event: ping
        id: 42
        data: {"seq":42,"time":"2026-01-01T00:00:00Z"}

        """);
  }

  @Test
  void theAnnotationsSetTheIdRenameAndLeaveOut() {
    ChatMessage message = new ChatMessage("m-7", "ada", "hello", "secret");
    String frame =
        assertFrame(
            message,
            SseEncoder.encode(message, ChatMessage_SseCodec.INSTANCE),
            """
            event: chat
            id: m-7
            data: {"id":"m-7","user_name":"ada","text":"hello"}

            """);
    assertThat(frame).doesNotContain("secret");
    assertThat(decode(frame))
        .as("an ignored component is read as null")
        .isEqualTo(new ChatMessage("m-7", "ada", "hello", null));
  }

  @Test
  void aClassWithPublicFieldsIsReadAndWrittenThroughItsFields() {
    Score score = new Score();
    score.player = "ada";
    score.points = 3;
    score.computedAt = 123;
    String frame =
        assertFrame(
            score,
            SseEncoder.encode(score, Score_SseCodec.INSTANCE),
            """
            event: score
            data: {"player":"ada","points":3}

            """);
    assertThat(((Score) decode(frame)).computedAt).as("transient: not read").isZero();
  }

  @Test
  void aJavaBeanIsReadAndWrittenThroughItsGettersAndSetters() {
    Profile profile = new Profile();
    profile.setName("ada");
    profile.setVerified(true);
    assertFrame(
        profile,
        SseEncoder.encode(profile, Profile_SseCodec.INSTANCE),
        """
        event: profile
        data: {"name":"ada","verified":true}

        """);
  }

  @Test
  void anImmutableClassIsCreatedThroughItsConstructor() {
    Trade trade = new Trade("ACME", new BigDecimal("12.50"));
    assertFrame(
        trade,
        SseEncoder.encode(trade, Trade_SseCodec.INSTANCE),
        """
        event: trade
        data: {"symbol":"ACME","price":12.50}

        """);
  }

  @Test
  void supportedTypesNestAndAnEmptyOptionalIsLeftOut() {
    Order order =
        new Order(
            UUID.fromString("00000000-0000-0000-0000-000000000007"),
            Order.Status.OPEN,
            new BigDecimal("12.50"),
            NEW_YEAR,
            List.of(new Order.Line("A-1", 2)),
            Map.of("A-1", 7),
            Optional.empty());
    assertFrame(
        order,
        SseEncoder.encode(order, Order_SseCodec.INSTANCE),
        """
        event: order
        id: 00000000-0000-0000-0000-000000000007
        data: {"id":"00000000-0000-0000-0000-000000000007","status":"OPEN","total":12.50,\
        "placed":"2026-01-01T00:00:00Z","lines":[{"sku":"A-1","quantity":2}],"stock":{"A-1":7}}

        """);
  }

  @Test
  void theRegistryFindsCodecsByClassAndByEventName() {
    // begin-snippet: registry
    CodecRegistry codecs = CodecRegistry.loadDefault(); // cached per class loader
    SseCodec<Ping> ping = codecs.codecFor(Ping.class); // server side: object -> frame
    SseCodec<?> incoming = codecs.codecForEvent("ping"); // client side: event name -> codec
    SseCodec<?> unknown = codecs.codecForEvent("pong"); // null: no codec has that name
    // end-snippet
    assertThat(ping).isInstanceOf(Ping_SseCodec.class);
    assertThat(ping.eventName()).isEqualTo("ping");
    assertThat(incoming).isSameAs(ping);
    assertThat(unknown).isNull();
    assertThat(codecs.find(Object.class)).isNull();
    assertThat(CodecRegistry.loadDefault()).isSameAs(codecs);
  }

  @Test
  void anExplicitRegistryHoldsExactlyWhatItWasGiven() {
    // begin-snippet: registry-builder
    CodecRegistry codecs =
        CodecRegistry.builder()
            .register(Ping_SseCodec.INSTANCE)
            .registerAll(List.of(ChatMessage_SseCodec.INSTANCE, Order_SseCodec.INSTANCE))
            .build();
    // end-snippet
    assertThat(codecs.codecs())
        .containsExactly(
            Ping_SseCodec.INSTANCE, ChatMessage_SseCodec.INSTANCE, Order_SseCodec.INSTANCE);
    assertThat(codecs.find(Score.class)).isNull();
    assertThatThrownBy(() -> codecs.codecs().clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void twoCodecsForOneClassOrOneEventNameAreRefused() {
    CodecRegistry.Builder builder = CodecRegistry.builder().register(Ping_SseCodec.INSTANCE);
    assertThatThrownBy(() -> builder.register(new Ping_SseCodec()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(Ping.class.getName());
  }

  @Test
  void aClassWithoutACodecGetsAMessageThatNamesTheUsualCauses() {
    CodecRegistry empty = CodecRegistry.builder().build();
    assertThatThrownBy(() -> empty.codecFor(Ping.class))
        .isInstanceOf(IllegalArgumentException.class)
        .satisfies(e -> PAGE.assertShows(e.getMessage()));
    assertThatThrownBy(() -> empty.codecFor(Ping.class))
        .hasMessageStartingWith("No SseCodec for dev.ssekit.samples.docs.events.Ping: the class is"
            + " annotated with @SseEvent, but no codec was generated or registered.");
  }

  /**
   * Asserts that {@code frame} is {@code expected} and that the page shows it as a block, and that
   * the codec the registry finds by the frame's event name reads the value back.
   *
   * @return the frame as text
   */
  private static String assertFrame(Object value, byte[] frame, String expected) {
    String text = new String(frame, StandardCharsets.UTF_8);
    assertThat(text).isEqualTo(expected);
    PAGE.assertShowsBlock(expected);
    assertThat(decode(text)).usingRecursiveComparison().isEqualTo(value);
    return text;
  }

  /** The value of a one-event frame, decoded as a receiver does: by its event name. */
  private static Object decode(String frame) {
    List<ServerSentEvent> events = new ArrayList<>();
    EventStreamParser parser = new EventStreamParser(events::add);
    byte[] bytes = frame.getBytes(StandardCharsets.UTF_8);
    parser.feed(bytes, 0, bytes.length);
    parser.end();
    assertThat(events).hasSize(1);
    ServerSentEvent event = events.get(0);
    return CodecRegistry.loadDefault().codecForEvent(event.type()).fromJson(event.data());
  }
}
