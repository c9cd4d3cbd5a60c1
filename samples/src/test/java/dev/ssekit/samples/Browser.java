package dev.ssekit.samples;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A real headless Chromium from the system packages, driven through its own chromedriver, so that
 * nothing is downloaded. Tests skip with a clear message where no browser is installed; CI installs
 * one.
 */
final class Browser {
  static final Path CHROMIUM = Path.of(System.getProperty("ssekit.chromium", "/usr/bin/chromium"));
  static final Path CHROMEDRIVER =
      Path.of(System.getProperty("ssekit.chromedriver", "/usr/bin/chromedriver"));

  private Browser() {}

  static void assumeInstalled() {
    boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    if (!present && "true".equals(System.getenv("CI"))) {
      throw new IllegalStateException(
          "CI must run the browser tests, but " + CHROMIUM + " or " + CHROMEDRIVER + " is missing");
    }
    Assumptions.assumeTrue(
        present,
        "browser tests skipped: install Debian's chromium and chromium-driver ("
            + CHROMIUM
            + ", "
            + CHROMEDRIVER
            + ")");
  }

  static WebDriver start(Path profileDir) {
    return start(profileDir, new String[0]);
  }

  /**
   * A browser started with extra Chromium switches, such as {@code --ignore-certificate-errors}
   * for a test's own self-signed server.
   */
  static WebDriver start(Path profileDir, String... extraArguments) {
    ChromeOptions options = new ChromeOptions();
    options.addArguments(extraArguments);
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--user-data-dir=" + profileDir.toAbsolutePath());
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
            .usingAnyFreePort()
            .build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
    return driver;
  }
}
