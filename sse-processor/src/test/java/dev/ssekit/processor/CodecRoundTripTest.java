package dev.ssekit.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ssekit.core.json.JsonCodec;
import dev.ssekit.core.json.JsonException;
import dev.ssekit.core.json.JsonReader;
import dev.ssekit.core.json.JsonWriter;
import dev.ssekit.processor.fixtures.BeanEvent;
import dev.ssekit.processor.fixtures.BeanEvent_SseCodec;
import dev.ssekit.processor.fixtures.Color;
import dev.ssekit.processor.fixtures.Containers;
import dev.ssekit.processor.fixtures.Containers_SseCodec;
import dev.ssekit.processor.fixtures.FieldsEvent;
import dev.ssekit.processor.fixtures.FieldsEvent_SseCodec;
import dev.ssekit.processor.fixtures.ImmutableEvent;
import dev.ssekit.processor.fixtures.ImmutableEvent_SseCodec;
import dev.ssekit.processor.fixtures.Line;
import dev.ssekit.processor.fixtures.Outer;
import dev.ssekit.processor.fixtures.Outer_Inner_SseCodec;
import dev.ssekit.processor.fixtures.Ping;
import dev.ssekit.processor.fixtures.Ping_SseCodec;
import dev.ssekit.processor.fixtures.Scalars;
import dev.ssekit.processor.fixtures.Scalars_SseCodec;
import dev.ssekit.processor.fixtures.Tree;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Generated codecs write JSON and read it back to an equal value. */
class CodecRoundTripTest {

  static <T> String json(JsonCodec<T> codec, T value) {
    JsonWriter out = new JsonWriter();
    codec.write(out, value);
    return new String(out.toByteArray(), StandardCharsets.UTF_8);
  }

  static <T> T read(JsonCodec<T> codec, String json) {
    JsonReader in = new JsonReader(json.getBytes(StandardCharsets.UTF_8));
    T value = codec.read(in);
    in.endDocument();
    return value;
  }

  static <T> T roundTrip(JsonCodec<T> codec, T value) {
    return read(codec, json(codec, value));
  }

  @Test
  void scalarsOfEveryKindRoundTrip() {
    for (long seed = 0; seed < 300; seed++) {
      Scalars value = new RandomValues(seed).scalars();
      assertThat(roundTrip(Scalars_SseCodec.INSTANCE, value)).as("seed %d", seed).isEqualTo(value);
    }
  }

  @Test
  void containersAndNestingRoundTrip() {
    for (long seed = 0; seed < 300; seed++) {
      Containers value = new RandomValues(seed).containers();
      String json = json(Containers_SseCodec.INSTANCE, value);
      assertThat(read(Containers_SseCodec.INSTANCE, json))
          .as("seed %d: %s", seed, json)
          .usingRecursiveComparison()
          .isEqualTo(value);
    }
  }

  @Test
  void pingIsCompactJson() {
    Ping ping = new Ping("2026-01-01T00:00:00Z", 42);
    assertThat(json(Ping_SseCodec.INSTANCE, ping))
        .isEqualTo("{\"time\":\"2026-01-01T00:00:00Z\",\"seq\":42}");
    assertThat(roundTrip(Ping_SseCodec.INSTANCE, ping)).isEqualTo(ping);
  }

  @Test
  void nullsAreOmittedAndReadBackAsDefaults() {
    Scalars nulls =
        new Scalars(
            true, (byte) 1, (short) 2, 3, 4L, 'c', 5.5f, 6.5, null, null, null, null, null, null,
            null, null, null, null, null, null, null, null, null, null, null, null, null, null,
            null);
    assertThat(json(Scalars_SseCodec.INSTANCE, nulls))
        .isEqualTo(
            "{\"aBoolean\":true,\"aByte\":1,\"aShort\":2,\"anInt\":3,\"aLong\":4,\"aChar\":\"c\","
                + "\"aFloat\":5.5,\"aDouble\":6.5}");
    assertThat(roundTrip(Scalars_SseCodec.INSTANCE, nulls)).isEqualTo(nulls);

    Containers empty = read(Containers_SseCodec.INSTANCE, "{}");
    assertThat(empty.optionalString()).isEqualTo(Optional.empty());
    assertThat(empty.optionalInt()).isEqualTo(OptionalInt.empty());
    assertThat(empty.optionalLong()).isEqualTo(OptionalLong.empty());
    assertThat(empty.optionalDouble()).isEqualTo(OptionalDouble.empty());
    assertThat(empty.stringList()).isNull();
    assertThat(json(Containers_SseCodec.INSTANCE, empty)).isEqualTo("{}");
  }

