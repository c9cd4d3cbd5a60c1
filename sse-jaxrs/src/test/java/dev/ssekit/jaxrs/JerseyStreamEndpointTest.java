package dev.ssekit.jaxrs;

import dev.ssekit.hub.EventHub;
import dev.ssekit.hub.Subscription;
import dev.ssekit.hub.contract.StreamEndpoint;
import dev.ssekit.hub.contract.StreamEndpointContract;
import java.util.function.Consumer;

/** The adapters' shared HTTP behaviour, on Jersey and Grizzly with gzip encoding on. */
class JerseyStreamEndpointTest extends StreamEndpointContract {
  @Override
  protected StreamEndpoint start(EventHub hub, Consumer<Subscription> onClose) {
    return TestServer.serving(hub, onClose);
  }
}
