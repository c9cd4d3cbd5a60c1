package dev.ssekit.samples;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A "load balancer" for the cluster tests: a loopback TCP port that forwards each connection to the
 * first of its backends that accepts one, with no stickiness. When a backend closes a connection,
 * the forwarder closes the client's side too, as a real proxy would; a new connection goes to the
 * next backend if the first one refuses it.
 */
final class TcpForwarder implements AutoCloseable {
  private final List<URI> backends;
  private final ServerSocket listener;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final Thread acceptor;
  private volatile boolean closed;

  /** Listens on a free loopback port and forwards to {@code backends}, the first one preferred. */
  TcpForwarder(List<URI> backends) {
    this.backends = List.copyOf(backends);
    try {
      listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    acceptor = new Thread(this::accept, "forwarder-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** {@code http://127.0.0.1:<port>/}. */
  URI uri() {
    return URI.create("http://127.0.0.1:" + listener.getLocalPort() + "/");
  }

  private void accept() {
    while (!closed) {
      Socket client;
      try {
        client = listener.accept();
      } catch (IOException e) {
        return; // closed
      }
      Thread connector = new Thread(() -> connect(client), "forwarder-connect");
      connector.setDaemon(true);
      connector.start();
    }
  }

  private void connect(Socket client) {
    open.add(client);
    for (URI backend : backends) {
      Socket server = new Socket();
      try {
        server.connect(new InetSocketAddress(backend.getHost(), backend.getPort()), 2_000);
      } catch (IOException refused) {
        closeQuietly(server);
        continue;
      }
      open.add(server);
      pipe(client, server, "forwarder-up");
      pipe(server, client, "forwarder-down");
      if (closed) {
        closeQuietly(client);
        closeQuietly(server);
      }
      return;
    }
    closeQuietly(client); // no backend accepts: the client sees the connection close
  }

  /** Copies {@code from} to {@code to}; when either side ends, both connections are closed. */
  private void pipe(Socket from, Socket to, String name) {
    Thread t =
        new Thread(
            () -> {
              byte[] buffer = new byte[16 * 1024];
              try {
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                  out.write(buffer, 0, n);
                  out.flush();
                }
              } catch (IOException ended) {
                // one side went away
              } finally {
                closeQuietly(from);
                closeQuietly(to);
              }
            },
            name);
    t.setDaemon(true);
    t.start();
  }

  private void closeQuietly(Socket socket) {
    open.remove(socket);
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }

  @Override
  public void close() {
    closed = true;
    try {
      listener.close();
    } catch (IOException ignored) {
      // closing anyway
    }
    open.forEach(this::closeQuietly);
    try {
      acceptor.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
