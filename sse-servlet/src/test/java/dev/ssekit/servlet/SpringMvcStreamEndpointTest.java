package dev.ssekit.servlet;

import dev.ssekit.hub.EventHub;
import dev.ssekit.hub.Subscription;
import dev.ssekit.hub.contract.StreamEndpoint;
import java.util.function.Consumer;

/** The adapters' shared HTTP behaviour, from a Spring MVC controller on Tomcat 11. */
class SpringMvcStreamEndpointTest extends ServletEndpointContract {
  @Override
  protected StreamEndpoint start(EventHub hub, Consumer<Subscription> onClose) throws Exception {
    return SpringMvcEndpoint.start(hub, onClose);
  }
}
