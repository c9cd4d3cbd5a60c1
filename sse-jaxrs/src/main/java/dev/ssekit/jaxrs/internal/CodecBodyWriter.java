package dev.ssekit.jaxrs.internal;

import dev.ssekit.core.CodecRegistry;
import dev.ssekit.core.SseCodec;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyWriter;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.function.Supplier;

/** Writes any object whose class has a codec as the codec's JSON. */
@Produces({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN, MediaType.WILDCARD})
public final class CodecBodyWriter implements MessageBodyWriter<Object> {
  private final Supplier<CodecRegistry> codecs;

  /** A writer looking codecs up in the supplied registry. */
  public CodecBodyWriter(Supplier<CodecRegistry> codecs) {
    this.codecs = codecs;
  }

  @Override
  public boolean isWriteable(
      Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
    return codecs.get().find(type) != null;
  }

  @Override
  public void writeTo(
      Object value,
      Class<?> type,
      Type genericType,
      Annotation[] annotations,
      MediaType mediaType,
      MultivaluedMap<String, Object> httpHeaders,
      OutputStream entityStream)
      throws java.io.IOException {
    @SuppressWarnings("unchecked")
    SseCodec<Object> codec = (SseCodec<Object>) codecs.get().codecFor(value.getClass());
    entityStream.write(codec.toJsonBytes(value));
  }
}
