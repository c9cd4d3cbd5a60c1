package dev.ssekit.micrometer;

import dev.ssekit.hub.EventHub;
import dev.ssekit.hub.Subscription;
import dev.ssekit.hub.contract.StreamEndpoint;
import dev.ssekit.servlet.JettyEndpoint;
import java.util.function.Consumer;

/** The figures of sse-servlet's streams, on Jetty 12. */
class JettyMetricsTest extends AdapterMetricsContract {
  @Override
  protected StreamEndpoint start(EventHub hub, Consumer<Subscription> onClose) throws Exception {
    return JettyEndpoint.start(hub, onClose);
  }
}
