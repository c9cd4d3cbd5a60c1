package dev.ssekit.jaxrs;

import dev.ssekit.hub.contract.StreamEndpointContract;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;

/**
 * Sets the request's principal from {@value StreamEndpointContract#USER_HEADER}, as an
 * authentication filter would.
 */
@PreMatching
public final class PrincipalFromHeader implements ContainerRequestFilter {
  @Override
  public void filter(ContainerRequestContext request) {
    String user = request.getHeaderString(StreamEndpointContract.USER_HEADER);
    if (user == null) {
      return;
    }
    SecurityContext original = request.getSecurityContext();
    Principal principal = () -> user;
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
            return original.isSecure();
          }

          @Override
          public String getAuthenticationScheme() {
            return "test";
          }
        });
  }
}
