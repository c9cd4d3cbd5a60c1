package dev.ssekit.micrometer;

import dev.ssekit.hub.EventHub;
import dev.ssekit.hub.Subscription;
import dev.ssekit.hub.contract.StreamEndpoint;
import dev.ssekit.jaxrs.TestServer;
import java.util.function.Consumer;

/** The figures of sse-jaxrs's streams, on Jersey and Grizzly. */
class JerseyMetricsTest extends AdapterMetricsContract {
  @Override
  protected StreamEndpoint start(EventHub hub, Consumer<Subscription> onClose) {
    return TestServer.serving(hub, onClose);
  }
}
