package dev.ssekit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ssekit.core.TestEvents.OtherPingCodec;
import dev.ssekit.core.TestEvents.Ping;
import dev.ssekit.core.TestEvents.PingCodec;
import dev.ssekit.core.TestEvents.Pong;
import dev.ssekit.core.TestEvents.PongCodec;
import dev.ssekit.core.TestEvents.SecondPingCodec;
import dev.ssekit.core.json.JsonReader;
import dev.ssekit.core.json.JsonWriter;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CodecRegistryTest {

  @Test
  void findsCodecsByClassAndByEventName() {
    PingCodec ping = new PingCodec();
    PongCodec pong = new PongCodec();
    CodecRegistry registry = CodecRegistry.builder().register(ping).register(pong).build();
    assertThat(registry.codecFor(Ping.class)).isSameAs(ping);
    assertThat(registry.codecFor(Pong.class)).isSameAs(pong);
    assertThat(registry.codecForEvent("ping")).isSameAs(ping);
    assertThat(registry.codecForEvent("pong")).isSameAs(pong);
    assertThat(registry.codecForEvent("PING")).isNull();
    assertThat(registry.codecForEvent("message")).isNull();
    assertThat(registry.codecs()).containsExactly(ping, pong);
    assertThat(registry.toString()).contains("ping -> " + Ping.class.getName());
  }

  @Test
  void codecsListIsUnmodifiableAndTheBuilderCanMoveOn() {
    CodecRegistry.Builder builder = CodecRegistry.builder().register(new PingCodec());
    CodecRegistry first = builder.build();
    builder.register(new PongCodec());
    assertThat(first.codecs()).hasSize(1);
    assertThat(first.codecForEvent("pong")).isNull();
    assertThat(builder.build().codecs()).hasSize(2);
    assertThatThrownBy(() -> first.codecs().add(new PongCodec()))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void missingCodecOfAnUnannotatedClassSaysSo() {
    CodecRegistry registry = CodecRegistry.builder().build();
    assertThatThrownBy(() -> registry.codecFor(Ping.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "No SseCodec for dev.ssekit.core.TestEvents$Ping: the class is not annotated with"
                + " @dev.ssekit.core.SseEvent.");
    assertThat(registry.find(Ping.class)).isNull();
  }

  @SseEvent(name = "never-generated")
  static final class Annotated {}

  @Test
  void missingCodecOfAnAnnotatedClassNamesTheLikelyCauses() {
    CodecRegistry registry = CodecRegistry.builder().register(new PingCodec()).build();
    assertThat(registry.find(Annotated.class)).isNull();
    assertThat(registry.find(Ping.class)).isSameAs(registry.codecFor(Ping.class));
    assertThatThrownBy(() -> registry.codecFor(Annotated.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "No SseCodec for dev.ssekit.core.CodecRegistryTest$Annotated: the class is annotated"
                + " with @SseEvent, but no codec was generated or registered.")
        .hasMessageContaining("maven-compiler-plugin 3.5 or newer with <annotationProcessorPaths>")
        .hasMessageContaining("compiler plugin 3.1, which ignores it")
        .hasMessageContaining("-proc:none")
        .hasMessageContaining("META-INF/services/dev.ssekit.core.SseCodec")
        .hasMessageContaining("provides dev.ssekit.core.SseCodec")
        .hasMessageEndingWith("Registered: CodecRegistry[ping -> dev.ssekit.core.TestEvents$Ping]");
  }

  @Test
  void twoCodecsForOneEventNameAreRejectedNamingBoth() {
    CodecRegistry.Builder builder = CodecRegistry.builder().register(new PingCodec());
    assertThatThrownBy(() -> builder.register(new OtherPingCodec()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"ping\"")
        .hasMessageContaining(Ping.class.getName())
        .hasMessageContaining(Pong.class.getName())
        .hasMessageContaining(PingCodec.class.getName())
        .hasMessageContaining(OtherPingCodec.class.getName());
  }

  @Test
  void twoCodecsForOneClassAreRejectedNamingBoth() {
    CodecRegistry.Builder builder = CodecRegistry.builder().register(new PingCodec());
    assertThatThrownBy(() -> builder.register(new SecondPingCodec()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(Ping.class.getName())
        .hasMessageContaining(PingCodec.class.getName())
        .hasMessageContaining(SecondPingCodec.class.getName());
  }

  @Test
  void registeringTheSameCodecClassTwiceIsHarmless() {
    CodecRegistry registry =
        CodecRegistry.builder()
            .registerAll(List.of(new PingCodec(), new PongCodec(), new PingCodec()))
            .build();
    assertThat(registry.codecs()).hasSize(2);
  }

  @Test
  void loadsCodecsListedAsServices() {
    CodecRegistry registry = CodecRegistry.load(getClass().getClassLoader());
    assertThat(registry.codecFor(Ping.class)).isInstanceOf(PingCodec.class);
    assertThat(registry.codecForEvent("pong")).isInstanceOf(PongCodec.class);
    assertThat(registry.codecs()).hasSize(2);
  }

  @Test
  void loadDefaultUsesTheContextClassLoaderAndCachesPerLoader() throws Exception {
    CodecRegistry registry = CodecRegistry.loadDefault();
    assertThat(registry.codecForEvent("ping")).isInstanceOf(PingCodec.class);
    assertThat(CodecRegistry.loadDefault()).isSameAs(registry);

    // A loader that sees no service file (its parent is the platform loader) gets an empty
    // registry of its own.
    Thread thread = Thread.currentThread();
    ClassLoader original = thread.getContextClassLoader();
    ClassLoader isolated = new ClassLoader(ClassLoader.getPlatformClassLoader()) {};
    thread.setContextClassLoader(isolated);
    try {
      assertThat(CodecRegistry.loadDefault().codecs()).isEmpty();
    } finally {
      thread.setContextClassLoader(original);
    }
  }

  @Test
  void aListedCodecThatCannotBeLoadedIsAClearError(@TempDir Path dir) throws IOException {
    Path services = dir.resolve("dev.ssekit.core.SseCodec");
    Files.write(services, "com.example.RemovedCodec\n".getBytes(StandardCharsets.UTF_8));
    URL url = services.toUri().toURL();
    ClassLoader loader =
        new ClassLoader(getClass().getClassLoader()) {
          @Override
          public Enumeration<URL> getResources(String name) throws IOException {
            if (name.equals("META-INF/services/dev.ssekit.core.SseCodec")) {
              return Collections.enumeration(List.of(url));
            }
            return super.getResources(name);
          }
        };
    assertThatThrownBy(() -> CodecRegistry.load(loader))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("META-INF/services/dev.ssekit.core.SseCodec")
        .hasMessageContaining("com.example.RemovedCodec");
  }

  @Test
  void rejectsCodecsWithoutTypeOrEventName() {
    SseCodec<Ping> noName =
        new SseCodec<>() {
          @Override
          public String eventName() {
            return null;
          }

          @Override
          public Class<Ping> type() {
            return Ping.class;
          }

          @Override
          public void write(JsonWriter out, Ping value) {}

          @Override
          public Ping read(JsonReader in) {
            return null;
          }
        };
    assertThatThrownBy(() -> CodecRegistry.builder().register(noName))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("eventName()");
  }
}
