package dev.ssekit.jaxrs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ssekit.hub.CorsPolicy;
import dev.ssekit.hub.EventHub;
import dev.ssekit.hub.contract.CorsEndpointContract;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * What is particular to {@link HubStreams} about a hub's {@link CorsPolicy}; what every adapter
 * does is in {@link CorsEndpointContract} ({@link JerseyCorsEndpointTest}).
 */
class CorsStreamsTest {
  @Test
  void theFormWithoutHeadersRefusesToServeAHubWithAPolicy() throws Exception {
    EventHub hub =
        EventHub.builder()
            .cors(CorsPolicy.builder().allowOrigin("http://app.test:8080").build())
            .build();
    try (TestServer server = TestServer.serving(hub, subscription -> {})) {
      HttpResponse<String> r =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(server.uri("hub/events"))
                      .header("Origin", "http://app.test:8080")
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(500);
      assertThat(hub.subscriberCount()).isZero();
    } finally {
      hub.close();
    }
  }
}
