package dev.ssekit.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.ssekit.hub.contract.LogCapture;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The CORS policy's decisions, without HTTP: which origins it takes, what each kind of request
 * gets, and how refusals are counted and logged. The adapters' tests show the same answers on the
 * wire.
 */
class CorsPolicyTest {
  private static final String APP = "https://app.example.com";

  /** The policy's logger; held here because JUL keeps loggers weakly. */
  private static final Logger LOG = Logger.getLogger(CorsPolicy.class.getName());

  private final LogCapture capture = new LogCapture();
  private final List<LogRecord> logged = capture.records;

  @BeforeEach
  void captureLog() {
    LOG.addHandler(capture);
    LOG.setUseParentHandlers(false); // hundreds of expected refusals would flood the build's output
  }

  @AfterEach
  void releaseLog() {
    LOG.removeHandler(capture);
    LOG.setUseParentHandlers(true);
  }

  private static CorsPolicy policy() {
    return CorsPolicy.builder()
        .allowOrigin(APP)
        .allowOrigin("http://127.0.0.1:8081")
        .allowHeader("Authorization")
        .build();
  }

  @Test
  void originsAreTakenAsBrowsersSendThem() {
    CorsPolicy p =
        CorsPolicy.builder()
            .allowOrigin("HTTPS://App.Example.COM:443")
            .allowOrigin("http://localhost:80")
            .allowOrigin("http://[::1]:8080")
            .allowOrigins(List.of("https://xn--bcher-kva.example:8443"))
            .build();
    assertThat(p.allowedOrigins())
        .containsExactly(
            "https://app.example.com",
            "http://localhost",
            "http://[::1]:8080",
            "https://xn--bcher-kva.example:8443");
  }

