package dev.ssekit.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The page with 12 {@code EventSource}s to one origin ({@code streams.html}) in a real headless
 * Chromium: over HTTP/2 ({@code serve --tls}) all 12 receive events; over HTTP/1.1 ({@code serve
 * --servlet}) the browser's limit of 6 connections per origin leaves 6 of them connecting.
 */
class BrowserStreamsTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final int STREAMS = 12;
  private static final int HTTP1_CONNECTIONS_PER_ORIGIN = 6;

  @TempDir Path profile;
  private SampleServer server;
  private WebDriver browser;

  @AfterEach
  void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void overHttp2AllTwelveStreamsOpenAndReceiveEvents() {
    Browser.assumeInstalled();
    server = SampleServer.start(new SampleServer.Config(0).tls());
    // Only for this test's own self-signed server.
    browser = Browser.start(profile, "--ignore-certificate-errors");

    browser.get(server.baseUri().resolve("streams.html").toString());

    new WebDriverWait(browser, WAIT)
        .withMessage(() -> "all " + STREAMS + " streams open with events: " + states())
        .until(d -> streams().stream().allMatch(s -> isOpen(s) && events(s) >= 1));
    assertThat(protocol()).isEqualTo("h2");
    assertThat(streams()).hasSize(STREAMS);
  }

  @Test
  void overHttp11SixStreamsOpenAndTheOtherSixStayConnecting() {
    Browser.assumeInstalled();
    server = SampleServer.start(new SampleServer.Config(0).servlet());
    browser = Browser.start(profile);

    browser.get(server.baseUri().resolve("streams.html").toString());

    // Two events each: the open streams have been connected for over a second, time enough for
    // any other stream that could connect to have done so.
    new WebDriverWait(browser, WAIT)
        .withMessage(() -> HTTP1_CONNECTIONS_PER_ORIGIN + " streams with 2 events: " + states())
        .until(
            d ->
                streams().stream().filter(s -> isOpen(s) && events(s) >= 2).count()
                    == HTTP1_CONNECTIONS_PER_ORIGIN);
    List<Map<String, Object>> streams = streams();
    assertThat(protocol()).isEqualTo("http/1.1");
    assertThat(streams).hasSize(STREAMS);
    assertThat(streams)
        .as(states())
        .filteredOn(s -> s.get("state").equals("connecting"))
        .hasSize(STREAMS - HTTP1_CONNECTIONS_PER_ORIGIN)
        .allSatisfy(s -> assertThat(events(s)).isZero());
  }

  private Map<String, Object> snapshot() {
    @SuppressWarnings("unchecked")
    Map<String, Object> states =
        (Map<String, Object>)
            ((JavascriptExecutor) browser).executeScript("return window.streamStates();");
    return states;
  }

  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> streams() {
    return (List<Map<String, Object>>) snapshot().get("streams");
  }

  private String protocol() {
    return (String) snapshot().get("protocol");
  }

  private String states() {
    return streams().stream()
        .map(s -> s.get("state") + "/" + s.get("events"))
        .collect(Collectors.joining(" "));
  }

  private static boolean isOpen(Map<String, Object> stream) {
    return stream.get("state").equals("open");
  }

  private static long events(Map<String, Object> stream) {
    return ((Number) stream.get("events")).longValue();
  }
}
