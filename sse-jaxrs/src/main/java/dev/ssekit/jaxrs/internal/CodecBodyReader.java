package dev.ssekit.jaxrs.internal;

import dev.ssekit.core.CodecRegistry;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.function.Supplier;

/**
 * Reads any class that has a codec from the codec's JSON, whatever the declared media type: an
 * inbound event's data arrives as {@code text/plain} unless the client says otherwise.
 */
@Consumes({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN, MediaType.WILDCARD})
public final class CodecBodyReader implements MessageBodyReader<Object> {
  private final Supplier<CodecRegistry> codecs;

  /** A reader looking codecs up in the supplied registry. */
  public CodecBodyReader(Supplier<CodecRegistry> codecs) {
    this.codecs = codecs;
  }

  @Override
  public boolean isReadable(
      Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
    return codecs.get().find(type) != null;
  }

  @Override
  public Object readFrom(
      Class<Object> type,
      Type genericType,
      Annotation[] annotations,
      MediaType mediaType,
      MultivaluedMap<String, String> httpHeaders,
      InputStream entityStream)
      throws IOException {
    return codecs.get().codecFor(type).fromJson(entityStream.readAllBytes());
  }
}
