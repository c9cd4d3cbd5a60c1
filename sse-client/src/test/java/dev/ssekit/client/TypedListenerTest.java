package dev.ssekit.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ssekit.core.CodecRegistry;
import dev.ssekit.core.SseCodec;
import dev.ssekit.core.json.JsonException;
import dev.ssekit.core.json.JsonNames;
import dev.ssekit.core.json.JsonReader;
import dev.ssekit.core.json.JsonWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Typed listeners: events routed by name to codecs, decoded, and decode failures reported. */
@Timeout(30)
class TypedListenerTest {
  /** An event class with a hand-written codec, registered explicitly. */
  record Greeting(String text, int n) {}

  /** A codec written by hand, the way generated ones read and write. */
  static final class GreetingCodec implements SseCodec<Greeting> {
    private static final JsonNames NAMES = JsonNames.of("text", "n");

    @Override
    public String eventName() {
      return "greeting";
    }

    @Override
    public Class<Greeting> type() {
      return Greeting.class;
    }

    @Override
    public void write(JsonWriter out, Greeting g) {
      out.beginObject();
      out.name("text");
      out.value(g.text());
      out.name("n");
      out.value(g.n());
      out.endObject();
    }

    @Override
    public Greeting read(JsonReader in) {
      String text = null;
      int n = 0;
      in.beginObject();
      while (in.hasNext()) {
        switch (in.nextName(NAMES)) {
          case 0:
            text = in.nextString();
            break;
          case 1:
            n = in.nextInt();
            break;
          default:
            in.skipValue();
        }
      }
      in.endObject();
      return new Greeting(text, n);
    }
  }

  @AutoClose private RawServer server;
  @AutoClose private EventSource source;

  @Test
  void typedListenersReceiveDecodedObjectsByEventName() throws Exception {
    server =
        new RawServer(
            x -> {
              x.sseHead()
                  .write("event: greeting\ndata: {\"text\":\"hi\",\"n\":1,\"extra\":[1,{}]}\n\n")
                  .write("event: other\ndata: {\"text\":\"not me\",\"n\":9}\n\n")
                  .write("event: greeting\ndata: {\"text\":\"caf\u00e9\",\"n\":2}\n\n");
              x.awaitClientClose(Duration.ofSeconds(20));
            });
    BlockingQueue<Greeting> typed = new LinkedBlockingQueue<>();
    Recorder r = new Recorder();
    source = greetingSource().on(Greeting.class, typed::add);
    r.attach(source, "greeting").connect();

    assertThat(typed.poll(10, TimeUnit.SECONDS)).isEqualTo(new Greeting("hi", 1));
    assertThat(typed.poll(10, TimeUnit.SECONDS)).isEqualTo(new Greeting("caf\u00e9", 2));
    assertThat(r.nextEvent().data()).contains("\"hi\"");
    assertThat(r.errors).isEmpty();
  }

  @Test
  void undecodableDataIsReportedAndTheStreamGoesOn() throws Exception {
    server =
        new RawServer(
            x -> {
              x.sseHead()
                  .write("event: greeting\ndata: {\"text\":\"oops\",\"n\":\"NaN\"}\n\n")
                  .write("event: greeting\ndata: null\n\n")
                  .write("event: greeting\ndata: {\"text\":\"ok\",\"n\":3} trailing\n\n")
                  .write("event: greeting\ndata: {\"text\":\"fine\",\"n\":4}\n\n");
              x.awaitClientClose(Duration.ofSeconds(20));
            });
    BlockingQueue<Greeting> typed = new LinkedBlockingQueue<>();
    Recorder r = new Recorder();
    source = greetingSource().on(Greeting.class, typed::add);
    r.attach(source).connect();

    assertThat(typed.poll(10, TimeUnit.SECONDS)).isEqualTo(new Greeting("fine", 4));
    // Each is the JsonException of core's one whole-document decode (JsonCodec.fromJson), which
    // refuses a JSON null document like any other misfit.
    List<String> problems =
        List.of("a number", "a value (a whole document is never null)", "the end of the document");
    for (String problem : problems) {
      EventSourceException e = r.nextError();
      assertThat(e.reason()).isEqualTo(EventSourceException.Reason.DECODE);
      assertThat(e.willReconnect()).isTrue();
      assertThat(e.getMessage()).contains("'greeting'", Greeting.class.getName(), problem);
      assertThat(e.getCause()).isInstanceOf(JsonException.class);
    }
    assertThat(typed).isEmpty();
    assertThat(source.readyState()).isEqualTo(ReadyState.OPEN);
  }

  @Test
  void aClassWithoutACodecIsRejectedWhenTheListenerIsAdded() throws Exception {
    server = new RawServer(x -> x.sseHead());
    EventSource s = greetingSource();
    assertThatThrownBy(() -> s.on(String.class, x -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("java.lang.String");
    s.close();
  }

  /** A source on the test server that knows only {@link GreetingCodec}. */
  private EventSource greetingSource() {
    return EventSource.builder(server.uri("/"))
        .codecRegistry(CodecRegistry.builder().register(new GreetingCodec()).build())
        .build();
  }
}
