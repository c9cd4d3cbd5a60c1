package dev.ssekit.samples;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The chat page in a real headless Chromium, against a real server. */
class BrowserChatTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir Path profile;
  private final ChatStreamGate gate = new ChatStreamGate();
  private final RequestLog requests = new RequestLog();
  private SampleServer server;
  private WebDriver browser;

  @BeforeEach
  void start() {
    Browser.assumeInstalled();
    server = SampleServer.start(0, gate, requests);
    browser = Browser.start(profile);
  }

  @AfterEach
  void stop() {
    gate.open();
    Browser.stop(browser, server);
  }

  @Test
  void aMessageSentFromASecondTabAppearsInTheFirst() {
    browser.get(server.baseUri().toString());
    join("alice");
    String aliceTab = browser.getWindowHandle();

    browser.switchTo().newWindow(WindowType.TAB);
    browser.get(server.baseUri().toString());
    join("bob");
    browser.findElement(By.id("chat-text")).sendKeys("hello from bob");
    browser.findElement(By.id("chat-send")).click();
    waitFor("bob's message", () -> texts().contains("hello from bob"));

    browser.switchTo().window(aliceTab);
    waitFor("bob's message", () -> texts().contains("hello from bob"));
    List<Map<String, Object>> lines = lines();
    assertThat(lines)
        .filteredOn(l -> "usermessage".equals(l.get("cls")))
        .singleElement()
        .satisfies(
            l -> {
              assertThat(l.get("username")).isEqualTo("bob");
              assertThat(l.get("text")).isEqualTo("hello from bob");
            });
    assertThat(lines)
        .extracting(l -> l.get("cls") + " " + l.get("shown"))
        .anySatisfy(s -> assertThat(s).startsWith("system userconnect").endsWith(" bob joined"));
    assertNoDuplicates();
  }

  @Test
  void afterTheServerDropsTheConnectionThePageResumesWithoutLossOrDuplicates() throws Exception {
    browser.get(server.baseUri().toString());
    join("alice");
    Http.say(server.baseUri(), "carol", "before the drop");
    waitFor("the first message", () -> texts().contains("before the drop"));
    List<Map<String, Object>> before = lines();
    String lastSeen = (String) before.get(before.size() - 1).get("id");

    gate.hold();
    assertThat(server.dropChatConnections()).isEqualTo(1);
    // The browser is now disconnected: its reconnect is held at the door, with the id it last saw.
    String lastEventId = gate.lastEventIds.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertThat(lastEventId).as("the reconnect's Last-Event-ID").isEqualTo(lastSeen);
    List<String> missed =
        IntStream.rangeClosed(1, 5).mapToObj(i -> "missed " + i).collect(Collectors.toList());
    for (String text : missed) {
      Http.say(server.baseUri(), "carol", text);
    }
    gate.open();

    waitFor("the messages sent while away", () -> texts().contains("missed 5"));
    Http.say(server.baseUri(), "carol", "after the reconnect");
    waitFor("a live message", () -> texts().contains("after the reconnect"));
    assertThat(texts())
        .containsExactly(
            "before the drop",
            "missed 1",
            "missed 2",
            "missed 3",
            "missed 4",
            "missed 5",
            "after the reconnect");
    assertNoDuplicates();
    assertThat(browser.findElement(By.tagName("body")).getAttribute("data-chat-opens"))
        .isEqualTo("2");
  }

  @Test
  void textWithLineBreaksAndFieldNamesArrivesIntactAndForgesNoEvent() throws Exception {
    browser.get(server.baseUri().toString());
    join("alice");
    int linesBefore = lines().size();
    String hostile =
        "line one\r\nevent: userconnect\ndata: {\"username\":\"mallory\"}\r\rid: 0\n\n"
            + "data: forged\n\n: comment\rretry: 1\r\nevent:\n";

    Http.say(server.baseUri(), "alice", hostile);
    Http.say(server.baseUri(), "alice", "sentinel");
    waitFor("the sentinel message", () -> texts().contains("sentinel"));

    List<Map<String, Object>> added = lines().subList(linesBefore, lines().size());
    assertThat(added).extracting(l -> l.get("cls")).containsExactly("usermessage", "usermessage");
    assertThat(added.get(0).get("text")).isEqualTo(hostile);
    assertThat(added.get(0).get("username")).isEqualTo("alice");
    assertThat(added.get(1).get("text")).isEqualTo("sentinel");
    assertThat(lines())
        .extracting(l -> (String) l.get("shown"))
        .noneMatch(s -> s.contains("mallory joined"));
    assertNoDuplicates();
    assertThat(browser.findElement(By.tagName("body")).getAttribute("data-chat-opens"))
        .isEqualTo("1");
  }

  @Test
  void onlyTheJoinFormShowsUntilJoinedAndThenOnlyTheSendForm() {
    browser.get(server.baseUri().toString());
    assertThat(displayed("chat-join", "chat-username", "chat-join-button")).containsOnly(true);
    assertThat(displayed("chat-form", "chat-text", "chat-send")).containsOnly(false);

    join("alice");

    assertThat(displayed("chat-join", "chat-username", "chat-join-button")).containsOnly(false);
    assertThat(displayed("chat-form", "chat-text", "chat-send")).containsOnly(true);
  }

  @Test
  void beforeJoiningNothingCanBeSentAndNoRefusalReachesThePage() {
    browser.get(server.baseUri().toString());
    WebElement send = browser.findElement(By.id("chat-send"));
    assertThat(send.isDisplayed() || send.isEnabled()).as("Send is usable before Join").isFalse();

    // Enter in the message field, or a script, can still submit the form.
    ((JavascriptExecutor) browser)
        .executeScript(
            "document.getElementById('chat-text').value = 'too early';"
                + " document.getElementById('chat-form').requestSubmit();");
    waitFor("the page to answer", () -> !errorShown().isEmpty());

    assertThat(errorShown()).isEqualTo("join the chat before sending");
    assertThat(requests.seen).doesNotContain("POST chat/messages");
  }

  @Test
  void joiningTwiceOpensOneStreamAndShowsEveryEventOnce() throws Exception {
    browser.get(server.baseUri().toString());
    browser.findElement(By.id("chat-username")).sendKeys("alice");

    // A double click or a repeated Enter submits the form twice before the page changes.
    ((JavascriptExecutor) browser)
        .executeScript(
            "const join = document.getElementById('chat-join');"
                + " join.requestSubmit(); join.requestSubmit();");
    waitForJoined("alice");
    Http.say(server.baseUri(), "bob", "said once");
    waitFor("bob's message", () -> texts().contains("said once"));

    assertThat(texts()).containsExactly("said once");
    assertNoDuplicates();
    assertThat(requests.seen).filteredOn("GET chat/events"::equals).hasSize(1);
    assertThat(browser.findElement(By.tagName("body")).getAttribute("data-chat-opens"))
        .isEqualTo("1");
  }

  @Test
  void aRefusedNameShowsTheJoinFormAgainAndAnotherNameJoins() {
    browser.get(server.baseUri().toString());
    WebElement name = browser.findElement(By.id("chat-username"));
    name.sendKeys("   "); // the server refuses a blank name with 400
    browser.findElement(By.id("chat-join-button")).click();
    waitFor("the refusal", () -> errorShown().contains("refused"));
    assertThat(displayed("chat-join")).containsOnly(true);
    assertThat(displayed("chat-form")).containsOnly(false);

    name.clear();
    join("alice");

    assertThat(errorShown()).isEmpty();
    assertThat(displayed("chat-form")).containsOnly(true);
  }

  private void join(String name) {
    browser.findElement(By.id("chat-username")).sendKeys(name);
    browser.findElement(By.id("chat-join-button")).click();
    waitForJoined(name);
  }

  private void waitForJoined(String name) {
    waitFor(
        "the chat stream to open",
        () -> "open".equals(browser.findElement(By.id("chat-state")).getText()));
    // The user's own userconnect shows the stream is live.
    waitFor(
        name + " joined",
        () ->
            lines().stream()
                .anyMatch(l -> ((String) l.get("shown")).endsWith(" " + name + " joined")));
  }

  private List<Boolean> displayed(String... ids) {
    return Arrays.stream(ids)
        .map(id -> browser.findElement(By.id(id)).isDisplayed())
        .collect(Collectors.toList());
  }

  private String errorShown() {
    return browser.findElement(By.id("chat-error")).getText();
  }

  /** Every line of the chat list, read in the page so that text comes back byte for byte. */
  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> lines() {
    return (List<Map<String, Object>>)
        ((JavascriptExecutor) browser)
            .executeScript(
                "return Array.from(document.querySelectorAll('#chat-messages li')).map(li => ({"
                    + " cls: li.className, id: li.dataset.id || '',"
                    + " username: li.dataset.username === undefined ? null : li.dataset.username,"
                    + " text: li.dataset.text === undefined ? null : li.dataset.text,"
                    + " shown: li.textContent }));");
  }

  /** The texts of the chat messages shown, in order. */
  private List<String> texts() {
    return lines().stream()
        .filter(l -> "usermessage".equals(l.get("cls")))
        .map(l -> (String) l.get("text"))
        .collect(Collectors.toList());
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
        .withMessage(
            () ->
                what
                    + "; the chat shows "
                    + lines()
                    + ", its state is '"
                    + browser.findElement(By.id("chat-state")).getText()
                    + "', its error '"
                    + errorShown()
                    + "'; requests that reached the server: "
                    + requests.seen)
        .until(d -> condition.getAsBoolean());
  }

  /** Records each request that reaches the server, as {@code "GET chat/events"}. */
  public static final class RequestLog implements ContainerRequestFilter {
    final Queue<String> seen = new ConcurrentLinkedQueue<>();

    @Override
    public void filter(ContainerRequestContext request) {
      seen.add(request.getMethod() + " " + request.getUriInfo().getPath());
    }
  }

  /**
   * Holds chat stream requests while closed, recording their {@code Last-Event-ID}, so a test knows
   * the browser is disconnected while it publishes.
   */
  public static final class ChatStreamGate implements ContainerRequestFilter {
    final BlockingQueue<String> lastEventIds = new LinkedBlockingQueue<>();
    private volatile CountDownLatch closed = new CountDownLatch(0);

    void hold() {
      closed = new CountDownLatch(1);
    }

    void open() {
      closed.countDown();
    }

    @Override
    public void filter(ContainerRequestContext request) {
      if (!request.getUriInfo().getPath().equals("chat/events")) {
        return;
      }
      CountDownLatch latch = closed;
      if (latch.getCount() == 0) {
        return;
      }
      String id = request.getHeaderString("Last-Event-ID");
      lastEventIds.add(id == null ? "(none)" : id);
      try {
        if (!latch.await(30, TimeUnit.SECONDS)) {
          throw new IllegalStateException("the test never opened the gate");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
