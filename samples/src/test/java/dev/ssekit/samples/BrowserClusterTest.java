package dev.ssekit.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ssekit.redis.RedisServerProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Two nodes sharing one real {@code redis-server}, behind a loopback TCP forwarder (the "load
 * balancer", no stickiness), and a real headless Chromium on the page through the forwarder:
 * closing the node the browser is on moves it to the other with nothing lost, nothing shown twice,
 * and no "left" or second "joined" for its user.
 */
class BrowserClusterTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir Path profile;
  private final BrowserChatTest.RequestLog requestsOnA = new BrowserChatTest.RequestLog();
  private final BrowserChatTest.RequestLog requestsOnB = new BrowserChatTest.RequestLog();
  private RedisServerProcess redis;
  private SampleServer a;
  private SampleServer b;
  private TcpForwarder balancer;
  private WebDriver browser;

  @BeforeEach
  void start() {
    Browser.assumeInstalled();
    redis = RedisServerProcess.start();
    a = SampleServer.start(new SampleServer.Config(0).redis(redis.uri()).components(requestsOnA));
    b = SampleServer.start(new SampleServer.Config(0).redis(redis.uri()).components(requestsOnB));
    // The forwarder prefers A while A accepts connections, so the browser starts on A.
    balancer = new TcpForwarder(List.of(a.baseUri(), b.baseUri()));
    browser = Browser.start(profile);
  }

  @AfterEach
  void stop() {
    Browser.stop(browser, balancer, a, b, redis);
  }

  @Test
  void closingTheBrowsersNodeMovesItToTheOtherWithNothingLostOrShownTwice() throws Exception {
    browser.get(balancer.uri().toString());
    join("alice");
    assertThat(requestsOnA.seen).contains("GET chat/events");
    assertThat(requestsOnB.seen).doesNotContain("GET chat/events");
    Http.say(b.baseUri(), "bob", "from B before the move");
    waitFor(
        "B's message on the page served by A", () -> texts().contains("from B before the move"));

    // bob keeps posting on B while A closes and the browser reconnects through the forwarder.
    List<String> accepted = new CopyOnWriteArrayList<>(List.of("from B before the move"));
    AtomicBoolean posting = new AtomicBoolean(true);
    CompletableFuture<Void> poster =
        CompletableFuture.runAsync(
            () -> {
              for (int i = 1; posting.get(); i++) {
                String text = "during the move " + i;
                try {
                  Http.say(b.baseUri(), "bob", text);
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
                accepted.add(text);
                try {
                  Thread.sleep(50); // a pace of about 20 messages a second, not a wait
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  return;
                }
              }
            });
    await().atMost(WAIT).until(() -> accepted.size() >= 3);
    a.close();
    int whenAClosed = accepted.size();
    waitFor("the browser to reconnect to B", () -> requestsOnB.seen.contains("GET chat/events"));
    int afterReconnect = accepted.size();
    assertThat(afterReconnect)
        .as("messages posted while the browser was away")
        .isGreaterThan(whenAClosed);
    await().atMost(WAIT).until(() -> accepted.size() >= afterReconnect + 3);
    posting.set(false);
    poster.get();
    Http.say(balancer.uri(), "bob", "through the forwarder after the move");
    accepted.add("through the forwarder after the move");

    waitFor(
        "every accepted message", () -> texts().contains("through the forwarder after the move"));
    assertThat(texts()).containsExactlyElementsOf(accepted);
    assertNoDuplicates();
    assertThat(browser.findElements(By.cssSelector("#chat-messages li.reset"))).isEmpty();

    // Once A's stream has gone from Redis, the sweep that would announce alice's departure has run.
    await()
        .atMost(WAIT)
        .until(
            () -> redis.run("ZCARD", RedisNode.KEY_PREFIX + "presence:streams:alice").equals("1"));
    Http.say(b.baseUri(), "bob", "sentinel");
    waitFor("the sentinel", () -> texts().contains("sentinel"));
    List<String> presence =
        lines().stream()
            .map(l -> (String) l.get("cls"))
            .filter(c -> c.contains("userconnect") || c.contains("userdisconnect"))
            .collect(Collectors.toList());
    assertThat(presence)
        .as("alice joined once and never left")
        .containsExactly("system userconnect");
  }

  private void join(String name) {
    browser.findElement(By.id("chat-username")).sendKeys(name);
    browser.findElement(By.id("chat-join-button")).click();
    waitFor(
        "the chat stream to open",
        () -> "open".equals(browser.findElement(By.id("chat-state")).getText()));
    waitFor(
        name + " joined",
        () ->
            lines().stream()
                .anyMatch(l -> ((String) l.get("shown")).endsWith(" " + name + " joined")));
  }

  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> lines() {
    return (List<Map<String, Object>>)
        ((JavascriptExecutor) browser)
            .executeScript(
                "return Array.from(document.querySelectorAll('#chat-messages li')).map(li => ({"
                    + " cls: li.className, id: li.dataset.id || '',"
                    + " text: li.dataset.text === undefined ? null : li.dataset.text,"
                    + " shown: li.textContent }));");
  }

  private List<String> texts() {
    List<String> texts = new ArrayList<>();
    for (Map<String, Object> line : lines()) {
      if ("usermessage".equals(line.get("cls"))) {
        texts.add((String) line.get("text"));
      }
    }
    return texts;
  }

  private void assertNoDuplicates() {
    assertThat(browser.findElements(By.cssSelector("#chat-messages li.duplicate"))).isEmpty();
    assertThat(lines())
        .extracting(l -> (String) l.get("id"))
        .filteredOn(id -> !id.isEmpty())
        .doesNotHaveDuplicates();
  }

  private void waitFor(String what, BooleanSupplier condition) {
    new WebDriverWait(browser, WAIT)
        .withMessage(() -> what + "; the chat shows " + lines())
        .until(d -> condition.getAsBoolean());
  }
}
