package org.glassfish.jersey.media.sse;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedHashMap;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.util.function.Consumer;

/**
 * Benchmark access to Jersey's package-private {@link InboundEventReader}, the parser behind
 * {@code EventInput}. Lives in Jersey's package only for that reason.
 */
public final class JerseyEventReaders {
  private static final Annotation[] NONE = new Annotation[0];

  private JerseyEventReaders() {}

  /**
   * Reads every event of {@code in}, handing each non-empty event's raw data to {@code onData}.
   * Jersey's {@code EventInput} splits the stream at blank lines and gives each piece to this
   * reader; reading event by event from the stream is the same parse without that extra copy.
   */
  public static void readAll(InputStream in, Consumer<byte[]> onData) throws IOException {
    InboundEventReader reader = new InboundEventReader(() -> null);
    MultivaluedHashMap<String, String> headers = new MultivaluedHashMap<>();
    while (true) {
      InboundEvent event =
          reader.readFrom(
              InboundEvent.class,
              InboundEvent.class,
              NONE,
              MediaType.SERVER_SENT_EVENTS_TYPE,
              headers,
              in);
      byte[] raw = event.getRawData();
      if (raw != null && raw.length > 0) {
        onData.accept(raw);
      } else if (in.available() <= 0) {
        return;
      }
    }
  }
}
