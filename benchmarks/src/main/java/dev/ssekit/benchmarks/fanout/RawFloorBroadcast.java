package dev.ssekit.benchmarks.fanout;

import dev.ssekit.core.CodecRegistry;
import dev.ssekit.core.SseCodec;
import dev.ssekit.core.SseEncoder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Not a library: the floor. An event stream with nothing but the kernel's work: each event is
 * encoded once, framed once as an HTTP/1.1 chunk, and written to every connection with exactly
 * one non-blocking {@code write} from the publishing thread. No HTTP parsing beyond finding the end
 * of the request head, no queues, no heartbeats, no slow-client handling. What it spends per
 * delivery is what any server on this machine must spend at least (the syscall and, on loopback,
 * the receiving side's TCP work that the kernel charges to the sender), so that the per-delivery
 * CPU of the real servers can be read against it.
 */
final class RawFloorBroadcast implements Broadcast {
  private static final byte[] HEAD =
      ("HTTP/1.1 200 OK\r\n"
              + "Content-Type: text/event-stream;charset=UTF-8\r\n"
              + "Cache-Control: no-cache\r\n"
              + "Transfer-Encoding: chunked\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII);

  private final SseCodec<FanoutPing> codec = CodecRegistry.loadDefault().codecFor(FanoutPing.class);
  private final List<SocketChannel> channels = new CopyOnWriteArrayList<>();
  private final ServerSocketChannel server;
  private final Thread acceptor;
  private final AtomicLong incomplete = new AtomicLong();

  RawFloorBroadcast() throws IOException {
    server = ServerSocketChannel.open();
    server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4096);
    acceptor = new Thread(this::accept, "raw-floor-acceptor");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    try {
      return ((InetSocketAddress) server.getLocalAddress()).getPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void accept() {
    ByteBuffer request = ByteBuffer.allocate(8192);
    while (server.isOpen()) {
      try {
        SocketChannel channel = server.accept();
        channel.configureBlocking(true);
        request.clear();
        while (!headEnded(request)) { // the load client sends its whole head at once
          if (channel.read(request) < 0) {
            break;
          }
        }
        channel.write(ByteBuffer.wrap(HEAD));
        channel.configureBlocking(false);
        channels.add(channel);
      } catch (IOException e) {
        if (!server.isOpen()) {
          return;
        }
      }
    }
  }

  private static boolean headEnded(ByteBuffer b) {
    int n = b.position();
    return n >= 4
        && b.get(n - 4) == '\r'
        && b.get(n - 3) == '\n'
        && b.get(n - 2) == '\r'
        && b.get(n - 1) == '\n';
  }

  @Override
  public void publish(FanoutPing ping) {
    byte[] frame = SseEncoder.encode(ping, codec);
    byte[] size = (Integer.toHexString(frame.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
    byte[] chunk = new byte[size.length + frame.length + 2];
    System.arraycopy(size, 0, chunk, 0, size.length);
    System.arraycopy(frame, 0, chunk, size.length, frame.length);
    chunk[chunk.length - 2] = '\r';
    chunk[chunk.length - 1] = '\n';
    ByteBuffer shared = ByteBuffer.wrap(chunk);
    for (SocketChannel channel : channels) {
      ByteBuffer b = shared.duplicate();
      try {
        channel.write(b);
        if (b.hasRemaining()) {
          // The floor has no queue: the connection is closed, and the client reports the gap.
          incomplete.incrementAndGet();
          close(channel);
        }
      } catch (IOException e) {
        close(channel);
      }
    }
  }

  private void close(SocketChannel channel) {
    channels.remove(channel);
    try {
      channel.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }

  @Override
  public int subscribers() {
    return channels.size();
  }

  @Override
  public Object resource() {
    throw new UnsupportedOperationException("the floor serves its own sockets");
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException ignored) {
      // closing anyway
    }
    channels.forEach(this::close);
  }
}
