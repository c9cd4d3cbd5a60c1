package dev.ssekit.benchmarks.codec;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ssekit.core.CodecRegistry;
import dev.ssekit.core.SseCodec;
import dev.ssekit.core.SseEncoder;
import dev.ssekit.core.json.JsonReader;
import java.io.ByteArrayOutputStream;
import java.util.concurrent.TimeUnit;
import org.glassfish.jersey.media.sse.JerseyEventWriters;
import org.glassfish.jersey.media.sse.OutboundEvent;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Encoding a typed event as a complete frame, and decoding its data back, with the generated codec,
 * with Jackson (databind plus frame assembly, and streaming), and with Jersey's {@code
 * OutboundEvent} and its event writer. Run with {@code -prof gc} for bytes allocated per operation.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(3)
public class CodecBenchmark {
  private final ObjectMapper mapper = new ObjectMapper();
  private final SseEncoder encoder = new SseEncoder();
  private SseCodec<Ping> pingCodec;
  private SseCodec<OrderUpdate> orderCodec;
  private JsonGeneratorHolder jackson;
  private final JerseyEventWriters jersey = new JerseyEventWriters();
  private final ByteArrayOutputStream jerseyOut = new ByteArrayOutputStream(512);
  private Ping ping;
  private OrderUpdate order;
  private String pingJson;
  private String orderJson;

  @Setup
  public void setUp() throws Exception {
    CodecRegistry registry = CodecRegistry.loadDefault();
    pingCodec = registry.codecFor(Ping.class);
    orderCodec = registry.codecFor(OrderUpdate.class);
    jackson = new JsonGeneratorHolder(mapper.getFactory());
    ping = new Ping("2026-11-21T20:15:30.123Z", 42);
    order = OrderUpdate.sample(42);
    pingJson = mapper.writeValueAsString(ping);
    orderJson = mapper.writeValueAsString(order);
    // Both sides must read what the other writes: the comparison is of equal work.
    if (!pingCodec.read(JsonReader.of(pingJson)).equals(ping)
        || !orderCodec.read(JsonReader.of(orderJson)).equals(order)
        || !mapper.readValue(new SseEncoderJson(pingCodec).json(ping), Ping.class).equals(ping)) {
      throw new IllegalStateException("ssekit and Jackson disagree on the JSON");
    }
  }

  @Benchmark
  public int encodeSmallSsekit() {
    encoder.reset();
    encoder.append(ping, pingCodec, "42");
    return encoder.size();
  }

  @Benchmark
  public byte[] encodeSmallJacksonDatabind() throws Exception {
    return Frames.databind(mapper, "ping", "42", ping);
  }

  @Benchmark
  public int encodeSmallJacksonStreaming() throws Exception {
    return Frames.streaming(jackson, ping);
  }

  /** Jersey's way: JSON from Jackson, an {@code OutboundEvent}, Jersey's own event writer. */
  @Benchmark
  public int encodeSmallJerseyOutboundEvent() throws Exception {
    jerseyOut.reset();
    jersey.write(
        new OutboundEvent.Builder()
            .name("ping")
            .id("42")
            .data(String.class, mapper.writeValueAsString(ping))
            .build(),
        jerseyOut);
    return jerseyOut.size();
  }

  @Benchmark
  public int encodeLargeSsekit() {
    encoder.reset();
    encoder.append(order, orderCodec, "42");
    return encoder.size();
  }

  @Benchmark
  public byte[] encodeLargeJacksonDatabind() throws Exception {
    return Frames.databind(mapper, "order", "42", order);
  }

  @Benchmark
  public int encodeLargeJerseyOutboundEvent() throws Exception {
    jerseyOut.reset();
    jersey.write(
        new OutboundEvent.Builder()
            .name("order")
            .id("42")
            .data(String.class, mapper.writeValueAsString(order))
            .build(),
        jerseyOut);
    return jerseyOut.size();
  }

  @Benchmark
  public Ping decodeSmallSsekit() {
    return pingCodec.read(JsonReader.of(pingJson));
  }

  @Benchmark
  public Ping decodeSmallJackson() throws Exception {
    return mapper.readValue(pingJson, Ping.class);
  }

  @Benchmark
  public OrderUpdate decodeLargeSsekit() {
    return orderCodec.read(JsonReader.of(orderJson));
  }

  @Benchmark
  public OrderUpdate decodeLargeJackson() throws Exception {
    return mapper.readValue(orderJson, OrderUpdate.class);
  }
}
