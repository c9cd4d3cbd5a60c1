package dev.ssekit.samples;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.Map;

/** Serves the demo page and its script from the jar. */
@Path("/")
public final class PageResource {
  private static final Map<String, String> FILES =
      Map.of(
          "index.html",
          MediaType.TEXT_HTML + ";charset=UTF-8",
          "app.js",
          "text/javascript;charset=UTF-8");

  /** The page, {@code index.html}. */
  @GET
  public Response index() {
    return file("index.html");
  }

  /**
   * One of the page's files.
   *
   * @param name {@code index.html} or {@code app.js}
   * @return the file, or {@code 404} for any other name
   */
  @GET
  @Path("{file}")
  public Response file(@PathParam("file") String name) {
    String type = FILES.get(name);
    InputStream body = type == null ? null : PageResource.class.getResourceAsStream("web/" + name);
    if (body == null) {
      throw new NotFoundException();
    }
    return Response.ok(body, type).header("Cache-Control", "no-cache").build();
  }
}
