package dev.ssekit.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The page in a real headless Chromium: the ping part, and the node's live panel. */
class BrowserPingTest {
  @TempDir Path profile;
  private SampleServer server;
  private WebDriver browser;

  @BeforeEach
  void start() {
    Browser.assumeInstalled();
    server = SampleServer.start(0);
    browser = Browser.start(profile);
  }

  @AfterEach
  void stop() {
    Browser.stop(browser, server);
  }

  @Test
  void pageReceivesTypedPingEventsAndShowsTheirTime() {
    Instant before = Instant.now().minusSeconds(1);
    browser.get(server.baseUri().toString());
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    wait.until(d -> Integer.parseInt(d.findElement(By.id("ping-count")).getText()) >= 2);

    String shown = browser.findElement(By.id("ping-time")).getText();
    Instant time = Instant.parse(shown);
    assertThat(time).isAfter(before).isBefore(Instant.now().plusSeconds(1));
    assertThat(browser.findElement(By.id("ping-state")).getText()).isEqualTo("open");
  }

  private String shown(String figure) {
    return browser.findElement(By.id("stats-" + figure)).getText();
  }

  @Test
  void theOpenStatsPanelShowsTheNodesClientsAndSendRate() {
    browser.get(server.baseUri().toString());
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    assertThat(browser.findElement(By.id("stats-state")).getText()).isEqualTo("closed");

    browser.findElement(By.cssSelector("#stats summary")).click();
    // The page's ping stream is the node's one client; the panel's own stream is not counted.
    wait.until(d -> shown("clients").equals("1"));
    wait.until(
        d -> !shown("sentPerSecond").isEmpty() && Double.parseDouble(shown("sentPerSecond")) > 0);
    assertThat(shown("dropped")).isEqualTo("0");
    assertThat(browser.findElement(By.id("stats-state")).getText()).isEqualTo("open");

    // Closed, the panel closes its stream (the server notices at its next write to it).
    browser.findElement(By.cssSelector("#stats summary")).click();
    wait.until(d -> shown("state").equals("closed"));
  }
}
