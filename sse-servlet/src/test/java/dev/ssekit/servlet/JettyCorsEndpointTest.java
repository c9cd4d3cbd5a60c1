package dev.ssekit.servlet;

import dev.ssekit.hub.EventHub;
import dev.ssekit.hub.Subscription;
import dev.ssekit.hub.contract.CorsEndpointContract;
import dev.ssekit.hub.contract.StreamEndpoint;
import java.util.function.Consumer;

/** The adapters' shared CORS behaviour, through ServletStreams on Jetty 12 (ee10). */
class JettyCorsEndpointTest extends CorsEndpointContract {
  @Override
  protected StreamEndpoint start(EventHub hub, Consumer<Subscription> onClose) throws Exception {
    return JettyEndpoint.start(hub, onClose);
  }
}
