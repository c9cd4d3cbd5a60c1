package dev.ssekit.jaxrs;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;

/**
 * {@code /plain}: a text response that a server with compression on does compress, to show that the
 * compression an event stream escapes is really on.
 */
@Path("/plain")
public class PlainResource {
  @GET
  @Produces("text/plain;charset=UTF-8")
  public String plain() {
    return "compress me ".repeat(512);
  }
}
