package dev.ssekit.hub.contract;

import java.net.URI;

/**
 * A real HTTP server, on a free loopback port, that serves one hub the way an application would
 * through the adapter under test; see {@link StreamEndpointContract#start}.
 */
public interface StreamEndpoint extends AutoCloseable {

  /** The address of {@code path} (relative, without a leading slash) on this server. */
  URI uri(String path);

  /** The server's port on 127.0.0.1. */
  default int port() {
    return uri("").getPort();
  }

  /** Stops the server, ending every open connection. */
  @Override
  void close() throws Exception;
}
