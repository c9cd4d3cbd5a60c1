package dev.ssekit.servlet;

import dev.ssekit.hub.EventHub;
import dev.ssekit.hub.Subscription;
import dev.ssekit.hub.contract.StreamEndpoint;
import java.net.URI;
import java.util.function.Consumer;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.context.support.AnnotationConfigWebApplicationContext;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.config.annotation.EnableWebMvc;

/**
 * Spring MVC's {@link DispatcherServlet} on embedded Tomcat (no Spring Boot), with the {@link
 * StreamController} or an application's controllers, behind the same principal filter and
 * compression as {@link TomcatEndpoint}.
 */
public final class SpringMvcEndpoint implements StreamEndpoint {
  private final TomcatEndpoint tomcat;
  private final AnnotationConfigWebApplicationContext spring;

  private SpringMvcEndpoint(TomcatEndpoint tomcat, AnnotationConfigWebApplicationContext spring) {
    this.tomcat = tomcat;
    this.spring = spring;
  }

  /** Spring MVC with its defaults. */
  @Configuration
  @EnableWebMvc
  static class MvcConfig {}

  static SpringMvcEndpoint start(EventHub hub, Consumer<Subscription> onClose) throws Exception {
    AnnotationConfigWebApplicationContext spring = new AnnotationConfigWebApplicationContext();
    spring.register(MvcConfig.class);
    spring.addBeanFactoryPostProcessor(
        beans -> beans.registerSingleton("streams", new StreamController(hub, onClose)));
    return start(spring);
  }

  /**
   * Starts Tomcat with {@code spring}'s controllers, served by an asynchronous {@link
   * DispatcherServlet} at {@code /}; closing the endpoint closes {@code spring} too.
   */
  public static SpringMvcEndpoint start(AnnotationConfigWebApplicationContext spring)
      throws Exception {
    TomcatEndpoint tomcat =
        TomcatEndpoint.start(
            context -> {
              TomcatEndpoint.addFilter(context, new StreamServlets.PrincipalFromHeader());
              TomcatEndpoint.addServlet(context, "spring", new DispatcherServlet(spring), "/");
            });
    return new SpringMvcEndpoint(tomcat, spring);
  }

  /** The application's bean of {@code type}. */
  public <T> T bean(Class<T> type) {
    return spring.getBean(type);
  }

  @Override
  public URI uri(String path) {
    return tomcat.uri(path);
  }

  @Override
  public void close() throws Exception {
    tomcat.close();
    spring.close();
  }
}
