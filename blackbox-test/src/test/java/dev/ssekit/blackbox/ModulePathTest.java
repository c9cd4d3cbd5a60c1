package dev.ssekit.blackbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.ssekit.client.EventSource;
import dev.ssekit.core.CodecRegistry;
import dev.ssekit.core.ServerSentEvent;
import dev.ssekit.hub.EventHub;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * ssekit used from a named application module: the hub, the client and the generated codec, all
 * resolved through their module descriptors. If a descriptor lacked an export, a {@code uses} or a
 * {@code requires}, this module would not compile or these tests would fail.
 */
class ModulePathTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  private HttpServer server;
  private EventHub hub;
  private EventSource source;

  @BeforeEach
  void start() throws Exception {
    hub = EventHub.builder().build();
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/events", new HubHandler(hub));
    server.start();
  }

  @AfterEach
  void stop() {
    if (source != null) {
      source.close();
    }
    hub.close();
    server.stop(0);
  }

  @Test
  void runsOnTheModulePath() {
    Module app = getClass().getModule();
    assertThat(app.isNamed()).isTrue();
    assertThat(app.getName()).isEqualTo("dev.ssekit.blackbox");
    assertThat(EventHub.class.getModule().getName()).isEqualTo("dev.ssekit.hub");
    assertThat(EventSource.class.getModule().getName()).isEqualTo("dev.ssekit.client");
    assertThat(ServerSentEvent.class.getModule().getName()).isEqualTo("dev.ssekit.core");
    assertThat(EventHub.class.getModule().getLayer()).isSameAs(ModuleLayer.boot());
  }

  @Test
  void onlyTheApiPackagesAreExported() {
    Module app = getClass().getModule();
    Module core = ServerSentEvent.class.getModule();
    Module hubModule = EventHub.class.getModule();
    Module client = EventSource.class.getModule();

    assertThat(core.isExported("dev.ssekit.core", app)).isTrue();
    assertThat(core.isExported("dev.ssekit.core.json", app)).isTrue();
    assertThat(hubModule.isExported("dev.ssekit.hub", app)).isTrue();
    assertThat(client.isExported("dev.ssekit.client", app)).isTrue();

    assertThat(core.isExported("dev.ssekit.core.internal", app)).isFalse();
    assertThat(core.isExported("dev.ssekit.core.json.internal", app)).isFalse();
    assertThat(client.isExported("dev.ssekit.client.internal", app)).isFalse();
    // Core's field rules are shared with the client alone (and the JAX-RS adapter), not with users.
    assertThat(core.isExported("dev.ssekit.core.internal", client)).isTrue();
    assertThat(core.isExported("dev.ssekit.core.internal")).isFalse();
    assertThat(hubModule.getPackages()).containsExactly("dev.ssekit.hub");
  }

  @Test
  void theGeneratedCodecIsFoundThroughTheModulesProvidesClause() {
    CodecRegistry codecs = CodecRegistry.loadDefault();

    assertThat(codecs.codecFor(Greeting.class)).isInstanceOf(Greeting_SseCodec.class);
    assertThat(codecs.codecForEvent("greeting")).isInstanceOf(Greeting_SseCodec.class);
    assertThat(Greeting_SseCodec.class.getModule()).isSameAs(getClass().getModule());
  }

  @Test
  void aTypedEventGoesFromTheHubOverHttpToTheClient() {
    List<Greeting> received = new CopyOnWriteArrayList<>();
    List<Throwable> errors = new CopyOnWriteArrayList<>();
    URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/events");
    source =
        EventSource.builder(uri)
            .build()
            .on(Greeting.class, received::add)
            .onError(errors::add)
            .connect();
    await().atMost(WAIT).until(() -> hub.subscriberCount() == 1);

    Greeting sent =
        new Greeting(
            7, "hello, módulo ✓", Instant.parse("2026-01-02T03:04:05.678Z"), List.of("a", "b"));
    hub.publish(sent);

    await().atMost(WAIT).until(() -> !received.isEmpty());
    assertThat(received).containsExactly(sent);
    assertThat(source.lastEventId()).isEqualTo("7");
    assertThat(errors).isEmpty();
  }
}
