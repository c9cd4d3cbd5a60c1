package dev.ssekit.hub;

import java.security.Principal;
import java.util.Objects;
import java.util.function.Function;

/**
 * What a client asked for when it subscribes to a topic through an HTTP adapter: its {@code
 * Last-Event-ID}, and the principal and headers a {@link TopicAuthorizer} decides on. Adapters
 * build it from their framework's request.
 */
public final class SubscribeRequest {
  private static final SubscribeRequest ANONYMOUS = new Builder().build();

  private final String lastEventId;
  private final Principal principal;
  private final Function<String, String> headers;

  private SubscribeRequest(Builder b) {
    this.lastEventId = b.lastEventId;
    this.principal = b.principal;
    this.headers = b.headers;
  }

  /** A request with no {@code Last-Event-ID}, no principal and no headers. */
  public static SubscribeRequest anonymous() {
    return ANONYMOUS;
  }

  /** A builder for a request with nothing set. */
  public static Builder builder() {
    return new Builder();
  }

  /** The client's {@code Last-Event-ID}, or {@code null} for a new client. */
  public String lastEventId() {
    return lastEventId;
  }

  /** The authenticated user, or {@code null} when the request is not authenticated. */
  public Principal principal() {
    return principal;
  }

  /**
   * The value of the request header {@code name} (matched ignoring case, as HTTP does), or {@code
   * null} when it is absent. A repeated header yields what the adapter's framework gives for it,
   * usually its values joined with commas.
   */
  public String header(String name) {
    Objects.requireNonNull(name, "name");
    return headers.apply(name);
  }

  @Override
  public String toString() {
    return "SubscribeRequest{lastEventId="
        + lastEventId
        + ", principal="
        + (principal == null ? null : principal.getName())
        + "}";
  }

  /** Builds a {@link SubscribeRequest}. */
  public static final class Builder {
    private String lastEventId;
    private Principal principal;
    private Function<String, String> headers = name -> null;

    private Builder() {}

    /** The client's {@code Last-Event-ID}; {@code null} or empty for a new client. */
    public Builder lastEventId(String lastEventId) {
      this.lastEventId = lastEventId == null || lastEventId.isEmpty() ? null : lastEventId;
      return this;
    }

    /** The authenticated user; {@code null} for none. */
    public Builder principal(Principal principal) {
      this.principal = principal;
      return this;
    }

    /**
     * Looks up request headers by name, ignoring case, returning {@code null} for an absent one;
     * for example {@code httpHeaders::getHeaderString} in JAX-RS.
     */
    public Builder headers(Function<String, String> headers) {
      this.headers = Objects.requireNonNull(headers, "headers");
      return this;
    }

    /** The request. */
    public SubscribeRequest build() {
      return new SubscribeRequest(this);
    }
  }
}
