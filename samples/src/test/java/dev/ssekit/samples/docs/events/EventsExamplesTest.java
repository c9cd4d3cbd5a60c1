package dev.ssekit.samples.docs.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ssekit.core.CodecRegistry;
import dev.ssekit.core.EventStreamParser;
import dev.ssekit.core.ServerSentEvent;
import dev.ssekit.core.SseCodec;
import dev.ssekit.core.SseEncoder;
import dev.ssekit.core.json.JsonReader;
import dev.ssekit.core.json.JsonWriter;
import dev.ssekit.samples.docs.DocsPage;
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
 * back through the codec the registry finds by the frame's event name, and the registry behaves as
 * the page says.
 */
class EventsExamplesTest {
  private static final DocsPage PAGE = DocsPage.of("docs/events.md");
  private static final Instant NEW_YEAR = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void aRecordWithAnIdIsOneFrameWithItsNameIdAndJson() {
    // begin-snippet: encode
    Reading reading = new Reading(42, Instant.parse("2026-01-01T00:00:00Z"), 21.5);
    byte[] frame = SseEncoder.encode(reading, Reading_SseCodec.INSTANCE);
    // end-snippet
    assertFrame(
        frame,
        """
        event: reading
        id: 42
        data: {"seq":42,"time":"2026-01-01T00:00:00Z","celsius":21.5}

        """,
        new Reading(42, NEW_YEAR, 21.5));
  }

  @Test
  void theAnnotationsSetTheIdRenameAndLeaveOut() {
    ForumPost post = new ForumPost("m-7", "ada", "hello", "secret");
    assertFrame(
        SseEncoder.encode(post, ForumPost_SseCodec.INSTANCE),
        """
        event: forum-post
        id: m-7
        data: {"id":"m-7","user_name":"ada","text":"hello"}

        """,
        new ForumPost("m-7", "ada", "hello", null)); // an ignored component is read as null
  }

  @Test
  void aClassWithPublicFieldsIsReadAndWrittenThroughItsFields() {
    Score score = score("ada", 3);
    score.computedAt = 123;
    assertFrame(
        SseEncoder.encode(score, Score_SseCodec.INSTANCE),
        """
        event: match-score
        data: {"player":"ada","points":3}

        """,
        score("ada", 3)); // transient: neither written nor read
  }

  private static Score score(String player, int points) {
    Score score = new Score();
    score.player = player;
    score.points = points;
    return score;
  }

  @Test
  void aJavaBeanIsReadAndWrittenThroughItsGettersAndSetters() {
    Profile profile = new Profile();
    profile.setName("ada");
    profile.setVerified(true);
    assertFrame(
        SseEncoder.encode(profile, Profile_SseCodec.INSTANCE),
        """
        event: user-profile
        data: {"name":"ada","verified":true}

        """,
        profile);
  }

  @Test
  void anImmutableClassIsCreatedThroughItsConstructor() {
    Trade trade = new Trade("ACME", new BigDecimal("12.50"));
    assertFrame(
        SseEncoder.encode(trade, Trade_SseCodec.INSTANCE),
        """
        event: stock-trade
        data: {"symbol":"ACME","price":12.50}

        """,
        trade);
  }

  @Test
  void supportedTypesNestAndAnEmptyOptionalIsLeftOut() {
    Purchase order =
        new Purchase(
            UUID.fromString("00000000-0000-0000-0000-000000000007"),
            Purchase.Status.OPEN,
            new BigDecimal("12.50"),
            NEW_YEAR,
            List.of(new Purchase.Line("A-1", 2)),
            Map.of("A-1", 7),
            Optional.empty());
    assertFrame(
        SseEncoder.encode(order, Purchase_SseCodec.INSTANCE),
        """
        event: purchase
        id: 00000000-0000-0000-0000-000000000007
        data: {"id":"00000000-0000-0000-0000-000000000007","status":"OPEN","total":12.50,\
        "placed":"2026-01-01T00:00:00Z","lines":[{"sku":"A-1","quantity":2}],"stock":{"A-1":7}}

        """,
        order);
  }

