package dev.ssekit.servlet;

import dev.ssekit.hub.EventHub;
import dev.ssekit.hub.Subscription;
import dev.ssekit.hub.contract.StreamEndpoint;
import dev.ssekit.hub.contract.StreamEndpointContract;
import java.util.function.Consumer;

/** The adapters' shared HTTP behaviour, through ServletStreams on Jetty 12 (ee10) with gzip on. */
class JettyStreamEndpointTest extends StreamEndpointContract {
  @Override
  protected StreamEndpoint start(EventHub hub, Consumer<Subscription> onClose) throws Exception {
    return JettyEndpoint.start(hub, onClose);
  }
}
