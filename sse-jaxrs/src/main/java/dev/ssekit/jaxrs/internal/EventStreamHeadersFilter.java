package dev.ssekit.jaxrs.internal;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;

/**
 * Gives every {@code text/event-stream} response the headers a stream needs to pass proxies
 * unbuffered, and strips a {@code Content-Encoding} that a compression filter added: a compressor
 * holds bytes back until its block fills, which would delay events indefinitely.
 */
public final class EventStreamHeadersFilter implements ContainerResponseFilter {
  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    MediaType type = response.getMediaType();
    if (type == null
        || !"text".equalsIgnoreCase(type.getType())
        || !"event-stream".equalsIgnoreCase(type.getSubtype())) {
      return;
    }
    MultivaluedMap<String, Object> headers = response.getHeaders();
    if (!type.getParameters().containsKey(MediaType.CHARSET_PARAMETER)) {
      headers.putSingle(HttpHeaders.CONTENT_TYPE, type.withCharset("UTF-8"));
    }
    if (!headers.containsKey(HttpHeaders.CACHE_CONTROL)) {
      headers.putSingle(HttpHeaders.CACHE_CONTROL, "no-cache");
    }
    if (!headers.containsKey("X-Accel-Buffering")) {
      headers.putSingle("X-Accel-Buffering", "no");
    }
    headers.remove(HttpHeaders.CONTENT_ENCODING);
  }
}
