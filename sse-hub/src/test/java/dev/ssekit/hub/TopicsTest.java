package dev.ssekit.hub;

import static dev.ssekit.hub.TestHubs.WAIT;
import static dev.ssekit.hub.TestHubs.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ssekit.core.ServerSentEvent;
import dev.ssekit.core.SseEncoder;
import dev.ssekit.hub.contract.MemorySink;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * Named topics through {@link EventHub} and {@link Topic}: isolation, replay that never crosses
 * topics (tested as an attack), authorization, names, the cost of idle topics, the replay-to-live
 * join under load, and what a shared log may do that the in-memory one never does.
 */
class TopicsTest {
  private final MutableClock clock = new MutableClock();
  @AutoClose private final TestHubs hubs = new TestHubs();

  /** A hub on the test's clock with decimal ids, so a test knows every id in advance. */
  private EventHub hub(EventHub.Builder b) {
    return hubs.build(b.clock(clock).ids(EventIdGenerator.sequence()));
  }

  private EventHub hub() {
    return hub(EventHub.builder());
  }

  private static MemorySink subscribe(Topic topic, String lastEventId) {
    MemorySink sink = new MemorySink();
    topic.subscribe(sink, lastEventId);
    return sink;
  }

  private static ServerSentEvent reset(String id) {
    return ServerSentEvent.of(EventHub.RESET_EVENT_TYPE, id);
  }

  private static List<String> data(MemorySink sink) {
    List<String> data = new ArrayList<>();
    for (ServerSentEvent e : sink.events()) {
      data.add(e.data());
    }
    return data;
  }

  private static String text(MemorySink sink) {
    return new String(sink.received(), StandardCharsets.UTF_8);
  }

  // --- isolation ---------------------------------------------------------------------------------

  @Test
  void topicsHaveTheirOwnEventsIdsAndSubscribers() {
    EventHub hub = hub();
    Topic a = hub.topic("a");
    Topic b = hub.topic("b");
    MemorySink onA = subscribe(a, null);
    MemorySink onA2 = subscribe(a, null);
    MemorySink onB = subscribe(b, null);
    MemorySink onDefault = new MemorySink();
    hub.subscribe(onDefault, null);
    assertThat(a.subscriberCount()).isEqualTo(2);
    assertThat(b.subscriberCount()).isEqualTo(1);
    assertThat(hub.topic(EventHub.DEFAULT_TOPIC).subscriberCount()).isEqualTo(1);
    assertThat(hub.topic("c").subscriberCount()).isZero();
    assertThat(hub.subscriberCount()).isEqualTo(4);

    List<String> aIds = new ArrayList<>();
    List<String> bIds = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      aIds.add(a.publish(ServerSentEvent.of("a" + i)));
      if (i % 2 == 0) {
        bIds.add(b.publish(ServerSentEvent.of("b" + i)));
      }
    }
    String defaultId = hub.publish(ServerSentEvent.of("d"));
    // Own ids in the topic's own order: one generator for the hub, but each topic sees its ids
    // only.
    assertThat(aIds).containsExactly("1", "2", "4", "5", "7");
    assertThat(bIds).containsExactly("3", "6");

    await().until(() -> onA.events().size() == 5 && onA2.events().size() == 5);
    await().until(() -> onB.events().size() == 2 && onDefault.events().size() == 1);
    assertThat(data(onA)).containsExactly("a1", "a2", "a3", "a4", "a5");
    assertThat(onA.ids()).isEqualTo(aIds);
    assertThat(onA2.ids()).isEqualTo(aIds);
    assertThat(data(onB)).containsExactly("b2", "b4");
    assertThat(onB.ids()).isEqualTo(bIds);
    assertThat(data(onDefault)).containsExactly("d");
    assertThat(onDefault.ids()).containsExactly(defaultId);

