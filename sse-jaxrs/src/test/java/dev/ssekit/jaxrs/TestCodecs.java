package dev.ssekit.jaxrs;

import dev.ssekit.core.CodecRegistry;
import dev.ssekit.core.JsonNames;
import dev.ssekit.core.JsonReader;
import dev.ssekit.core.JsonWriter;
import dev.ssekit.core.SseCodec;

/** Hand-written codecs for the test events, as the annotation processor would generate them. */
final class TestCodecs {
  private TestCodecs() {}

  static final SseCodec<Ping> PING =
      new SseCodec<>() {
        private final JsonNames names = JsonNames.of("text", "seq");

        @Override
        public String eventName() {
          return "ping";
        }

        @Override
        public Class<Ping> type() {
          return Ping.class;
        }

        @Override
        public void write(JsonWriter out, Ping p) {
          out.beginObject().name("text").value(p.text()).name("seq").value(p.seq()).endObject();
        }

        @Override
        public Ping read(JsonReader in) {
          String text = null;
          long seq = 0;
          in.beginObject();
          while (in.hasNext()) {
            switch (in.nextName(names)) {
              case 0:
                text = in.nextString();
                break;
              case 1:
                seq = in.nextLong();
                break;
              default:
                in.skipValue();
            }
          }
          in.endObject();
          return new Ping(text, seq);
        }
      };

  static final SseCodec<Order> ORDER =
      new SseCodec<>() {
        private final JsonNames names = JsonNames.of("orderId", "quantity");

        @Override
        public String eventName() {
          return "order";
        }

        @Override
        public Class<Order> type() {
          return Order.class;
        }

        @Override
        public String id(Order o) {
          return o.orderId();
        }

        @Override
        public void write(JsonWriter out, Order o) {
          out.beginObject()
              .name("orderId")
              .value(o.orderId())
              .name("quantity")
              .value(o.quantity())
              .endObject();
        }

        @Override
        public Order read(JsonReader in) {
          String id = null;
          int quantity = 0;
          in.beginObject();
          while (in.hasNext()) {
            switch (in.nextName(names)) {
              case 0:
                id = in.nextString();
                break;
              case 1:
                quantity = in.nextInt();
                break;
              default:
                in.skipValue();
            }
          }
          in.endObject();
          return new Order(id, quantity);
        }
      };

  static final CodecRegistry REGISTRY = CodecRegistry.builder().register(PING).register(ORDER).build();
}
