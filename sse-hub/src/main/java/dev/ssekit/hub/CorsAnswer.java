package dev.ssekit.hub;

import java.util.Map;

/**
 * What a {@link CorsPolicy} answers to one request: go on (with the response headers to add, if
 * any), or refuse. An adapter applies it in a few lines:
 *
 * <pre>{@code
 * CorsAnswer cors = hub.corsPolicy().check(origin, scheme, host);
 * if (cors.refused()) {
 *   // 403, Content-Type text/plain, body cors.reason(); no CORS header, nothing subscribed
 * } else {
 *   cors.headers().forEach(response::addHeader); // then subscribe as usual
 * }
 * }</pre>
 *
 * <p>Immutable.
 */
public final class CorsAnswer {
  static final CorsAnswer PROCEED = new CorsAnswer(Map.of(), null);

  private final Map<String, String> headers;
  private final String reason;

  private CorsAnswer(Map<String, String> headers, String reason) {
    this.headers = headers;
    this.reason = reason;
  }

  static CorsAnswer allow(Map<String, String> headers) {
    return new CorsAnswer(headers, null);
  }

  static CorsAnswer refuse(String reason) {
    return new CorsAnswer(Map.of(), reason);
  }

  /**
   * True if the request must be refused: answer {@code 403} with {@link #reason()} as plain text,
   * add no CORS header, and subscribe nothing.
   */
  public boolean refused() {
    return reason != null;
  }

  /**
   * Why the request is refused, one line fit for a plain-text body (any value the client sent is
   * shown as visible ASCII without markup); {@code null} unless {@link #refused()}.
   */
  public String reason() {
    return reason;
  }

  /**
   * The headers to add to the response, by name, in the order they are best sent; unmodifiable.
   * Empty when the request is refused, carries no {@code Origin}, comes from the server's own
   * origin, or the policy is {@link CorsPolicy#none()}.
   */
  public Map<String, String> headers() {
    return headers;
  }

  @Override
  public String toString() {
    return refused() ? "CorsAnswer{refused: " + reason + "}" : "CorsAnswer{" + headers + "}";
  }
}
