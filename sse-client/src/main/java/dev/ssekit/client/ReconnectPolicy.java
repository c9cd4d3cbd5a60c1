package dev.ssekit.client;

import java.time.Duration;
import java.util.Objects;

/**
 * When and how fast an event source reconnects.
 *
 * <p>The defaults follow the browser: after the stream ends or the network fails, reconnect after
 * the retry time (3 s until the server sends {@code retry:}). Consecutive failures double the delay,
 * with jitter, up to 30 s; a connection that stays open for a minute counts as healthy and resets
 * the count. A 204, any other non-200 status, or a wrong content type closes the source for good,
 * unless {@link Builder#retryServerErrors(boolean)} is set, which retries 5xx and 429 with backoff
 * and honours {@code Retry-After}.
 */
public final class ReconnectPolicy {
  private static final ReconnectPolicy DEFAULTS = builder().build();
  private static final ReconnectPolicy NEVER = builder().reconnect(false).build();

  private final boolean reconnect;
  private final Duration retry;
  private final Duration maxDelay;
  private final Duration healthyAfter;
  private final boolean retryServerErrors;

  private ReconnectPolicy(Builder b) {
    this.reconnect = b.reconnect;
    this.retry = b.retry;
    this.maxDelay = b.maxDelay;
    this.healthyAfter = b.healthyAfter;
    this.retryServerErrors = b.retryServerErrors;
  }

  /** Reconnect as browsers do, with backoff: retry 3 s, cap 30 s, healthy after 1 min. */
  public static ReconnectPolicy defaults() {
    return DEFAULTS;
  }

  /** Never reconnect: the source closes when the stream ends, and fails on a network error. */
  public static ReconnectPolicy never() {
    return NEVER;
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Whether the source reconnects at all. */
  public boolean reconnect() {
    return reconnect;
  }

  /** The reconnection time until the server sends {@code retry:}. */
  public Duration retry() {
    return retry;
  }

  /** The cap on a delay grown by consecutive failures (a larger server {@code retry} wins). */
  public Duration maxDelay() {
    return maxDelay;
  }

  /** How long a connection must stay open to reset the failure count. */
  public Duration healthyAfter() {
    return healthyAfter;
  }

  /** Whether 5xx and 429 responses are retried (with backoff and {@code Retry-After}). */
  public boolean retryServerErrors() {
    return retryServerErrors;
  }

  @Override
  public String toString() {
    return "ReconnectPolicy{reconnect="
        + reconnect
        + ", retry="
        + retry
        + ", maxDelay="
        + maxDelay
        + ", healthyAfter="
        + healthyAfter
        + ", retryServerErrors="
        + retryServerErrors
        + '}';
  }

  /** Builds a {@link ReconnectPolicy}. */
  public static final class Builder {
    private boolean reconnect = true;
    private Duration retry = Duration.ofSeconds(3);
    private Duration maxDelay = Duration.ofSeconds(30);
    private Duration healthyAfter = Duration.ofMinutes(1);
    private boolean retryServerErrors;

    private Builder() {}

    /** Whether to reconnect at all; default true. */
    public Builder reconnect(boolean reconnect) {
      this.reconnect = reconnect;
      return this;
    }

    /** The reconnection time until the server sends {@code retry:}; default 3 s. */
    public Builder retry(Duration retry) {
      this.retry = nonNegative(retry, "retry");
      return this;
    }

    /** The cap on delays grown by consecutive failures; default 30 s. */
    public Builder maxDelay(Duration maxDelay) {
      this.maxDelay = nonNegative(maxDelay, "maxDelay");
      return this;
    }

    /** How long a connection must stay open to reset the failure count; default 1 min. */
    public Builder healthyAfter(Duration healthyAfter) {
      this.healthyAfter = nonNegative(healthyAfter, "healthyAfter");
      return this;
    }

    /** Retry 5xx and 429 responses with backoff, honouring {@code Retry-After}; default false. */
    public Builder retryServerErrors(boolean retryServerErrors) {
      this.retryServerErrors = retryServerErrors;
      return this;
    }

    /** The policy. */
    public ReconnectPolicy build() {
      return new ReconnectPolicy(this);
    }

    private static Duration nonNegative(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isNegative()) {
        throw new IllegalArgumentException(name + " must not be negative: " + d);
      }
      return d;
    }
  }
}
