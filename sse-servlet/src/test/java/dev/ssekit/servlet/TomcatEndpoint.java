package dev.ssekit.servlet;

import dev.ssekit.hub.EventHub;
import dev.ssekit.hub.Subscription;
import dev.ssekit.hub.contract.StreamEndpoint;
import jakarta.servlet.Filter;
import jakarta.servlet.Servlet;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.catalina.Context;
import org.apache.catalina.Wrapper;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;

/**
 * Embedded Tomcat 11 on a free loopback port, with response compression on ({@code
 * compression="on"}, no minimum size). Public for the documentation's examples ({@code docs}).
 */
public final class TomcatEndpoint implements StreamEndpoint {
  private final Tomcat tomcat;
  private final Path baseDir;
  private final URI base;

  private TomcatEndpoint(Tomcat tomcat, Path baseDir, URI base) {
    this.tomcat = tomcat;
    this.baseDir = baseDir;
    this.base = base;
  }

  /** The test servlets, as {@link JettyEndpoint} serves them. */
  static TomcatEndpoint start(EventHub hub, Consumer<Subscription> onClose) throws Exception {
    return start(context -> deployServlets(context, hub, onClose));
  }

  /** The test servlets and the principal filter, as every endpoint serves them. */
  static void deployServlets(Context context, EventHub hub, Consumer<Subscription> onClose) {
    addFilter(context, new StreamServlets.PrincipalFromHeader());
    addServlet(context, "hub", new StreamServlets.DefaultTopic(hub, onClose), "/hub/events");
    addServlet(context, "topics", new StreamServlets.Topics(hub, onClose), "/topics/*");
    addServlet(context, "plain", new PlainText(), "/plain");
  }

  /**
   * Starts Tomcat with what {@code deploy} adds to the root context, and the connector's default
   * async timeout cut from 30 s to {@value ServletEndpointContract#CONTAINER_ASYNC_TIMEOUT_MILLIS}
   * ms.
   */
  public static TomcatEndpoint start(Consumer<Context> deploy) throws Exception {
    Path baseDir = Files.createTempDirectory("ssekit-tomcat");
    Tomcat tomcat = new Tomcat();
    tomcat.setBaseDir(baseDir.toString());
    Connector connector = new Connector();
    connector.setPort(0);
    connector.setProperty("address", "127.0.0.1");
    connector.setProperty("compression", "on");
    connector.setProperty("compressionMinSize", "0");
    connector.setAsyncTimeout(ServletEndpointContract.CONTAINER_ASYNC_TIMEOUT_MILLIS);
    tomcat.setConnector(connector);
    Context context = tomcat.addContext("", baseDir.toString());
    deploy.accept(context);
    tomcat.start();
    return new TomcatEndpoint(
        tomcat, baseDir, URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/"));
  }

  static void addServlet(Context context, String name, Servlet servlet, String pattern) {
    Wrapper wrapper = Tomcat.addServlet(context, name, servlet);
    wrapper.setAsyncSupported(true);
    wrapper.setLoadOnStartup(1);
    context.addServletMappingDecoded(pattern, name);
  }

  static void addFilter(Context context, Filter filter) {
    FilterDef def = new FilterDef();
    def.setFilterName("principal");
    def.setFilter(filter);
    def.setAsyncSupported("true");
    context.addFilterDef(def);
    FilterMap map = new FilterMap();
    map.setFilterName("principal");
    map.addURLPattern("/*");
    context.addFilterMap(map);
  }

  @Override
  public URI uri(String path) {
    return base.resolve(path);
  }

  @Override
  public void close() throws Exception {
    tomcat.stop();
    tomcat.destroy();
    try (Stream<Path> files = Files.walk(baseDir)) {
      files.sorted(Comparator.reverseOrder()).forEach(TomcatEndpoint::delete);
    }
  }

  private static void delete(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      // A leftover temporary file is harmless.
    }
  }
}
