package dev.ssekit.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code GET /metrics} in Prometheus's format and the panel's stream, over real HTTP, on both
 * servers.
 */
@ParameterizedClass
@EnumSource(Adapter.class)
class MetricsHttpTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @Parameter Adapter adapter;

  private SampleServer server;

  @BeforeEach
  void start() {
    server = SampleServer.start(adapter.config());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<String> scrape() throws IOException, InterruptedException {
    return Http.CLIENT.send(
        HttpRequest.newBuilder(server.baseUri().resolve("metrics")).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** The value of the one sample {@code series} (name and labels, as Prometheus writes them). */
  private double sample(String series) throws IOException, InterruptedException {
    String text = scrape().body();
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(text);
    assertThat(m.find()).as("%s in%n%s", series, text).isTrue();
    return Double.parseDouble(m.group(1));
  }

  private static boolean stats(RawStream.Block b, String containing) {
    return b.type().equals("stats") && b.data() != null && b.data().contains(containing);
  }

  /** A figure of a {@code stats} event's data, such as {@code "sentPerSecond":1.0}. */
  private static double figure(RawStream.Block b, String name) {
    Matcher m = Pattern.compile("\"" + name + "\":([-0-9.eE]+)").matcher(b.data());
    assertThat(m.find()).as("%s in %s", name, b.data()).isTrue();
    return Double.parseDouble(m.group(1));
  }

  @Test
  void metricsAreServedInPrometheusTextFormatAndCountRealStreams() throws Exception {
    HttpResponse<String> first = scrape();
    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(first.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/plain").contains("version=0.0.4"));
    assertThat(first.body()).contains("# TYPE ssekit_subscribers gauge");

    URI base = server.baseUri();
    try (RawStream pings = RawStream.open(base.resolve("events"));
        RawStream chat = RawStream.open(base.resolve("chat/events?username=ada"))) {
      pings.nextEvent("ping", WAIT);
      assertThat(sample("ssekit_subscribers{hub=\"ping\"}")).isEqualTo(1);
      assertThat(sample("ssekit_subscribers{hub=\"chat\"}")).isEqualTo(1);
      Http.say(base, "ada", "hello");
      chat.nextEvent("usermessage", WAIT);
      // The chat's events: ada's arrival and her message, at least.
      assertThat(sample("ssekit_events_published_total{hub=\"chat\"}")).isGreaterThanOrEqualTo(2);
      assertThat(sample("ssekit_events_published_total{hub=\"ping\"}")).isGreaterThanOrEqualTo(1);
      Awaitility.await()
          .atMost(WAIT)
          .until(() -> sample("ssekit_written_bytes_total{hub=\"chat\"}") > 0);
      assertThat(sample("ssekit_release_total{hub=\"chat\",reason=\"too_slow\"}")).isZero();
    }
  }

  @Test
  void thePanelsStreamSendsTheFiguresAndThenWhatChanges() throws Exception {
    URI base = server.baseUri();
    try (RawStream panel = RawStream.open(base.resolve("metrics/events"))) {
      // The panel's own stream counts in no figure.
      RawStream.Block stats = panel.nextEvent("stats", WAIT);
      assertThat(stats.data()).contains("\"clients\":0");
      try (RawStream pings = RawStream.open(base.resolve("events"))) {
        stats = panel.next("stats with one client", b -> stats(b, "\"clients\":1"), WAIT);
        assertThat(stats.data()).contains("\"dropped\":0");
        pings.nextEvent("ping", WAIT);
        panel.next(
            "a send rate above 0", b -> stats(b, "") && figure(b, "sentPerSecond") > 0, WAIT);
      }
    }
  }
}
