package dev.ssekit.jaxrs;

import dev.ssekit.hub.EventHub;
import dev.ssekit.hub.Subscription;
import dev.ssekit.hub.contract.StreamEndpoint;
import dev.ssekit.hub.contract.StreamEndpointContract;
import java.util.function.Consumer;
import org.glassfish.jersey.message.GZipEncoder;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.filter.EncodingFilter;

/** The adapters' shared HTTP behaviour, on Jersey and Grizzly with gzip encoding on. */
class JerseyStreamEndpointTest extends StreamEndpointContract {
  @Override
  protected StreamEndpoint start(EventHub hub, Consumer<Subscription> onClose) {
    ResourceConfig config =
        new ResourceConfig()
            .register(new HubResource(hub, onClose))
            .register(new TopicResource(hub, onClose))
            .register(PlainResource.class)
            .register(PrincipalFromHeader.class)
            .register(new SseKitFeature());
    EncodingFilter.enableFor(config, GZipEncoder.class);
    return TestServer.start(config);
  }
}
