package dev.ssekit.samples;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Response;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium on pages from other origins (other ports of 127.0.0.1) opening the
 * samples' ping stream with {@code new EventSource(url, {withCredentials: true})}, against a server
 * started as {@code serve --cors-origin <the listed page's origin>}.
 *
 * <p>Both pages and the server are on 127.0.0.1: cross-origin (another port) but same-site (cookies
 * ignore ports), so the session cookie the server set is a first-party {@code SameSite=Lax} cookie
 * that a credentialed request carries, with no third-party cookie rule in the way.
 */
class BrowserCorsTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final String COOKIE = "ssekit-session";

  @TempDir Path profile;
  private final String session = UUID.randomUUID().toString();
  private final List<SeenRequest> streamRequests = new CopyOnWriteArrayList<>();
  private OtherOriginPage listed;
  private OtherOriginPage unlisted;
  private SampleServer server;
  private WebDriver browser;

  /** A request for the ping stream, as the server saw it. */
  record SeenRequest(String origin, String cookie) {}

  /** Sets the session cookie, as a login page of the samples' site would. */
  @jakarta.ws.rs.Path("/test/login")
  public static final class Login {
    private final String session;

    Login(String session) {
      this.session = session;
    }

    @GET
    public Response login() {
      return Response.ok("logged in\n", "text/plain")
          .header("Set-Cookie", COOKIE + "=" + session + "; Path=/; HttpOnly; SameSite=Lax")
          .build();
    }
  }

  /** Records the {@code Origin} and {@code Cookie} of every request for the ping stream. */
  public final class StreamRequests implements ContainerRequestFilter {
    @Override
    public void filter(ContainerRequestContext request) {
      if (request.getUriInfo().getPath().equals("events") && request.getMethod().equals("GET")) {
        streamRequests.add(
            new SeenRequest(request.getHeaderString("Origin"), request.getHeaderString("Cookie")));
      }
    }
  }

  @BeforeEach
  void start() {
    Browser.assumeInstalled();
    listed = OtherOriginPage.start();
    unlisted = OtherOriginPage.start();
    server =
        SampleServer.start(
            new SampleServer.Config(0)
                .corsOrigins(listed.origin())
                .components(new Login(session), new StreamRequests()));
    browser = Browser.start(profile);
  }

  @AfterEach
  void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (server != null) {
      server.close();
    }
    if (listed != null) {
      listed.close();
    }
    if (unlisted != null) {
      unlisted.close();
    }
  }

  private String text(String id) {
    return browser.findElement(By.id(id)).getText();
  }

  @Test
  void aListedOriginsPageReceivesPingsAndTheServersCookieReachesTheStream() {
    browser.get(server.baseUri().resolve("test/login").toString());
    assertThat(browser.findElement(By.tagName("body")).getText()).isEqualTo("logged in");

    browser.get(listed.pageFor(server.baseUri().resolve("events")).toString());
    new WebDriverWait(browser, WAIT).until(d -> Integer.parseInt(text("pings")) >= 2);

    assertThat(text("state")).isEqualTo("open");
    assertThat(text("errors")).isEqualTo("0");
    assertThat(streamRequests)
        .as("the stream request came from the listed page's origin with the server's cookie")
        .contains(new SeenRequest(listed.origin(), COOKIE + "=" + session));
    assertThat(server.cors().refusedCount()).isZero();
  }

  @Test
  void anUnlistedOriginsPageGetsAnErrorAndNoEvents() {
    browser.get(unlisted.pageFor(server.baseUri().resolve("events")).toString());
    new WebDriverWait(browser, WAIT).until(d -> Integer.parseInt(text("errors")) >= 1);

    assertThat(text("pings")).isEqualTo("0");
    assertThat(text("state")).as("a failed CORS check is not retried").isEqualTo("closed");
    assertThat(streamRequests).extracting(SeenRequest::origin).contains(unlisted.origin());
    assertThat(server.cors().refusedCount()).isPositive();
  }
}
