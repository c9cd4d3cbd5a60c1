package dev.ssekit.client;

/**
 * What a stream sends when it reconnects, for streams opened with a method other than GET (see
 * {@link EventSource.Builder#reconnectWith}). Every reconnect sends the headers again, and {@code
 * Last-Event-ID} once the stream has seen an id.
 */
public enum ReconnectRequest {
  /**
   * The same method and body again. Right for a request without side effects; wrong for one that
   * starts work, such as a POST that starts an LLM generation, which a re-POST would start again.
   */
  SAME,
  /**
   * A GET to the same URL, without a body, with {@code Last-Event-ID}: the server resumes the
   * stream that the first request started. This is how MCP's Streamable HTTP transport resumes a
   * POST's response stream.
   */
  GET
}