  @Test
  void missingAndNullPropertiesReadAsNullEmptyOrPrimitiveDefault() {
    Scalars fromNulls =
        read(Scalars_SseCodec.INSTANCE, "{\"aBoolean\":null,\"anInt\":null,\"aChar\":null,"
            + "\"string\":null,\"color\":null,\"boxedInt\":null}");
    Scalars fromEmpty = read(Scalars_SseCodec.INSTANCE, "{}");
    for (Scalars s : List.of(fromNulls, fromEmpty)) {
      assertThat(s.aBoolean()).isFalse();
      assertThat(s.anInt()).isZero();
      assertThat(s.aChar()).isEqualTo('\0');
      assertThat(s.aDouble()).isZero();
      assertThat(s.string()).isNull();
      assertThat(s.boxedInt()).isNull();
      assertThat(s.color()).isNull();
    }
    Containers c = read(Containers_SseCodec.INSTANCE, "{\"optionalString\":null,\"ints\":null}");
    assertThat(c.optionalString()).isEmpty();
    assertThat(c.ints()).isNull();
  }

  @Test
  void unknownPropertiesOfEveryShapeAreSkipped() {
    String json =
        "{\"zzz\":{\"a\":[1,2,{\"b\":null}],\"c\":\"d\"},\"time\":\"t\",\"x\":[[],[{}]],"
            + "\"y\":true,\"z\":null,\"w\":-1.5e3,\"seq\":7,\"v\":\"\\u00e9\"}";
    assertThat(read(Ping_SseCodec.INSTANCE, json)).isEqualTo(new Ping("t", 7));
  }

  @Test
  void deeplyRecursiveTypesRoundTrip() {
    Tree tree = new Tree("leaf", List.of());
    for (int i = 0; i < 200; i++) {
      tree = new Tree("n" + i, List.of(tree, new Tree("x", null)));
    }
    Containers value =
        new Containers(
            Optional.empty(), Optional.empty(), Optional.empty(), OptionalInt.empty(),
            OptionalLong.empty(), OptionalDouble.empty(), null, null, null, null, null, null, null,
            null, null, null, null, null, null, null, null, tree);
    assertThat(roundTrip(Containers_SseCodec.INSTANCE, value).tree()).isEqualTo(tree);
  }

  @Test
  void beansUseGettersSettersAndIsGetters() {
    BeanEvent bean = new BeanEvent();
    bean.setName("anna");
    bean.setActive(true);
    bean.setCount(3);
    bean.setLines(List.of(new Line("a", 1, new BigDecimal("1.50"))));
    bean.setSecret("hidden");
    bean.setCache("cached");
    bean.setFavourite(Color.GREEN);
    String json = json(BeanEvent_SseCodec.INSTANCE, bean);
    assertThat(json)
        .isEqualTo(
            "{\"name\":\"anna\",\"active\":true,\"n\":3,"
                + "\"lines\":[{\"sku\":\"a\",\"quantity\":1,\"price\":1.50}],"
                + "\"favourite\":\"GREEN\"}");
    BeanEvent back = read(BeanEvent_SseCodec.INSTANCE, json);
    assertThat(back).usingRecursiveComparison().ignoringFields("secret", "cache").isEqualTo(bean);
    assertThat(back.getSecret()).isNull();
    assertThat(back.getCache()).isNull();
    assertThat(BeanEvent_SseCodec.INSTANCE.id(bean)).isEqualTo("anna");
    assertThat(BeanEvent_SseCodec.INSTANCE.id(new BeanEvent())).isNull();
  }

  @Test
  void publicFieldClassesAreAssignedDirectly() {
    FieldsEvent event = new FieldsEvent();
    event.title = "t";
    event.score = 2.25;
    event.tags = Map.of("k", "v");
    event.inner = new FieldsEvent.Inner();
    event.inner.id = 9;
    event.inner.color = Color.BLUE;
    event.ignored = "no";
    event.notWritten = 5;
    String json = json(FieldsEvent_SseCodec.INSTANCE, event);
    assertThat(json)
        .isEqualTo(
            "{\"title\":\"t\",\"score\":2.25,\"tags_by_name\":{\"k\":\"v\"},"
                + "\"inner\":{\"id\":9,\"color\":\"BLUE\"}}");
    FieldsEvent back = read(FieldsEvent_SseCodec.INSTANCE, json);
    assertThat(back).usingRecursiveComparison().ignoringFields("ignored", "notWritten")
        .isEqualTo(event);
    assertThat(back.ignored).isNull();
    assertThat(back.notWritten).isZero();
    // A missing property keeps what the no-arg constructor set.
    assertThat(read(FieldsEvent_SseCodec.INSTANCE, "{}").score).isEqualTo(1.5);
  }