  @Test
  void refusesOriginsThatNameNoOneOrEveryone() {
    CorsPolicy.Builder b = CorsPolicy.builder();
    assertThatThrownBy(() -> b.allowOrigin("null"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"null\" origin is never allowed");
    assertThatThrownBy(() -> b.allowOrigin("*"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("list each origin");
    for (String bad :
        List.of(
            "https://app.example.com/",
            "https://app.example.com/path",
            "https://app.example.com?q",
            "https://app.example.com#f")) {
      assertThatThrownBy(() -> b.allowOrigin(bad), bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("no path, query or trailing slash");
    }
    for (String bad :
        List.of(
            "app.example.com",
            "ftp://app.example.com",
            "chrome-extension://abc",
            "https://",
            "https://user@app.example.com",
            "https://app.example.com:0",
            "https://app.example.com:65536",
            "https://app.example.com:",
            "https://app.example.com:8x",
            "https://bücher.example",
            "https://[::1",
            "https://[zz]")) {
      assertThatThrownBy(() -> b.allowOrigin(bad), bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(bad);
    }
    assertThatThrownBy(() -> b.allowOrigins(List.of(APP, "null")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(b.build().allowedOrigins()).as("nothing added by the failed calls").isEmpty();
  }

  @Test
  void refusesHeadersAndMethodsItCannotAnswerFor() {
    CorsPolicy.Builder b = CorsPolicy.builder();
    assertThatThrownBy(() -> b.allowHeader("*")).hasMessageContaining("no wildcard");
    assertThatThrownBy(() -> b.allowHeader("X Bad")).hasMessageContaining("not an HTTP header");
    assertThatThrownBy(() -> b.allowHeader("")).hasMessageContaining("not an HTTP header");
    assertThatThrownBy(() -> b.allowMethod("PUT")).hasMessageContaining("GET or POST");
    assertThatThrownBy(() -> b.allowMethod("post")).hasMessageContaining("GET or POST");
    assertThatThrownBy(() -> b.maxAge(Duration.ofSeconds(-1))).hasMessageContaining("negative");
  }

  @Test
  void anAllowedOriginGetsItsOwnOriginEchoedWithCredentialsAndVary() {
    CorsAnswer answer = policy().check(APP, "https", "api.example.com");
    assertThat(answer.refused()).isFalse();
    assertThat(answer.reason()).isNull();
    assertThat(answer.headers())
        .containsExactly(
            entry("Access-Control-Allow-Origin", APP),
            entry("Access-Control-Allow-Credentials", "true"),
            entry("Vary", "Origin"));
  }

  @Test
  void requestsWithoutOriginOrFromTheServersOwnOriginProceedWithNothingAdded() {
    CorsPolicy p = policy();
    assertThat(p.check(null, "https", "api.example.com").headers()).isEmpty();
    assertThat(p.check("https://api.example.com", "https", "api.example.com").refused()).isFalse();
    assertThat(p.check("https://api.example.com", "https", "API.example.com:443").headers())
        .isEmpty();
    assertThat(p.check("http://127.0.0.1:9000", "http", "127.0.0.1:9000").headers()).isEmpty();
    assertThat(p.check("http://[::1]:9000", "http", "[::1]:9000").headers()).isEmpty();
    assertThat(p.refusedCount()).isZero();
  }

  @Test
  void anotherSchemeHostOrPortIsNotTheServersOwnOrigin() {
    CorsPolicy p = policy();
    assertThat(p.check("http://api.example.com", "https", "api.example.com").refused()).isTrue();
    assertThat(p.check("https://api.example.com:8443", "https", "api.example.com").refused())
        .isTrue();
    assertThat(p.check("https://evil.example.com", "https", "api.example.com").refused()).isTrue();
    assertThat(p.check("https://api.example.com", null, "api.example.com").refused()).isTrue();
    assertThat(p.check("https://api.example.com", "https", null).refused()).isTrue();
    assertThat(p.check("https://api.example.com", "https", "api.example.com/x").refused()).isTrue();
    assertThat(p.refusedCount()).isEqualTo(6);
  }

  @Test
  void otherOriginsAndTheNullOriginAreRefusedWithoutHeaders() {
    CorsPolicy p = policy();
    CorsAnswer other = p.check("https://evil.example", "https", "api.example.com");
    assertThat(other.refused()).isTrue();
    assertThat(other.headers()).isEmpty();
    assertThat(other.reason()).isEqualTo("this origin is not allowed to open this stream");
    CorsAnswer sandboxed = p.check("null", "https", "api.example.com");
    assertThat(sandboxed.refused()).isTrue();
    assertThat(sandboxed.headers()).isEmpty();
    assertThat(sandboxed.reason()).contains("null origin is never allowed");
    // Matching is exact, as the header is: a browser never sends another spelling.
    assertThat(p.check("https://APP.example.com", "https", "api.example.com").refused()).isTrue();
    assertThat(p.check(APP + "/", "https", "api.example.com").refused()).isTrue();
    assertThat(p.check(APP + " " + APP, "https", "api.example.com").refused()).isTrue();
    assertThat(p.refusedCount()).isEqualTo(5);
  }

  @Test
  void aPolicyWithNoOriginRefusesEveryOtherOrigin() {
    CorsPolicy p = CorsPolicy.builder().build();
    assertThat(p.check(APP, "https", "api.example.com").refused()).isTrue();
    assertThat(p.check("https://api.example.com", "https", "api.example.com").refused()).isFalse();
  }

  @Test
  void noPolicyAddsNothingAndRefusesNothing() {
    CorsPolicy none = CorsPolicy.none();
    assertThat(none.check("null", "https", "api.example.com")).isSameAs(none.check(APP, "", ""));
    assertThat(none.check("null", "https", "api.example.com").refused()).isFalse();
    assertThat(none.check(APP, "https", "api.example.com").headers()).isEmpty();
    assertThat(none.preflight(APP, "https", "h", "PUT", "x-anything").headers()).isEmpty();
    assertThat(none.refusedCount()).isZero();
    try (EventHub hub = EventHub.builder().build()) {
      assertThat(hub.corsPolicy()).isSameAs(none);
    }
  }

  @Test
  void aHubCarriesItsPolicyAndItsTopicsLeadBackToIt() {
    CorsPolicy p = policy();
    try (EventHub hub = EventHub.builder().cors(p).build()) {
      assertThat(hub.corsPolicy()).isSameAs(p);
      assertThat(hub.topic("room").hub()).isSameAs(hub);
      assertThat(hub.topic(EventHub.DEFAULT_TOPIC).hub().corsPolicy()).isSameAs(p);
    }
    assertThatThrownBy(() -> EventHub.builder().cors(null))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void anAllowedPreflightGetsMethodsHeadersAndMaxAge() {
    CorsPolicy p =
        CorsPolicy.builder()
            .allowOrigin(APP)
            .allowHeader("Authorization")
            .allowHeader("authorization")
            .allowHeader("Content-Type")
            .allowMethod("POST")
            .maxAge(Duration.ofMinutes(2))
            .build();
    CorsAnswer answer =
        p.preflight(APP, "https", "api.example.com", "POST", "authorization, last-event-id,");
    assertThat(answer.refused()).isFalse();
    assertThat(answer.headers())
        .containsExactly(
            entry("Access-Control-Allow-Origin", APP),
            entry("Access-Control-Allow-Credentials", "true"),
            entry("Vary", "Origin"),
            entry("Access-Control-Allow-Methods", "GET, POST"),
            entry("Access-Control-Allow-Headers", "Last-Event-ID, Authorization, Content-Type"),
            entry("Access-Control-Max-Age", "120"));
    assertThat(p.preflight(APP, "https", "api.example.com", "GET", null).refused()).isFalse();
    assertThat(policy().preflight(APP, "https", "h", "GET", "").headers())
        .containsEntry("Access-Control-Allow-Methods", "GET")
        .containsEntry("Access-Control-Allow-Headers", "Last-Event-ID, Authorization")
        .containsEntry("Access-Control-Max-Age", "600");
  }

  @Test
  void aPreflightForAnotherOriginMethodOrHeaderIsRefused() {
    CorsPolicy p = policy();
    CorsAnswer origin = p.preflight("https://evil.example", "https", "h", "GET", null);
    assertThat(origin.refused()).isTrue();
    assertThat(origin.headers()).isEmpty();
    assertThat(origin.reason())
        .isEqualTo("preflight refused: this origin is not allowed to open this stream");

    CorsAnswer method = p.preflight(APP, "https", "h", "POST", null);
    assertThat(method.reason())
        .isEqualTo(
            "preflight refused: method POST is not allowed for cross-origin streams (allowed:"
                + " GET)");
    assertThat(method.headers()).isEmpty();

    CorsAnswer header = p.preflight(APP, "https", "h", "GET", "last-event-id,x-secret");
    assertThat(header.reason())
        .isEqualTo(
            "preflight refused: request header x-secret is not allowed for cross-origin streams"
                + " (allowed: Last-Event-ID, Authorization)");
    assertThat(p.preflight("null", "https", "h", "GET", null).refused()).isTrue();
    assertThat(p.refusedCount()).isEqualTo(4);
  }

  @Test
  void optionsRequestsThatAreNoPreflightProceedWithNothingAdded() {
    CorsPolicy p = policy();
    assertThat(p.preflight(null, "https", "h", "GET", null)).isSameAs(CorsAnswer.PROCEED);
    assertThat(p.preflight(APP, "https", "h", null, "x-secret")).isSameAs(CorsAnswer.PROCEED);
    assertThat(p.preflight("https://h", "https", "h", "PUT", null)).isSameAs(CorsAnswer.PROCEED);
    assertThat(p.refusedCount()).isZero();
  }

  @Test
  void logsTheFirstRefusalOfEachOriginOnly() {
    CorsPolicy p = policy();
    for (int i = 0; i < 50; i++) {
      p.check("https://evil.example", "https", "h");
      p.preflight("https://evil.example", "https", "h", "GET", null);
      p.check("https://other.example", "https", "h");
    }
    assertThat(p.refusedCount()).isEqualTo(150);
    assertThat(logged)
        .extracting(r -> r.getParameters()[0])
        .containsExactly("https://evil.example", "https://other.example");
    assertThat(logged.get(0).getParameters()[1])
        .isEqualTo("this origin is not allowed to open this stream");
    assertThat(logged.get(0).getMessage()).startsWith("CORS: refused origin {0}: {1}");
  }

  @Test
  void remembersABoundedNumberOfOriginsAndSaysWhenItStopsLogging() {
    CorsPolicy p = policy();
    int origins = CorsRefusals.MAX_LOGGED_ORIGINS + 100;
    for (int i = 0; i < origins; i++) {
      p.check("https://o" + i + ".example", "https", "h");
    }
    assertThat(p.refusedCount()).isEqualTo(origins);
    assertThat(logged).hasSize(CorsRefusals.MAX_LOGGED_ORIGINS + 1);
    assertThat(logged.get(CorsRefusals.MAX_LOGGED_ORIGINS).getMessage())
        .contains("counted but not logged");
    p.check("https://o0.example", "https", "h");
    assertThat(logged).as("a remembered origin stays quiet").hasSize(origins - 100 + 1);
  }

  @Test
  void showsWhatAClientSentAsHarmlessText() {
    CorsPolicy p = policy();
    String hostile = "https://evil.example\r\nINFO: forged <script>" + "x".repeat(500);
    assertThat(p.check(hostile, "https", "h").reason()).doesNotContain("evil", "<");
    assertThat((String) logged.get(0).getParameters()[0])
        .startsWith("https://evil.example??INFO:?forged??script?")
        .doesNotContain("\r", "\n", "<", ">")
        .hasSize(101);
    CorsAnswer header = p.preflight(APP, "https", "h", "GET", "x-<b>");
    assertThat(header.reason()).contains("x-?b?").doesNotContain("<");
  }

  @Test
  void answersAreImmutable() {
    Map<String, String> headers = policy().check(APP, "https", "h").headers();
    assertThatThrownBy(() -> headers.put("Access-Control-Allow-Origin", "*"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> policy().allowedOrigins().add("https://evil.example"))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
