package dev.ssekit.jaxrs;

import dev.ssekit.hub.EventHub;
import dev.ssekit.hub.Subscription;
import dev.ssekit.hub.contract.CorsEndpointContract;
import dev.ssekit.hub.contract.StreamEndpoint;
import java.util.function.Consumer;

/** The adapters' shared CORS behaviour, through HubStreams on Jersey and Grizzly. */
class JerseyCorsEndpointTest extends CorsEndpointContract {
  @Override
  protected StreamEndpoint start(EventHub hub, Consumer<Subscription> onClose) {
    return TestServer.serving(hub, onClose);
  }
}
