package dev.ssekit.servlet;

import dev.ssekit.hub.EventHub;
import dev.ssekit.hub.Subscription;
import dev.ssekit.hub.contract.StreamEndpoint;
import java.util.function.Consumer;

/** The adapters' shared HTTP behaviour, through ServletStreams on Tomcat 11 with compression on. */
class TomcatStreamEndpointTest extends ServletEndpointContract {
  @Override
  protected StreamEndpoint start(EventHub hub, Consumer<Subscription> onClose) throws Exception {
    return TomcatEndpoint.start(hub, onClose);
  }
}
