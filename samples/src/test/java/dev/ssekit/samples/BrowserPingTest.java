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
}
