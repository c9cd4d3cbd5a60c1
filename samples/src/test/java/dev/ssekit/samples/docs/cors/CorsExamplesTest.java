package dev.ssekit.samples.docs.cors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ssekit.hub.CorsPolicy;
import dev.ssekit.hub.EventHub;
import dev.ssekit.jaxrs.HubStreams;
import dev.ssekit.samples.docs.hub.Closer;
import dev.ssekit.samples.docs.hub.JerseyServer;
import java.io.InputStream;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** docs/cors-http2-proxies.md: a hub's CORS policy, answered by Jersey on Grizzly. */
class CorsExamplesTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final String APP = "https://app.example.com";

  @RegisterExtension final Closer closer = new Closer();

  private EventHub hub;
  private JerseyServer server;

  @BeforeEach
  void start() {
    // begin-snippet: cors-policy
    EventHub hub =
        EventHub.builder()
            .cors(
                CorsPolicy.builder()
                    .allowOrigin("https://app.example.com") // repeat for each origin
                    .allowHeader("Authorization") // for fetch-based clients; optional
                    .build())
            .build();
    // end-snippet
    this.hub = closer.add(hub);
    server = closer.add(JerseyServer.start(new CorsStreamResource(hub)));
  }

  @Test
  void aListedOriginGetsItsStreamWithTheExactAnswer() throws Exception {
    HttpResponse<InputStream> stream = get(APP);
    try (InputStream body = stream.body()) {
      assertThat(stream.statusCode()).isEqualTo(200);
      HttpHeaders headers = stream.headers();
      assertThat(headers.firstValue("Access-Control-Allow-Origin")).hasValue(APP);
      assertThat(headers.firstValue("Access-Control-Allow-Credentials")).hasValue("true");
      assertThat(headers.allValues("Vary")).anyMatch(v -> v.contains("Origin"));
    }
  }

  @Test
  void anyOtherOriginIsRefusedWithoutCorsHeaders() throws Exception {
    for (String origin : new String[] {"https://evil.example", "null"}) {
      HttpResponse<InputStream> refused = get(origin);
      try (InputStream body = refused.body()) {
        assertThat(refused.statusCode()).as(origin).isEqualTo(403);
        assertThat(refused.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
      }
    }
    assertThat(hub.corsPolicy().refusedCount()).isEqualTo(2);
    assertThat(hub.subscriberCount()).isZero();
  }

  @Test
  void aRequestWithoutOriginIsServedAsWithoutAPolicy() throws Exception {
    HttpResponse<InputStream> stream = get(null);
    try (InputStream body = stream.body()) {
      assertThat(stream.statusCode()).isEqualTo(200);
      assertThat(stream.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }
  }

  @Test
  void aPreflightForListedHeadersIsAnswered() throws Exception {
    HttpResponse<String> allowed = preflight(APP, "authorization");
    assertThat(allowed.statusCode()).isEqualTo(204);
    assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue(APP);
    assertThat(allowed.headers().firstValue("Access-Control-Allow-Methods")).hasValue("GET");
    assertThat(allowed.headers().firstValue("Access-Control-Allow-Headers"))
        .hasValue("Last-Event-ID, Authorization");
    assertThat(allowed.headers().firstValue("Access-Control-Max-Age")).hasValue("600");

    HttpResponse<String> refused = preflight(APP, "x-other");
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
  }

  @Test
  void originsAreExact() {
    CorsPolicy.Builder policy = CorsPolicy.builder();
    for (String wrong : new String[] {"*", "null", "https://app.example.com/", "ftp://x.example"}) {
      assertThatThrownBy(() -> policy.allowOrigin(wrong))
          .as(wrong)
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(CorsPolicy.builder().allowOrigin("HTTPS://App.Example.com:443").build())
        .extracting(CorsPolicy::allowedOrigins)
        .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.COLLECTION)
        .containsExactly(APP);
  }

  @Test
  void theFormWithoutHeadersRefusesAHubWithAPolicy() {
    assertThatThrownBy(() -> HubStreams.open(hub, null)).isInstanceOf(IllegalStateException.class);
  }

  private HttpResponse<InputStream> get(String origin) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(server.uri("events")).timeout(WAIT);
    if (origin != null) {
      request.header("Origin", origin);
    }
    return JerseyServer.HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
  }

  private HttpResponse<String> preflight(String origin, String requestHeaders) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(server.uri("events"))
            .timeout(WAIT)
            .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
            .header("Origin", origin)
            .header("Access-Control-Request-Method", "GET")
            .header("Access-Control-Request-Headers", requestHeaders)
            .build();
    return JerseyServer.HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