    // Publishing to one topic reaches no subscriber of another, even much later.
    a.publish(ServerSentEvent.of("a6"));
    await().until(() -> onA.events().size() == 6);
    b.publish(ServerSentEvent.of("b-last"));
    await().until(() -> onB.events().size() == 3);
    assertThat(data(onB)).containsExactly("b2", "b4", "b-last");
    assertThat(data(onDefault)).containsExactly("d");
  }

  @Test
  void eachTopicHasItsOwnReplayWindow() {
    EventHub hub = hub(EventHub.builder().replayWindow(3, Duration.ofMinutes(1)));
    Topic a = hub.topic("a");
    Topic b = hub.topic("b");
    String b1 = b.publish(ServerSentEvent.of("b1"));
    String b2 = b.publish(ServerSentEvent.of("b2"));
    for (int i = 1; i <= 10; i++) {
      a.publish(ServerSentEvent.of("a" + i)); // would push b's events out of a shared window
    }
    MemorySink resumedB = subscribe(b, b1);
    await().until(() -> resumedB.events().size() == 1);
    assertThat(data(resumedB)).containsExactly("b2");
    assertThat(resumedB.ids()).containsExactly(b2);

    // a's window holds its own last three only (ids 10 to 12).
    MemorySink resumedA = subscribe(a, "9");
    await().until(() -> resumedA.events().size() == 1);
    assertThat(resumedA.events().get(0)).isEqualTo(reset("9"));
  }

  @Test
  void theSameOwnIdMayBeUsedOnTwoTopicsAndEachReplaysItsOwn() {
    EventHub hub = hub();
    Topic a = hub.topic("a");
    Topic b = hub.topic("b");
    for (String id : List.of("x", "y")) {
      a.publish(ServerSentEvent.builder().id(id).data("a-" + id).build());
      b.publish(ServerSentEvent.builder().id(id).data("b-" + id).build());
    }
    MemorySink onB = subscribe(b, "x");
    await().until(() -> onB.events().size() == 1);
    assertThat(data(onB)).containsExactly("b-y");
  }

  // --- the attack: a Last-Event-ID from another topic
  // ---------------------------------------------

  /**
   * A client of topic B presents ids it saw (or guessed) on topic A. The ids of both topics come
   * from one counter and interleave, so a log that compared ids by number, or looked them up in one
   * shared window, would replay B's or A's events. It must get B's reset event, never A's events.
   */
  @Test
  void anIdFromAnotherTopicOfAnyAgeGetsTheResetEventAndNeverThatTopicsEvents() {
    EventHub hub = hub(EventHub.builder().replayWindow(4, Duration.ofSeconds(30)));
    Topic a = hub.topic("a");
    Topic b = hub.topic("b");
    List<String> aIds = new ArrayList<>();
    for (int i = 1; i <= 8; i++) {
      aIds.add(a.publish(ServerSentEvent.of("secret-a" + i)));
      if (i % 3 == 0) {
        b.publish(ServerSentEvent.of("b" + i));
      }
    }
    // B has 4 and 8; A's window holds 6 7 9 10, and 1 2 3 5 were pushed out of it.
    assertThat(aIds).containsExactly("1", "2", "3", "5", "6", "7", "9", "10");
    // Control: on A itself an id in its window does replay A's events.
    MemorySink control = subscribe(a, "7");
    await().until(() -> control.events().size() == 2);
    assertThat(data(control)).containsExactly("secret-a7", "secret-a8");

    List<String> presented = new ArrayList<>(aIds);
    String guessed = "11"; // the id A's next event will get
    presented.add(guessed);
    List<MemorySink> attackers = new ArrayList<>();
    for (String id : presented) {
      attackers.add(subscribe(b, id));
    }
    // Later: A's window ages out but its latest id stays known on A; present them all again.
    clock.advance(Duration.ofSeconds(31));
    for (String id : presented) {
      attackers.add(subscribe(b, id));
    }
    assertThat(a.publish(ServerSentEvent.of("secret-a-after"))).isEqualTo(guessed);
    b.publish(ServerSentEvent.of("b-after"));
    for (int k = 0; k < attackers.size(); k++) {
      MemorySink attacker = attackers.get(k);
      String id = presented.get(k % presented.size());
      await().until(() -> attacker.events().size() == 2);
      assertThat(attacker.events().get(0)).as("presented %s", id).isEqualTo(reset(id));
      assertThat(data(attacker)).as("presented %s", id).containsExactly(id, "b-after");
      assertThat(text(attacker)).as("presented %s", id).doesNotContain("secret");
    }
    // And a client that comes back later with the guessed id, now an id of A's, fares no better.
    MemorySink late = subscribe(b, guessed);
    await().until(() -> late.events().size() == 1);
    assertThat(late.events().get(0)).isEqualTo(reset(guessed));
    assertThat(late.lastEventId()).as("the id-only block of B's latest").isEqualTo("12");
    assertThat(text(late)).doesNotContain("secret");
  }

  @Test
  void anIdFromTheDefaultTopicIsUnknownOnANamedOneAndTheOtherWayRound() {
    EventHub hub = hub();
    Topic named = hub.topic("named");
    String defaultId = hub.publish(ServerSentEvent.of("secret-default"));
    hub.publish(ServerSentEvent.of("secret-default-2"));
    String namedId = named.publish(ServerSentEvent.of("secret-named"));
    named.publish(ServerSentEvent.of("secret-named-2"));

    MemorySink onNamed = subscribe(named, defaultId);
    MemorySink onDefault = new MemorySink();
    hub.subscribe(onDefault, namedId);
    await().until(() -> onNamed.events().size() == 1 && onDefault.events().size() == 1);
    assertThat(onNamed.events()).containsExactly(reset(defaultId));
    assertThat(onDefault.events()).containsExactly(reset(namedId));
    assertThat(text(onNamed)).doesNotContain("secret");
    assertThat(text(onDefault)).doesNotContain("secret");
  }

  // --- authorization
  // -------------------------------------------------------------------------------

  @Test
  void theDefaultAuthorizerAllowsTheDefaultTopicOnly() {
    EventHub hub = hub();
    MemorySink allowed = new MemorySink();
    hub.topic(EventHub.DEFAULT_TOPIC).subscribe(SubscribeRequest.anonymous(), allowed, null);
    hub.publish(ServerSentEvent.of("hello"));
    await().until(() -> allowed.events().size() == 1);

    Topic room = hub.topic("room");
    room.publish(ServerSentEvent.of("private"));
    MemorySink refused = new MemorySink();
    AtomicInteger onClose = new AtomicInteger();
    assertThatThrownBy(
            () ->
                room.subscribe(
                    SubscribeRequest.anonymous(), refused, s -> onClose.incrementAndGet()))
        .isInstanceOf(TopicAccessDeniedException.class)
        .hasMessageContaining("\"room\"")
        .satisfies(e -> assertThat(((TopicAccessDeniedException) e).topic()).isEqualTo("room"));
    assertNothingSubscribed(hub, 1, room, refused, onClose);
  }

  /** Nothing of a refused subscription exists, and nothing of it arrives later either. */
  private static void assertNothingSubscribed(
      EventHub hub, int liveTopics, Topic topic, MemorySink refused, AtomicInteger onClose) {
    assertThat(topic.subscriberCount()).isZero();
    assertThat(hub.liveTopicCount()).as("no fan-out for the refused topic").isEqualTo(liveTopics);
    // Let the hub's threads run everything they may have been given, then look again.
    MemorySink probe = subscribe(topic, null);
    topic.publish(ServerSentEvent.of("probe"));
    await().until(() -> probe.events().size() == 1);
    assertThat(refused.writes()).isZero();
    assertThat(refused.closes()).isZero();
    assertThat(onClose.get()).isZero();
  }

  @Test
  void aCustomAuthorizerSeesTheTopicPrincipalAndHeaders() {
    List<String> seen = new CopyOnWriteArrayList<>();
    List<String> looked = new CopyOnWriteArrayList<>();
    EventHub hub =
        hub(
            EventHub.builder()
                .topicAuthorizer(
                    (topic, request) -> {
                      String user =
                          request.principal() == null ? null : request.principal().getName();
                      String token = request.header("x-room-token");
                      seen.add(topic + " " + user + " " + token);
                      return user != null && topic.equals("user-" + user) && "t0ken".equals(token);
                    }));
    Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.put("X-Room-Token", "t0ken");
    Principal ada = () -> "ada";
    SubscribeRequest adaRequest =
        SubscribeRequest.builder()
            .principal(ada)
            .headers(
                name -> {
                  looked.add(name);
                  return headers.get(name);
                })
            .build();
    assertThat(adaRequest.principal()).isSameAs(ada);

    MemorySink own = new MemorySink();
    Subscription s = hub.topic("user-ada").subscribe(adaRequest, own, null);
    assertThat(s.isOpen()).isTrue();
    assertThat(hub.topic("user-ada").subscriberCount()).isEqualTo(1);
    assertThat(seen).containsExactly("user-ada ada t0ken");
    assertThat(looked)
        .as("the name as the authorizer asked, for the lookup to match")
        .containsExactly("x-room-token");

    AtomicInteger onClose = new AtomicInteger();
    MemorySink other = new MemorySink();
    assertThatThrownBy(
            () ->
                hub.topic("user-bob").subscribe(adaRequest, other, x -> onClose.incrementAndGet()))
        .isInstanceOf(TopicAccessDeniedException.class);
    MemorySink anonymous = new MemorySink();
    assertThatThrownBy(
            () -> hub.topic("user-ada").subscribe(SubscribeRequest.anonymous(), anonymous, null))
        .isInstanceOf(TopicAccessDeniedException.class);
    assertThat(seen)
        .containsExactly("user-ada ada t0ken", "user-bob ada t0ken", "user-ada null null");
    assertThat(hub.topic("user-ada").subscriberCount()).isEqualTo(1);
    assertNothingSubscribed(hub, 2, hub.topic("user-bob"), other, onClose);
    assertThat(anonymous.writes()).isZero();

    hub.topic("user-ada").publish(ServerSentEvent.of("for ada"));
    await().until(() -> own.events().size() == 1);
  }

  @Test
  void refusalComesBeforeTheLastEventIdIsLookedAtAndAnAuthorizerThatThrowsSubscribesNothing() {
    EventHub hub =
        hub(
            EventHub.builder()
                .topicAuthorizer(
                    (topic, request) -> {
                      if (topic.equals("broken")) {
                        throw new IllegalStateException("directory down");
                      }
                      return topic.equals("open");
                    }));
    Topic open = hub.topic("open");
    String id = open.publish(ServerSentEvent.of("x"));
    SubscribeRequest badId = SubscribeRequest.builder().lastEventId("bad\u0001id").build();
    SubscribeRequest knownId = SubscribeRequest.builder().lastEventId(id).build();
    MemorySink sink = new MemorySink();
    AtomicInteger onClose = new AtomicInteger();

    // A refused client learns nothing, not even that its id is malformed, or known.
    assertThatThrownBy(
            () -> hub.topic("closed").subscribe(badId, sink, s -> onClose.incrementAndGet()))
        .isInstanceOf(TopicAccessDeniedException.class);
    assertThatThrownBy(
            () -> hub.topic("closed").subscribe(knownId, sink, s -> onClose.incrementAndGet()))
        .isInstanceOf(TopicAccessDeniedException.class);
    assertThatThrownBy(
            () -> hub.topic("broken").subscribe(knownId, sink, s -> onClose.incrementAndGet()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("directory down");
    // An allowed client with a malformed id is told so, and nothing is subscribed either.
    assertThatThrownBy(() -> open.subscribe(badId, sink, s -> onClose.incrementAndGet()))
        .isInstanceOf(InvalidLastEventIdException.class);
    assertThat(hub.subscriberCount()).isZero();
    assertNothingSubscribed(hub, 1, hub.topic("closed"), sink, onClose);
    assertThat(open.subscriberCount()).isZero();
  }

  @Test
  void theTrustedSubscribeDoesNotAskTheAuthorizer() {
    AtomicInteger asked = new AtomicInteger();
    EventHub hub =
        hub(
            EventHub.builder()
                .topicAuthorizer(
                    (topic, request) -> {
                      asked.incrementAndGet();
                      return false;
                    }));
    Topic room = hub.topic("room");
    MemorySink trusted = subscribe(room, null);
    MemorySink trustedToo = new MemorySink();
    room.subscribe(trustedToo, null, null);
    MemorySink onDefault = new MemorySink();
    hub.subscribe(onDefault, null, null);
    room.publish(ServerSentEvent.of("x"));
    await().until(() -> trusted.events().size() == 1 && trustedToo.events().size() == 1);
    assertThat(asked.get()).isZero();
    assertThat(hub.subscriberCount()).isEqualTo(3);
  }

  // --- names and handles
  // -----------------------------------------------------------------------------

  @Test
  void invalidTopicNamesAreRefusedWithAClearMessage() {
    EventHub hub = hub();
    assertThatThrownBy(() -> hub.topic(""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("a topic name has 1 to 200 characters");
    assertThatThrownBy(() -> hub.topic("x".repeat(201)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("a topic name has 1 to 200 characters");
    for (String bad :
        List.of(
            "two words",
            "tab\there",
            "nul\u0000",
            "line\nbreak",
            "del\u007f",
            "caf\u00e9",
            "\u00a0")) {
      assertThatThrownBy(() -> hub.topic(bad))
          .as("%s", bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("a topic name is visible ASCII")
          .hasMessageContaining("invalid character U+");
    }
    assertThatThrownBy(() -> hub.topic("two words")).hasMessageContaining("U+0020 at index 3");
    assertThatThrownBy(() -> hub.topic(null)).isInstanceOf(NullPointerException.class);
    assertThat(hub.topic("x".repeat(200)).name()).hasSize(200);
    assertThat(hub.topic("user:ada/notifications").name()).isEqualTo("user:ada/notifications");
    assertThat(hub.liveTopicCount()).as("naming a topic creates nothing").isEqualTo(1);
  }

  @Test
  void theTopicNamedDefaultIsTheHubsOwnStream() {
    EventHub hub = hub();
    Topic byName = hub.topic(EventHub.DEFAULT_TOPIC);
    assertThat(EventHub.DEFAULT_TOPIC).isEqualTo("default");
    assertThat(byName.name()).isEqualTo("default");
    MemorySink viaTopic = subscribe(byName, null);
    MemorySink viaHub = new MemorySink();
    hub.subscribe(viaHub, null);
    assertThat(hub.topic("default").subscriberCount()).isEqualTo(2);
    String first = hub.publish(ServerSentEvent.of("via hub"));
    byName.publish(ServerSentEvent.of("via topic"));
    await().until(() -> viaTopic.events().size() == 2 && viaHub.events().size() == 2);
    assertThat(data(viaTopic)).containsExactly("via hub", "via topic");
    assertThat(data(viaHub)).containsExactly("via hub", "via topic");
    MemorySink resumed = subscribe(byName, first);
    await().until(() -> resumed.events().size() == 1);
    assertThat(data(resumed)).containsExactly("via topic");
  }

  @Test
  void topicHandlesAreEqualByHubAndName() {
    EventHub hub = hub();
    EventHub other = hub();
    assertThat(hub.topic("a")).isEqualTo(hub.topic("a")).hasSameHashCodeAs(hub.topic("a"));
    assertThat(hub.topic("a")).isNotEqualTo(hub.topic("b"));
    assertThat(hub.topic("a")).isNotEqualTo(other.topic("a"));
    assertThat(hub.topic("default")).isEqualTo(hub.topic(EventHub.DEFAULT_TOPIC));
    assertThat(hub.topic("a")).hasToString("Topic{a}");
    assertThat(hub.topic("a")).isNotEqualTo("a");
  }

  // --- idle topics cost nothing
  // ----------------------------------------------------------------------

  @Test
  void tenThousandIdleTopicsAreForgottenOnceTheirWindowsExpire() {
    EventHub hub = hub(EventHub.builder().replayWindow(10, Duration.ofMinutes(1)));
    int n = 10_000;
    List<String> ids = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Topic t = hub.topic("t" + i);
      ids.add(t.publish(ServerSentEvent.of("once")));
      t.subscribe(new MemorySink(), null).close();
    }
    MemoryLog log = (MemoryLog) hub.eventLog();
    await().until(() -> hub.liveTopicCount() == 1);
    assertThat(hub.subscriberCount()).isZero();
    assertThat(log.windowCount()).as("the windows still hold their events").isEqualTo(n + 1);

    clock.advance(Duration.ofSeconds(61));
    hub.runHousekeeping();
    assertThat(log.windowCount()).as("only the default topic's").isEqualTo(1);
    assertThat(hub.liveTopicCount()).isEqualTo(1);

    // A client resuming on a forgotten topic gets the reset event, and no stale id.
    MemorySink resumed = subscribe(hub.topic("t42"), ids.get(42));
    await().until(() -> resumed.events().size() == 1);
    assertThat(resumed.events()).containsExactly(reset(ids.get(42)));
    assertThat(resumed.lastEventId()).isEmpty();
    hub.topic("t42").publish(ServerSentEvent.of("again"));
    await().until(() -> resumed.events().size() == 2);
    assertThat(data(resumed)).containsExactly(ids.get(42), "again");
  }

  // --- the replay-to-live join under load --------------------------------------------------------

  /**
   * Two threads publish to one topic flat out while clients join with Last-Event-IDs spread over
   * the window. Each must receive exactly the published events after its id: no gap, no duplicate
   * where its replay meets the live events.
   */
  @Test
  void joinsWhilePublishersRunFlatOutMissNothingAndRepeatNothing() throws Exception {
    for (long seed = 1; seed <= 3; seed++) {
      Random random = new Random(seed);
      EventHub hub =
          hub(
              EventHub.builder()
                  .replayWindow(100_000, Duration.ofHours(1))
                  .maxQueued(1_000_000, 1L << 30));
      Topic topic = hub.topic("busy");
      Topic noise = hub.topic("noise"); // another topic's publishing takes ids too
      int seeded = 200;
      int perPublisher = 1500;
      ConcurrentLinkedQueue<String> published = new ConcurrentLinkedQueue<>();
      for (int i = 0; i < seeded; i++) {
        String id = topic.publish(ServerSentEvent.of("seed"));
        published.add(id);
      }
      CountDownLatch go = new CountDownLatch(1);
      List<Thread> publishers = new ArrayList<>();
      for (int p = 0; p < 2; p++) {
        Thread t =
            new Thread(
                () -> {
                  try {
                    go.await();
                  } catch (InterruptedException e) {
                    return;
                  }
                  for (int i = 0; i < perPublisher; i++) {
                    String id = topic.publish(ServerSentEvent.of("live"));
                    published.add(id);
                    if (i % 100 == 0) {
                      noise.publish(ServerSentEvent.of("noise"));
                    }
                  }
                });
        t.setDaemon(true);
        t.start();
        publishers.add(t);
      }
      go.countDown();
      List<MemorySink> sinks = new ArrayList<>();
      List<String> from = new ArrayList<>();
      for (int k = 0; k < 30; k++) {
        // Any id published so far is in the window: spread the joins over all of it.
        List<String> sofar = new ArrayList<>(published);
        String last = k % 10 == 9 ? null : sofar.get(random.nextInt(sofar.size()));
        sinks.add(subscribe(topic, last));
        from.add(last);
        if (random.nextBoolean()) {
          Thread.yield();
        }
      }
      for (Thread t : publishers) {
        t.join(WAIT.toMillis());
        assertThat(t.isAlive()).isFalse();
      }
      List<String> all = new ArrayList<>(published);
      all.sort((x, y) -> Long.compare(Long.parseLong(x), Long.parseLong(y)));
      assertThat(all).hasSize(seeded + 2 * perPublisher).doesNotHaveDuplicates();
      String latest = all.get(all.size() - 1);
      for (int k = 0; k < sinks.size(); k++) {
        MemorySink sink = sinks.get(k);
        String last = from.get(k);
        await().until(() -> latest.equals(sink.lastEventId()));
        List<String> got = sink.ids();
        if (last != null) {
          List<String> expected = all.subList(all.indexOf(last) + 1, all.size());
          assertThat(got).as("seed %d, joiner %d after %s", seed, k, last).isEqualTo(expected);
        } else {
          // A new client starts after the id-only block it was given: a contiguous tail (empty
          // if it joined after the last event).
          if (!got.isEmpty()) {
            List<String> expected = all.subList(all.indexOf(got.get(0)), all.size());
            assertThat(got).as("seed %d, joiner %d, new", seed, k).isEqualTo(expected);
          }
        }
        assertThat(sink.events())
            .extracting(ServerSentEvent::type)
            .doesNotContain(EventHub.RESET_EVENT_TYPE);
      }
      assertThat(topic.subscriberCount()).isEqualTo(sinks.size());
      hub.close();
    }
  }

  // --- what a shared log may do: start late, answer late or ahead, fail, lose events ------------

  private static final Duration INTERVAL = Duration.ofSeconds(20);

  /** A hub on a log the test drives by hand (see {@link ManualLog}). */
  private EventHub hubOn(ManualLog log) {
    return hub(
        EventHub.builder()
            .eventLog(log)
            .heartbeatInterval(INTERVAL)
            .writeTimeout(Duration.ofMinutes(10)));
  }

  /** The frame a log hands over for event {@code id}; its data says which event it is. */
  private static byte[] frame(String id) {
    return EventLog.frame(id, SseEncoder.encode(ServerSentEvent.of("e", "event " + id)));
  }

  private static List<byte[]> frames(String... ids) {
    List<byte[]> frames = new ArrayList<>();
    for (String id : ids) {
      frames.add(frame(id));
    }
    return frames;
  }

  /** The only replay asked for so far, once it has been asked. */
  private static ManualLog.ReplayCall replayCall(ManualLog log, int n) {
    await().until(() -> log.replays().size() == n);
    return log.replays().get(n - 1);
  }

  /** One housekeeping tick once nothing is being written, so a write in flight skips nothing. */
  private static void tickWhenIdle(EventHub hub, Subscription s) {
    await().until(((HubSubscriber) s)::deliveryIdle);
    hub.runHousekeeping();
    await().until(((HubSubscriber) s)::deliveryIdle);
  }

  @Test
  void aClientJoiningBeforeTheLogStartsTheTopicGetsHeartbeatsThenItsReplayThenLiveEvents() {
    ManualLog log = new ManualLog();
    EventHub hub = hubOn(log);
    Topic t = hub.topic("t");
    MemorySink sink = new MemorySink();
    Subscription sub = t.subscribe(sink, "3");
    EventLog.Follower follower = log.follower("t");
    assertThat(follower).as("the hub follows the topic from its first subscriber").isNotNull();
    await().until(() -> !sink.retries().isEmpty()); // the preamble goes out at once
    clock.advance(INTERVAL);
    tickWhenIdle(hub, sub);
    assertThat(sink.comments()).as("a heartbeat while it waits").containsExactly("");
    assertThat(sink.events()).isEmpty();
    assertThat(log.replays()).as("no replay before the log says where the topic stands").isEmpty();

    follower.started("5");
    ManualLog.ReplayCall call = replayCall(log, 1);
    assertThat(List.of(call.topic, call.lastEventId, call.upTo)).containsExactly("t", "3", "5");
    follower.event("6", frame("6")); // arrives while the replay is fetched: held back
    call.answer.complete(EventLog.Replay.of(frames("4", "5")));
    await().until(() -> sink.events().size() == 3);
    follower.event("7", frame("7"));
    await().until(() -> sink.events().size() == 4);
    assertThat(sink.ids()).containsExactly("4", "5", "6", "7");
    assertThat(data(sink)).containsExactly("event 4", "event 5", "event 6", "event 7");

    // A new client now learns the latest id without a replay.
    MemorySink fresh = subscribe(t, null);
    await().until(() -> "7".equals(fresh.lastEventId()));
    assertThat(fresh.events()).isEmpty();
    assertThat(log.replays()).hasSize(1);
  }

  @Test
  void lostEventsSendTheResetEventToLiveAndJoiningClientsAndNewClientsGetNoStaleId() {
    ManualLog log = new ManualLog();
    EventHub hub = hubOn(log);
    Topic t = hub.topic("t");
    MemorySink live = subscribe(t, null);
    EventLog.Follower follower = log.follower("t");
    follower.started("5");
    await().until(() -> "5".equals(live.lastEventId()));
    MemorySink joining = subscribe(t, "3");
    ManualLog.ReplayCall call = replayCall(log, 1);
    follower.event("6", frame("6"));
    await().until(() -> live.events().size() == 1);

    follower.lost("6"); // say Redis restarted without its data
    await().until(() -> live.events().size() == 2);
    assertThat(live.events().get(1)).isEqualTo(reset("6"));
    MemorySink fresh = subscribe(t, null);
    follower.event("1", frame("1")); // the log goes on, its numbering started over
    call.answer.complete(EventLog.Replay.of(frames("4", "5")));

    await().until(() -> live.events().size() == 3);
    assertThat(live.ids()).containsExactly("6", null, "1");
    await().until(() -> joining.events().size() == 5);
    assertThat(joining.ids()).containsExactly("4", "5", "6", null, "1");
    assertThat(joining.events().get(3)).isEqualTo(reset("6"));
    await().until(() -> fresh.events().size() == 1);
    assertThat(fresh.ids()).containsExactly("1");
    assertThat(text(fresh))
        .as("no id-only block naming an event from before the loss")
        .doesNotContain("id: 5")
        .doesNotContain("id: 6");
  }

  @Test
  void aClientAheadOfTheFollowerSkipsTheLiveEventsItHasSeen() {
    ManualLog log = new ManualLog();
    EventHub hub = hubOn(log);
    Topic t = hub.topic("t");
    MemorySink atLatest = subscribe(t, null);
    EventLog.Follower follower = log.follower("t");
    follower.started("5");
    // This client saw event 8 on another node, before this node's follower was handed it.
    MemorySink ahead = subscribe(t, "8");
    ManualLog.ReplayCall call = replayCall(log, 1);
    assertThat(List.of(call.lastEventId, call.upTo)).containsExactly("8", "5");
    follower.event("6", frame("6")); // held back, then skipped
    call.answer.complete(EventLog.Replay.aheadOfFollower("8"));
    for (String id : List.of("7", "8", "9")) {
      follower.event(id, frame(id));
    }
    await().until(() -> atLatest.events().size() == 4 && "9".equals(ahead.lastEventId()));
    assertThat(ahead.ids()).containsExactly("9");
    assertThat(atLatest.ids()).containsExactly("6", "7", "8", "9");

    // If the log loses events meanwhile, the one waited for may be among them: skipping ends.
    MemorySink ahead2 = subscribe(t, "12");
    replayCall(log, 2).answer.complete(EventLog.Replay.aheadOfFollower("12"));
    follower.event("10", frame("10"));
    follower.lost("10");
    follower.event("1", frame("1"));
    await().until(() -> ahead2.events().size() == 2);
    assertThat(ahead2.events().get(0)).isEqualTo(reset("10"));
    assertThat(ahead2.ids()).containsExactly(null, "1");
  }

  @Test
  void aClientThatLeavesWhileJoiningCancelsItsReplay() {
    ManualLog log = new ManualLog();
    EventHub hub = hubOn(log);
    Topic t = hub.topic("t");
    MemorySink staying = subscribe(t, null);
    log.follower("t").started("5");
    MemorySink leaving = new MemorySink();
    List<CloseReason> reasons = new CopyOnWriteArrayList<>();
    Subscription sub = t.subscribe(leaving, "3", s -> reasons.add(s.closeReason()));
    ManualLog.ReplayCall call = replayCall(log, 1);
    sub.close();
    assertThat(call.answer).isCancelled();
    await().until(() -> reasons.size() == 1 && leaving.closes() == 1);
    assertThat(reasons).containsExactly(CloseReason.CLOSED);
    assertThat(t.subscriberCount()).isEqualTo(1);
    assertThat(staying.closes()).isZero();

    // A client that leaves before the log has even started the topic: its replay, asked for once
    // the log starts it, is cancelled at once, and the topic is not followed any more.
    Topic u = hub.topic("u");
    Subscription early = u.subscribe(new MemorySink(), "3");
    EventLog.Follower uFollower = log.follower("u");
    early.close();
    await().until(() -> log.follower("u") == null);
    uFollower.started("5");
    ManualLog.ReplayCall late = replayCall(log, 2);
    assertThat(late.topic).isEqualTo("u");
    assertThat(late.answer).isCancelled();
    assertThat(u.subscriberCount()).isZero();
    await().until(() -> hub.liveTopicCount() == 2);
  }

  @Test
  void aReplayThatFailsReleasesTheClient() {
    ManualLog log = new ManualLog();
    EventHub hub = hubOn(log);
    Topic t = hub.topic("t");
    MemorySink sink = new MemorySink();
    List<CloseReason> reasons = new CopyOnWriteArrayList<>();
    t.subscribe(sink, "3", s -> reasons.add(s.closeReason()));
    log.follower("t").started("5");
    replayCall(log, 1).answer.completeExceptionally(new IllegalStateException("log down"));
    await().until(() -> reasons.size() == 1 && sink.closes() == 1);
    assertThat(reasons).containsExactly(CloseReason.REPLAY_FAILED);
    assertThat(sink.events()).isEmpty();
    assertThat(t.subscriberCount()).isZero();
    await().until(() -> log.follower("t") == null);
    assertThat(hub.liveTopicCount()).isEqualTo(1);
  }

  @Test
  void closingTheHubClosesTheLogOnceAndReleasesEveryTopicsClients() {
    ManualLog log = new ManualLog();
    EventHub hub = hubOn(log);
    log.follower(EventHub.DEFAULT_TOPIC).started(null);
    List<CloseReason> reasons = new CopyOnWriteArrayList<>();
    List<MemorySink> sinks = new ArrayList<>();
    for (String name : List.of("default", "started", "joining", "waiting")) {
      MemorySink sink = new MemorySink();
      hub.topic(name)
          .subscribe(sink, name.equals("joining") ? "1" : null, s -> reasons.add(s.closeReason()));
      sinks.add(sink);
    }
    log.follower("started").started("1");
    log.follower("joining").started("2");
    ManualLog.ReplayCall pending = replayCall(log, 1);
    assertThat(hub.subscriberCount()).isEqualTo(4);

    hub.close();
    hub.close();
    assertThat(log.closes()).isEqualTo(1);
    assertThat(pending.answer).isCancelled();
    await().until(() -> reasons.size() == 4);
    assertThat(reasons).containsOnly(CloseReason.HUB_CLOSED);
    assertThat(sinks).allMatch(s -> s.closes() == 1);
    assertThat(hub.subscriberCount()).isZero();
  }

  /**
   * Releasing a topic's last subscriber unfollows the topic later, on the scheduler thread. When
   * the hub closes, that must not reach the log after the hub has closed it; and a log that refuses
   * a call must not stop a subscriber's release: its sink is closed and its callback runs.
   */
  @Test
  void afterClosingTheLogTheHubCallsItNoMoreAndReleasesEveryClientAll() throws Exception {
    ManualLog log = new ManualLog();
    // The application's scheduler, held up while the hub closes, so that every release the close
    // queues runs after the log was closed.
    ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);
    try {
      EventHub hub = hubs.build(EventHub.builder().eventLog(log).scheduler(scheduler));
      List<CloseReason> reasons = new CopyOnWriteArrayList<>();
      List<MemorySink> sinks = new ArrayList<>();
      for (String name : List.of("a", "b", "c")) {
        MemorySink sink = new MemorySink();
        hub.topic(name).subscribe(sink, null, s -> reasons.add(s.closeReason()));
        log.follower(name).started(null);
        sinks.add(sink);
      }
      CountDownLatch holdUp = new CountDownLatch(1);
      scheduler.execute(
          () -> {
            try {
              holdUp.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          });
      hub.close();
      assertThat(log.closes()).isEqualTo(1);
      holdUp.countDown();
      await().until(() -> reasons.size() == 3);
      assertThat(reasons).containsOnly(CloseReason.HUB_CLOSED);
      assertThat(sinks).allMatch(s -> s.closes() == 1);
      assertThat(log.callsAfterClose()).isZero();
    } finally {
      scheduler.shutdownNow();
    }
  }

  @Test
  void aLogThatRefusesToUnfollowStopsNoRelease() {
    ManualLog log = new ManualLog();
    EventHub hub = hubOn(log);
    Topic t = hub.topic("t");
    MemorySink sink = new MemorySink();
    List<CloseReason> reasons = new CopyOnWriteArrayList<>();
    Subscription sub = t.subscribe(sink, null, s -> reasons.add(s.closeReason()));
    log.follower("t").started(null);
    log.close(); // the application closed it under the hub: now every call fails
    sub.close();
    await().until(() -> reasons.size() == 1 && sink.closes() == 1);
    assertThat(reasons).containsExactly(CloseReason.CLOSED);
    await().until(() -> log.callsAfterClose() == 1 && hub.liveTopicCount() == 1);
  }

  // --- lock order --------------------------------------------------------------------------------

  /**
   * The hub's clock, whose {@code millis()} waits on one chosen thread until opened: the in-memory
   * log reads it with a topic's window locked, so the test can hold that lock at a known point.
   */
  private static final class GateClock extends Clock {
    private final Clock time;
    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch open = new CountDownLatch(1);
    volatile Thread gated;

    GateClock(Clock time) {
      this.time = time;
    }

    @Override
    public long millis() {
      if (Thread.currentThread() == gated) {
        entered.countDown();
        try {
          open.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return time.millis();
    }

    @Override
    public Instant instant() {
      return time.instant();
    }

    @Override
    public ZoneId getZone() {
      return time.getZone();
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException();
    }
  }

  /**
   * A housekeeping tick releases a topic's last subscriber (its write timed out) while an event is
   * published to that topic. The publisher holds the topic's window and waits for the fan-out's
   * lock; the tick holds the fan-out's lock and retires the topic, which unfollows it in the log.
   * Neither may wait for the other.
   */
  @Test
  void releasingATopicsLastSubscriberWhileAnEventIsPublishedToItDeadlocksNothing()
      throws Exception {
    GateClock gate = new GateClock(clock);
    // Not closed by TestHubs: closing a deadlocked hub would hang the test run.
    EventHub hub =
        EventHub.builder()
            .clock(gate)
            .ids(EventIdGenerator.sequence())
            .heartbeatInterval(Duration.ofMinutes(1))
            .writeTimeout(Duration.ofMinutes(1))
            .build();
    boolean deadlocked = true;
    try {
      Topic t = hub.topic("t");
      MemorySink stuck = new MemorySink().hold();
      AtomicReference<CloseReason> reason = new AtomicReference<>();
      t.subscribe(stuck, null, s -> reason.set(s.closeReason()));
      await().until(() -> stuck.heldWrites() == 1);
      clock.advance(Duration.ofMinutes(2)); // the write has now timed out

      Thread publisher = new Thread(() -> t.publish(ServerSentEvent.of("x")), "publisher");
      publisher.setDaemon(true);
      gate.gated = publisher;
      publisher.start();
      assertThat(gate.entered.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
      // The publisher now holds the topic's window. The tick releases the stuck subscriber.
      Thread tick = new Thread(hub::runHousekeeping, "housekeeping");
      tick.setDaemon(true);
      tick.start();
      await()
          .until(
              () ->
                  tick.getState() == Thread.State.BLOCKED
                      || tick.getState() == Thread.State.TERMINATED);
      gate.open.countDown();
      publisher.join(WAIT.toMillis());
      tick.join(WAIT.toMillis());
      deadlocked = publisher.isAlive() || tick.isAlive();
      assertThat(deadlocked).as("the publisher and the tick wait for each other").isFalse();
      await().until(() -> reason.get() != null && hub.liveTopicCount() == 1);
      assertThat(reason.get()).isEqualTo(CloseReason.WRITE_TIMEOUT);
    } finally {
      if (!deadlocked) {
        hub.close();
      }
    }
  }

  // --- closing
  // ---------------------------------------------------------------------------------------

  @Test
  void closingTheHubReleasesTheSubscribersOfEveryTopic() {
    EventHub hub = hub();
    List<CloseReason> reasons = new CopyOnWriteArrayList<>();
    List<MemorySink> sinks = new ArrayList<>();
    for (String name : List.of("default", "a", "b", "b")) {
      MemorySink sink = new MemorySink();
      hub.topic(name).subscribe(sink, null, s -> reasons.add(s.closeReason()));
      sinks.add(sink);
    }
    assertThat(hub.subscriberCount()).isEqualTo(4);
    hub.close();
    await().until(() -> reasons.size() == 4);
    assertThat(reasons).containsOnly(CloseReason.HUB_CLOSED);
    assertThat(sinks).allMatch(s -> s.closes() == 1);
    assertThat(hub.subscriberCount()).isZero();
    assertThatThrownBy(() -> hub.topic("a").publish(ServerSentEvent.of("late")))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> hub.topic("c").subscribe(new MemorySink(), null))
        .isInstanceOf(IllegalStateException.class);
  }
}