  @Test
  void theRegistryFindsCodecsByClassAndByEventName() {
    // begin-snippet: registry
    CodecRegistry codecs = CodecRegistry.loadDefault(); // cached per class loader
    SseCodec<Reading> reading = codecs.codecFor(Reading.class); // server side: object -> frame
    SseCodec<?> incoming = codecs.codecForEvent("reading"); // client side: event name -> codec
    SseCodec<?> unknown = codecs.codecForEvent("unknown"); // null: no codec has that name
    // end-snippet
    assertThat(reading).isInstanceOf(Reading_SseCodec.class);
    assertThat(reading.eventName()).isEqualTo("reading");
    assertThat(incoming).isSameAs(reading);
    assertThat(unknown).isNull();
    assertThat(codecs.find(Object.class)).isNull();
    assertThat(CodecRegistry.loadDefault()).isSameAs(codecs);
  }

  @Test
  void anExplicitRegistryHoldsExactlyWhatItWasGiven() {
    // begin-snippet: registry-builder
    CodecRegistry codecs =
        CodecRegistry.builder()
            .register(Reading_SseCodec.INSTANCE)
            .registerAll(List.of(ForumPost_SseCodec.INSTANCE, Purchase_SseCodec.INSTANCE))
            .build();
    // end-snippet
    assertThat(codecs.codecs())
        .containsExactly(
            Reading_SseCodec.INSTANCE, ForumPost_SseCodec.INSTANCE, Purchase_SseCodec.INSTANCE);
    assertThat(codecs.find(Score.class)).isNull();
    assertThatThrownBy(() -> codecs.codecs().clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void twoCodecsForOneClassOrOneEventNameAreRefused() {
    CodecRegistry.Builder builder = CodecRegistry.builder().register(Reading_SseCodec.INSTANCE);
    builder.register(new Reading_SseCodec()); // the same codec class again: ignored
    assertThatThrownBy(() -> builder.register(new Impostor(Reading.class, "other")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Two SseCodecs for dev.ssekit.samples.docs.events.Reading:"
                + " dev.ssekit.samples.docs.events.Reading_SseCodec and "
                + Impostor.class.getName());
    assertThatThrownBy(() -> builder.register(new Impostor(Object.class, "reading")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Two event classes claim the event name \"reading\"");
    assertThat(builder.build().codecs()).containsExactly(Reading_SseCodec.INSTANCE);
  }

  /** A codec that claims a class and an event name and can do nothing else. */
  private static final class Impostor implements SseCodec<Object> {
    private final Class<?> type;
    private final String eventName;

    Impostor(Class<?> type, String eventName) {
      this.type = type;
      this.eventName = eventName;
    }

    @Override
    @SuppressWarnings("unchecked") // registered under the class it claims, never asked to read
    public Class<Object> type() {
      return (Class<Object>) type;
    }

    @Override
    public String eventName() {
      return eventName;
    }

    @Override
    public Object read(JsonReader in) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void write(JsonWriter out, Object value) {
      throw new UnsupportedOperationException();
    }
  }

  @Test
  void aClassWithoutACodecGetsAMessageThatNamesTheUsualCauses() {
    CodecRegistry empty = CodecRegistry.builder().build();
    assertThatThrownBy(() -> empty.codecFor(Reading.class))
        .isInstanceOf(IllegalArgumentException.class)
        .satisfies(e -> PAGE.assertShows(e.getMessage()));
    assertThatThrownBy(() -> empty.codecFor(Reading.class))
        .hasMessageStartingWith(
            "No SseCodec for dev.ssekit.samples.docs.events.Reading: the class is"
                + " annotated with @SseEvent, but no codec was generated or registered.");
  }

  /**
   * Asserts that {@code frame} is {@code expected}, that the page shows it as a block, and that the
   * codec the registry finds by the frame's event name reads it as {@code readBack}.
   */
  private static void assertFrame(byte[] frame, String expected, Object readBack) {
    String text = new String(frame, StandardCharsets.UTF_8);
    assertThat(text).isEqualTo(expected);
    PAGE.assertShowsBlock(expected);
    assertThat(decode(text)).usingRecursiveComparison().isEqualTo(readBack);
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
