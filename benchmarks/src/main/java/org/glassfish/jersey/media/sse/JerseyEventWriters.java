package org.glassfish.jersey.media.sse;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.ext.MessageBodyWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import org.glassfish.jersey.message.MessageBodyWorkers;

/**
 * Benchmark access to Jersey's package-private {@link OutboundEventWriter}, which frames an {@code
 * OutboundEvent} for every {@code SseEventSink}. Lives in Jersey's package only for that reason.
 * The writer asks its workers only for the data's entity writer; outside a Jersey runtime this
 * supplies a plain UTF-8 String writer, the least Jersey's own String provider does.
 */
public final class JerseyEventWriters {
  private static final Annotation[] NONE = new Annotation[0];
  private static final MessageBodyWriter<String> STRINGS = new Utf8StringWriter();
  private static final MessageBodyWorkers WORKERS =
      (MessageBodyWorkers)
          Proxy.newProxyInstance(
              MessageBodyWorkers.class.getClassLoader(),
              new Class<?>[] {MessageBodyWorkers.class},
              (proxy, method, args) -> {
                if (method.getName().equals("getMessageBodyWriter")) {
                  return STRINGS;
                }
                throw new UnsupportedOperationException(method.getName());
              });

  private final OutboundEventWriter writer = new OutboundEventWriter(() -> WORKERS);
  private final MultivaluedHashMap<String, Object> headers = new MultivaluedHashMap<>();

  /** Writes {@code event} as Jersey writes it to an {@code SseEventSink}. */
  public void write(OutboundEvent event, OutputStream out) throws IOException {
    writer.writeTo(
        event, OutboundEvent.class, OutboundEvent.class, NONE, MediaType.SERVER_SENT_EVENTS_TYPE,
        headers, out);
  }

  private static final class Utf8StringWriter implements MessageBodyWriter<String> {
    @Override
    public boolean isWriteable(
        Class<?> type, java.lang.reflect.Type generic, Annotation[] annotations, MediaType media) {
      return type == String.class;
    }

    @Override
    public void writeTo(
        String value,
        Class<?> type,
        java.lang.reflect.Type generic,
        Annotation[] annotations,
        MediaType media,
        jakarta.ws.rs.core.MultivaluedMap<String, Object> headers,
        OutputStream out)
        throws IOException {
      out.write(value.getBytes(StandardCharsets.UTF_8));
    }
  }
}
