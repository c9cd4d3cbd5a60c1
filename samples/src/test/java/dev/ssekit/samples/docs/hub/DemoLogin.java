package dev.ssekit.samples.docs.hub;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;

/**
 * Stands in for the application's authentication in the examples: the header {@code X-Demo-User}
 * names the user. Never do this in production; it is here so that a test can be ada or bob.
 */
@Priority(Priorities.AUTHENTICATION)
public final class DemoLogin implements ContainerRequestFilter {
  /** The header that names the user. */
  public static final String HEADER = "X-Demo-User";

  @Override
  public void filter(ContainerRequestContext request) {
    String user = request.getHeaderString(HEADER);
    if (user == null) {
      return;
    }
    Principal principal = () -> user;
    boolean secure = request.getSecurityContext().isSecure();
    request.setSecurityContext(
        new SecurityContext() {
          @Override
          public Principal getUserPrincipal() {
            return principal;
          }

          @Override
          public boolean isUserInRole(String role) {
            return false;
          }

          @Override
          public boolean isSecure() {
            return secure;
          }

          @Override
          public String getAuthenticationScheme() {
            return "demo";
          }
        });
  }
}
