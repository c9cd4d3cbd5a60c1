package dev.ssekit.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
 * servers; every stream with a heartbeat each 200 ms of silence.
 */
@ParameterizedClass
@EnumSource(Adapter.class)
class MetricsHttpTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final Duration HEARTBEAT = Duration.ofMillis(200);

  @Parameter Adapter adapter;

  private SampleServer server;

  @BeforeEach
  void start() {
    server = SampleServer.start(adapter.config().heartbeat(HEARTBEAT));
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

  @Test
  void whileNoFigureChangesThePanelsStreamCarriesOnlyHeartbeats() throws Exception {
    try (RawStream panel = RawStream.open(server.baseUri().resolve("metrics/events"))) {
      panel.nextEvent("stats", WAIT); // the figures once, for the panel just opened
      // Each heartbeat follows 200 ms of silence: twelve of them span two of the figures' ticks
      // (one a second) at least, with nobody connected to the ping and chat streams.
      List<RawStream.Block> after = new ArrayList<>();
      int heartbeats = 0;
      while (heartbeats < 12) {
        RawStream.Block b = panel.poll(WAIT);
        assertThat(b).as("a block within %s, after %s", WAIT, after).isNotNull();
        assertThat(b).isNotSameAs(RawStream.END);
        after.add(b);
        heartbeats += b.isHeartbeat() ? 1 : 0;
      }
      assertThat(after).allMatch(RawStream.Block::isHeartbeat, "a heartbeat");
    }
  }

  @Test
  void thePanelShowsAClientThatStoppedReadingDropped() throws Exception {
    URI base = server.baseUri();
    try (RawStream panel = RawStream.open(base.resolve("metrics/events"));
        Socket stalled = stalledReader(base, "/chat/events")) {
      panel.next("stats with the stalled client", b -> stats(b, "\"clients\":1"), WAIT);
      assertThat(sample("ssekit_subscribers{hub=\"chat\"}")).isEqualTo(1);
      // Messages of 2000 four-byte characters, until the server gave up on the client: its socket
      // fills, then its queue in the hub (1 MiB) overflows, or a write outlasts 10 s.
      String text = "\uD83D\uDE00".repeat(Chat.MAX_TEXT);
      int posted = 0;
      while (posted < 5000 && (posted % 20 != 0 || dropped() == 0)) {
        Http.say(base, "flood", text);
        posted++;
      }
      assertThat(dropped()).as("released after %d messages", posted).isEqualTo(1);
      RawStream.Block stats =
          panel.next("stats with the client dropped", b -> stats(b, "\"dropped\":1"), WAIT);
      assertThat(stats.data()).contains("\"clients\":0");
    }
  }

  /** Clients released because they read too slowly, as {@code /metrics} counts them. */
  private double dropped() throws IOException, InterruptedException {
    return sample("ssekit_release_total{hub=\"chat\",reason=\"too_slow\"}")
        + sample("ssekit_release_total{hub=\"chat\",reason=\"write_timeout\"}");
  }

  /** A stream request on a socket that never reads, with a small receive window. */
  private static Socket stalledReader(URI base, String path) throws IOException {
    Socket stalled = new Socket();
    stalled.setReceiveBufferSize(4096); // before connecting, so that the window stays small
    stalled.connect(new InetSocketAddress(base.getHost(), base.getPort()));
    stalled
        .getOutputStream()
        .write(
            ("GET "
                    + path
                    + " HTTP/1.1\r\nHost: "
                    + base.getHost()
                    + "\r\nAccept: text/event-stream\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
    return stalled;
  }
}
