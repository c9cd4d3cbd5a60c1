/**
 * Typed Server-Sent Events on JAX-RS: {@code @SseEvent} objects as standard outbound events, and
 * the hub's streams served from Jersey resources.
 */
module dev.ssekit.jaxrs {
  requires transitive dev.ssekit.hub;
  requires transitive jakarta.ws.rs;
  requires org.glassfish.jersey.core.server;

  exports dev.ssekit.jaxrs;
}
