package dev.ssekit.samples;

import dev.ssekit.core.json.JsonWriter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** The JDK's HttpClient, as the tests use it against a running {@link SampleServer}. */
final class Http {
  static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private Http() {}

  /** {@code {"username": username, "text": text}}, written by core's JSON writer. */
  static String message(String username, String text) {
    return new JsonWriter()
        .beginObject()
        .name("username")
        .value(username)
        .name("text")
        .value(text)
        .endObject()
        .toString();
  }

  static HttpResponse<String> post(URI base, String contentType, byte[] body)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(base.resolve("chat/messages"))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    return CLIENT.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  static HttpResponse<String> post(URI base, String json) throws IOException, InterruptedException {
    return post(base, "application/json", json.getBytes(StandardCharsets.UTF_8));
  }

  /** Posts a message that must be accepted. */
  static void say(URI base, String username, String text) throws IOException, InterruptedException {
    HttpResponse<String> response = post(base, message(username, text));
    if (response.statusCode() != 200) {
      throw new AssertionError("POST failed: " + response.statusCode() + " " + response.body());
    }
  }
}
