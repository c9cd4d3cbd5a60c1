package dev.ssekit.hub;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Which other origins may open a hub's streams from a browser, with credentials ({@code new
 * EventSource(url, {withCredentials: true})}), and the exact CORS answers they get. A hub carries
 * one ({@link EventHub.Builder#cors(CorsPolicy)}) and every HTTP adapter applies the policy of the
 * hub whose topic it serves: to stream requests with {@link #check(String, String, String)}, and to
 * {@code OPTIONS} preflights with {@link #preflight(String, String, String, String, String)}. The
 * policy holds the logic; an adapter only reads the request's headers and writes the {@link
 * CorsAnswer}.
 *
 * <pre>{@code
 * EventHub hub = EventHub.builder()
 *     .cors(CorsPolicy.builder()
 *         .allowOrigin("https://app.example.com")
 *         .allowHeader("Authorization")   // for fetch-based clients
 *         .build())
 *     .build();
 * }</pre>
 *
 * <p><b>What a request gets.</b>
 *
 * <ul>
 *   <li>No {@code Origin} header (curl, a Java client, a browser's same-origin {@code
 *       EventSource}), or the server's own origin (the same scheme, host and port as the request's
 *       {@code Host}): nothing is added and nothing refused, as without a policy.
 *   <li>A listed origin: {@code Access-Control-Allow-Origin} with that exact origin, {@code
 *       Access-Control-Allow-Credentials: true} and {@code Vary: Origin}. Never {@code *}, which
 *       browsers refuse together with credentials.
 *   <li>Any other origin, the literal {@code null} included (sandboxed frames, {@code file:}
 *       pages): refused, to be answered {@code 403} with no CORS header and no subscription. The
 *       policy counts every refusal ({@link #refusedCount()}) and logs the first of each origin, at
 *       {@code INFO} on the {@code System.Logger} named after this class; it remembers a bounded
 *       number of origins, since the header is the client's to choose.
 * </ul>
 *
 * <p>A preflight ({@code OPTIONS} with {@code Origin} and {@code Access-Control-Request-Method})
 * from a listed origin, for a listed method and only listed request headers, gets {@code 204} with
 * the headers above plus {@code Access-Control-Allow-Methods}, {@code Access-Control-Allow-Headers}
 * ({@code Last-Event-ID} and the application's headers) and {@code Access-Control-Max-Age}. Any
 * other preflight is refused. Browsers preflight a stream only when it sends more than a plain GET:
 * a fetch-based client's {@code Authorization} header, a JSON body, or a {@code Last-Event-ID} it
 * sets itself.
 *
 * <p>{@link #none()}, a hub's default, adds nothing and refuses nothing, so that a browser on
 * another origin cannot read the stream (it finds no {@code Access-Control-Allow-Origin}) while
 * every other client is served as before.
 *
 * <p>The configuration is immutable; the refusal count and the origins already logged are the
 * policy's only state. Thread-safe. A policy shared by several hubs counts their refusals together.
 */
public final class CorsPolicy {
  /** The request header every preflight may ask for: an {@code EventSource} resuming sends it. */
  public static final String LAST_EVENT_ID = "Last-Event-ID";

  /** The default {@link Builder#maxAge(Duration)}. */
  private static final Duration DEFAULT_MAX_AGE = Duration.ofMinutes(10);

  private static final CorsPolicy NONE = new CorsPolicy(null);

  private final Set<String> origins;
  private final Set<String> headerNames;
  private final Set<String> methods;
  private final Set<String> lowerCaseHeaders;
  private final Map<String, String> preflightHeaders;
  private final long maxAgeSeconds;
  private final CorsRefusals refusals = new CorsRefusals();

  private CorsPolicy(Builder b) {
    if (b == null) {
      origins = Set.of();
      headerNames = Set.of();
      methods = Set.of();
      lowerCaseHeaders = Set.of();
      preflightHeaders = Map.of();
      maxAgeSeconds = 0;
      return;
    }
    origins = Collections.unmodifiableSet(new LinkedHashSet<>(b.origins));
    headerNames = Collections.unmodifiableSet(new LinkedHashSet<>(b.headers));
    methods = Collections.unmodifiableSet(new LinkedHashSet<>(b.methods));
    Set<String> lower = new LinkedHashSet<>();
    for (String h : headerNames) {
      lower.add(h.toLowerCase(Locale.ROOT));
    }
    lowerCaseHeaders = Collections.unmodifiableSet(lower);
    maxAgeSeconds = b.maxAge.toSeconds();
    Map<String, String> preflight = new LinkedHashMap<>();
    preflight.put("Access-Control-Allow-Methods", String.join(", ", methods));
    preflight.put("Access-Control-Allow-Headers", String.join(", ", headerNames));
    preflight.put("Access-Control-Max-Age", Long.toString(maxAgeSeconds));
    preflightHeaders = Collections.unmodifiableMap(preflight);
  }

  /**
   * No policy, a hub's default: every request proceeds and nothing is added, so browsers keep other
   * origins from reading streams and every other client is served as before.
   */
  public static CorsPolicy none() {
    return NONE;
  }

  /** A builder for a policy that allows no other origin until told; GET only; max age 10 min. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Decides on a request that opens a stream (a {@code GET}, or a {@code POST} for a POST stream),
   * before anything is subscribed. Counts and logs a refusal; see the class description.
   *
   * @param origin the request's {@code Origin} header; {@code null} when it has none
   * @param scheme the scheme the request came in on, {@code "http"} or {@code "https"}, to tell the
   *     server's own origin; {@code null} if unknown
   * @param host the request's {@code Host} header ({@code host[:port]}), to tell the server's own
   *     origin; {@code null} if absent
   * @return proceed, with the headers to add (empty for a request that is not cross-origin), or
   *     refuse
   */
  public CorsAnswer check(String origin, String scheme, String host) {
    if (this == NONE || origin == null || Origins.isSameOrigin(origin, scheme, host)) {
      return CorsAnswer.PROCEED;
    }
    if (!origins.contains(origin)) {
      return refuse(origin, refusalOf(origin));
    }
    return CorsAnswer.allow(allowed(origin, Map.of()));
  }

  /**
   * Decides on an {@code OPTIONS} request. A preflight (one with {@code Origin} and {@code
   * Access-Control-Request-Method}) from a listed origin, for a listed method and listed request
   * headers only, gets the headers of a {@code 204} answer; any other preflight is refused (counted
   * and logged as {@link #check} does). An {@code OPTIONS} request that is no preflight, or comes
   * from the server's own origin, proceeds with nothing added.
   *
   * @param origin the request's {@code Origin} header; {@code null} when it has none
   * @param scheme the scheme the request came in on, as for {@link #check}
   * @param host the request's {@code Host} header, as for {@link #check}
   * @param requestMethod the {@code Access-Control-Request-Method} header; {@code null} when absent
   * @param requestHeaders the {@code Access-Control-Request-Headers} header, a comma-separated list
   *     of names in any case; {@code null} when absent
   */
  public CorsAnswer preflight(
      String origin, String scheme, String host, String requestMethod, String requestHeaders) {
    if (this == NONE
        || origin == null
        || requestMethod == null
        || Origins.isSameOrigin(origin, scheme, host)) {
      return CorsAnswer.PROCEED;
    }
    if (!origins.contains(origin)) {
      return refuse(origin, "preflight refused: " + refusalOf(origin));
    }
    if (!methods.contains(requestMethod)) {
      return refuse(origin, notAllowed("method", requestMethod, methods));
    }
    if (requestHeaders != null) {
      for (String name : requestHeaders.split(",", -1)) {
        String trimmed = name.strip();
        if (!trimmed.isEmpty() && !lowerCaseHeaders.contains(trimmed.toLowerCase(Locale.ROOT))) {
          return refuse(origin, notAllowed("request header", trimmed, headerNames));
        }
      }
    }
    return CorsAnswer.allow(allowed(origin, preflightHeaders));
  }

  /** How many requests this policy refused since it was built. */
  public long refusedCount() {
    return refusals.count();
  }

  /** The allowed origins, as browsers send them; unmodifiable, empty for {@link #none()}. */
  public Set<String> allowedOrigins() {
    return origins;
  }

  @Override
  public String toString() {
    if (this == NONE) {
      return "CorsPolicy{none}";
    }
    return "CorsPolicy{origins="
        + origins
        + ", methods="
        + methods
        + ", headers="
        + headerNames
        + ", maxAge="
        + maxAgeSeconds
        + "s}";
  }

  private static String refusalOf(String origin) {
    return origin.equals("null")
        ? "the null origin is never allowed to open a stream"
        : "this origin is not allowed to open this stream";
  }

  private static String notAllowed(String what, String asked, Set<String> allowed) {
    return "preflight refused: "
        + what
        + " "
        + Origins.shown(asked)
        + " is not allowed for cross-origin streams (allowed: "
        + String.join(", ", allowed)
        + ")";
  }

  private CorsAnswer refuse(String origin, String reason) {
    refusals.refused(origin, reason);
    return CorsAnswer.refuse(reason);
  }

  private static Map<String, String> allowed(String origin, Map<String, String> more) {
    Map<String, String> headers = new LinkedHashMap<>(4 + more.size() * 2);
    headers.put("Access-Control-Allow-Origin", origin);
    headers.put("Access-Control-Allow-Credentials", "true");
    headers.put("Vary", "Origin");
    headers.putAll(more);
    return Collections.unmodifiableMap(headers);
  }

  /** Configures a {@link CorsPolicy}. */
  public static final class Builder {
    private final List<String> origins = new ArrayList<>();
    private final Set<String> headers = new LinkedHashSet<>(List.of(LAST_EVENT_ID));
    private final Set<String> methods = new LinkedHashSet<>(List.of("GET"));
    private Duration maxAge = DEFAULT_MAX_AGE;

    private Builder() {}

    /**
     * Allows {@code origin} to open streams with credentials. It is written as browsers send it,
     * {@code scheme://host[:port]}: scheme and host are lower-cased and a default port ({@code
     * :443} for https, {@code :80} for http) dropped, so that it compares exactly with the {@code
     * Origin} header.
     *
     * @param origin {@code http://} or {@code https://}, then an ASCII host name (an IDN in its
     *     {@code xn--} form), an IPv4 address or a bracketed IPv6 address, and an optional port
     * @throws IllegalArgumentException for {@code "null"}, {@code "*"}, another scheme, a path
     *     (even a trailing {@code /}), a query, user info, or a malformed host or port
     */
    public Builder allowOrigin(String origin) {
      Objects.requireNonNull(origin, "origin");
      origins.add(Origins.normalize(origin));
      return this;
    }

    /**
     * Allows every origin in {@code origins}, as {@link #allowOrigin(String)} does.
     *
     * @throws IllegalArgumentException if one is not a valid origin; none is added then
     */
    public Builder allowOrigins(Iterable<String> origins) {
      Objects.requireNonNull(origins, "origins");
      List<String> checked = new ArrayList<>();
      for (String origin : origins) {
        checked.add(Origins.normalize(Objects.requireNonNull(origin, "origin")));
      }
      this.origins.addAll(checked);
      return this;
    }

    /**
     * Lets a preflight ask for request header {@code name} beyond {@link CorsPolicy#LAST_EVENT_ID},
     * for example {@code Authorization} for a fetch-based client, or {@code Content-Type} for a
     * POST stream with a JSON body. Names match ignoring case.
     *
     * @throws IllegalArgumentException if {@code name} is not an HTTP header name (a token), or is
     *     {@code *}, which is no wildcard for requests with credentials
     */
    public Builder allowHeader(String name) {
      Objects.requireNonNull(name, "name");
      if (name.equals("*")) {
        throw new IllegalArgumentException(
            "\"*\" is no wildcard for requests with credentials; list each header");
      }
      if (!isToken(name)) {
        throw new IllegalArgumentException("not an HTTP header name: \"" + name + "\"");
      }
      for (String present : headers) {
        if (present.equalsIgnoreCase(name)) {
          return this;
        }
      }
      headers.add(name);
      return this;
    }

    /**
     * Lets a preflight ask for {@code method} besides {@code GET}: {@code "POST"}, for streams
     * opened by a POST.
     *
     * @throws IllegalArgumentException for anything but {@code "GET"} or {@code "POST"}
     */
    public Builder allowMethod(String method) {
      Objects.requireNonNull(method, "method");
      if (!method.equals("GET") && !method.equals("POST")) {
        throw new IllegalArgumentException(
            "a stream is opened with GET or POST, got: \"" + method + "\"");
      }
      methods.add(method);
      return this;
    }

    /**
     * How long a browser may cache a preflight's answer ({@code Access-Control-Max-Age}, whole
     * seconds); default 10 minutes. Browsers cap it (Chromium at 2 hours).
     *
     * @throws IllegalArgumentException if it is negative
     */
    public Builder maxAge(Duration maxAge) {
      Objects.requireNonNull(maxAge, "maxAge");
      if (maxAge.isNegative()) {
        throw new IllegalArgumentException("maxAge must not be negative: " + maxAge);
      }
      this.maxAge = maxAge;
      return this;
    }

    /** The policy. With no origin allowed it refuses every cross-origin request. */
    public CorsPolicy build() {
      return new CorsPolicy(this);
    }

    private static boolean isToken(String s) {
      if (s.isEmpty()) {
        return false;
      }
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        boolean ok =
            (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
        if (!ok) {
          return false;
        }
      }
      return true;
    }
  }
}
