package dev.ssekit.samples.quickstart;

import dev.ssekit.client.EventSource;
import dev.ssekit.jaxrs.SseKitFeature;
import java.net.URI;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;

/**
 * The README's quickstart as a program: it serves {@link GreetingResource} on an embedded Jersey
 * server, connects the typed {@link EventSource} to it, publishes three {@link Greeting}s and
 * prints them as they arrive.
 *
 * <pre>
 * received Greeting[seq=1, text=hello 1]
 * received Greeting[seq=2, text=hello 2]
 * received Greeting[seq=3, text=hello 3]
 * </pre>
 */
public final class Quickstart {
  private Quickstart() {}

  /**
   * Runs the quickstart and returns once the three greetings arrived or ten seconds passed.
   *
   * @param args none
   * @throws InterruptedException if interrupted while waiting for the greetings
   */
  // begin-snippet: main
  public static void main(String[] args) throws InterruptedException {
    HttpServer server =
        GrizzlyHttpServerFactory.createHttpServer(
            URI.create("http://127.0.0.1:0/"), // any free port
            new ResourceConfig(SseKitFeature.class, GreetingResource.class)
                .property(ServerProperties.WADL_FEATURE_DISABLE, true)); // WADL would need JAXB
    int port = server.getListener("grizzly").getPort();

    CountDownLatch received = new CountDownLatch(3);
    EventSource source =
        EventSource.builder(URI.create("http://127.0.0.1:" + port + "/greetings"))
            .build()
            .on(
                Greeting.class,
                greeting -> {
                  System.out.println("received " + greeting);
                  received.countDown();
                })
            .onOpen(
                response -> { // subscribed: from now on, every published greeting arrives
                  for (int seq = 1; seq <= 3; seq++) {
                    GreetingResource.hub.publish(new Greeting(seq, "hello " + seq));
                  }
                })
            .connect();

    received.await(10, TimeUnit.SECONDS);
    source.close();
    GreetingResource.hub.close();
    server.shutdownNow();
  }
  // end-snippet
}