  @Test
  void immutableClassesAreCreatedThroughTheirConstructor() {
    ImmutableEvent event =
        new ImmutableEvent(
            7, "hi", Optional.of(Instant.parse("2026-01-02T03:04:05Z")), new Line("s", 2, null));
    String json = json(ImmutableEvent_SseCodec.INSTANCE, event);
    assertThat(json)
        .isEqualTo(
            "{\"id\":7,\"body\":\"hi\",\"at\":\"2026-01-02T03:04:05Z\","
                + "\"line\":{\"sku\":\"s\",\"quantity\":2}}");
    assertThat(read(ImmutableEvent_SseCodec.INSTANCE, json))
        .usingRecursiveComparison()
        .isEqualTo(event);
    assertThat(ImmutableEvent_SseCodec.INSTANCE.id(event)).isEqualTo("7");
  }

  @Test
  void renamedAndIgnoredRecordComponents() {
    Outer.Inner inner = new Outer.Inner("bob", "pw", 3);
    String json = json(Outer_Inner_SseCodec.INSTANCE, inner);
    assertThat(json).isEqualTo("{\"user_name\":\"bob\",\"value\":3}");
    assertThat(read(Outer_Inner_SseCodec.INSTANCE, json))
        .isEqualTo(new Outer.Inner("bob", null, 3));
    assertThat(Outer_Inner_SseCodec.INSTANCE.eventName()).isEqualTo("outer.inner");
    assertThat(Outer_Inner_SseCodec.INSTANCE.type()).isEqualTo(Outer.Inner.class);
    assertThat(Outer_Inner_SseCodec.INSTANCE.id(inner)).isNull();
  }

  @Test
  void idComesFromTheSseIdMember() {
    Scalars scalars = new RandomValues(1).scalars();
    assertThat(Scalars_SseCodec.INSTANCE.id(scalars))
        .isEqualTo(scalars.boxedLong() == null ? null : scalars.boxedLong().toString());
  }

  @Test
  void badValuesFailWithJsonException() {
    assertThatThrownBy(() -> read(Scalars_SseCodec.INSTANCE, "{\"color\":\"PURPLE\"}"))
        .isInstanceOf(JsonException.class)
        .hasMessageContaining("PURPLE");
    assertThatThrownBy(() -> read(Scalars_SseCodec.INSTANCE, "{\"aByte\":128}"))
        .isInstanceOf(JsonException.class)
        .hasMessageContaining("byte");
    assertThatThrownBy(() -> read(Scalars_SseCodec.INSTANCE, "{\"instant\":\"yesterday\"}"))
        .isInstanceOf(JsonException.class)
        .hasMessageContaining("Instant")
        .hasMessageContaining("yesterday");
    assertThatThrownBy(() -> read(Containers_SseCodec.INSTANCE, "{\"linesByColor\":{\"RED\":[],"
            + "\"PINK\":[]}}"))
        .isInstanceOf(JsonException.class)
        .hasMessageContaining("PINK");
  }

  @Test
  void nullMapKeysAreRejectedWhenWriting() {
    Map<String, Integer> counts = new java.util.HashMap<>();
    counts.put(null, 1);
    Containers value =
        new Containers(
            Optional.empty(), Optional.empty(), Optional.empty(), OptionalInt.empty(),
            OptionalLong.empty(), OptionalDouble.empty(), null, null, null, null, null, null, null,
            null, null, null, null, counts, null, null, null, null);
    assertThatThrownBy(() -> json(Containers_SseCodec.INSTANCE, value))
        .isInstanceOf(JsonException.class)
        .hasMessageContaining("null key");
  }

  @Test
  void listsThatAreNotRandomAccessAreWrittenToo() {
    Tree tree = new Tree("root", new java.util.LinkedList<>(List.of(new Tree("a", null))));
    Containers value =
        new Containers(
            Optional.empty(), Optional.empty(), Optional.empty(), OptionalInt.empty(),
            OptionalLong.empty(), OptionalDouble.empty(), null, null, null, null, null, null,
            new java.util.LinkedList<>(java.util.Arrays.asList("x", null, "y")),
            null, null, null, null, null, null, null, null, tree);
    Containers back = roundTrip(Containers_SseCodec.INSTANCE, value);
    assertThat(back.stringList()).containsExactly("x", null, "y");
    assertThat(back.tree())
        .isEqualTo(new Tree("root", new ArrayList<>(List.of(new Tree("a", null)))));
  }
}
