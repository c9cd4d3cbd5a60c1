package dev.ssekit.samples;

import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.glassfish.jersey.server.ExtendedResourceContext;
import org.glassfish.jersey.server.ExtendedUriInfo;
import org.glassfish.jersey.server.model.Resource;
import org.glassfish.jersey.server.model.ResourceMethod;
import org.glassfish.jersey.server.model.RuntimeResource;

/**
 * Gives the errors Jersey answers by itself while matching a request (404, 405, 406, 415) a short
 * plain-text body that says what the server or endpoint accepts, as the samples' own errors do;
 * Jersey sends them with an empty body. Errors that already have a body pass unchanged.
 */
final class ExplainedClientErrors implements ExceptionMapper<ClientErrorException> {
  private static final MediaType PLAIN_TEXT = MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8");

  @Context private ExtendedUriInfo uri;
  @Context private ExtendedResourceContext resources;
  @Context private Request request;
  @Context private HttpHeaders headers;

  @Override
  public Response toResponse(ClientErrorException e) {
    Response response = e.getResponse();
    if (response.hasEntity()) {
      return response;
    }
    String target = request.getMethod() + " /" + uri.getPath();
    String explanation;
    switch (response.getStatus()) {
      case 404:
        explanation = "nothing at " + target + "; this server has " + endpoints();
        break;
      case 405:
        explanation =
            request.getMethod()
                + " is not allowed on /"
                + uri.getPath()
                + "; it allows "
                + String.join(", ", new TreeSet<>(response.getAllowedMethods()));
        break;
      case 406:
        explanation =
            target
                + " answers with "
                + join(matchedMethods().stream().map(ResourceMethod::getProducedTypes))
                + ", which Accept: "
                + headers.getHeaderString(HttpHeaders.ACCEPT)
                + " does not allow";
        break;
      case 415:
        String type = headers.getHeaderString(HttpHeaders.CONTENT_TYPE);
        explanation =
            target
                + " accepts "
                + join(matchedMethods().stream().map(ResourceMethod::getConsumedTypes))
                + ", not "
                + (type == null ? "a body without Content-Type" : type);
        break;
      default:
        return response;
    }
    return Response.fromResponse(response).type(PLAIN_TEXT).entity(explanation + "\n").build();
  }

  /** The resource methods of the matched path for the request's HTTP method. */
  private List<ResourceMethod> matchedMethods() {
    return uri.getMatchedRuntimeResources().stream()
        .limit(1)
        .map(RuntimeResource::getResourceMethods)
        .flatMap(Collection::stream)
        .filter(m -> m.getHttpMethod().equals(request.getMethod()))
        .collect(Collectors.toList());
  }

  private static String join(Stream<List<MediaType>> types) {
    Set<String> names =
        types
            .flatMap(List::stream)
            .map(MediaType::toString)
            .collect(Collectors.toCollection(TreeSet::new));
    return names.isEmpty() ? "nothing for this method" : String.join(" or ", names);
  }

  /** Every method and path the application serves, such as {@code GET /events}, but OPTIONS. */
  private String endpoints() {
    Set<String> all = new TreeSet<>();
    for (Resource resource : resources.getResourceModel().getRootResources()) {
      collect(resource, "", all);
    }
    return String.join(", ", all);
  }

  private static void collect(Resource resource, String parent, Set<String> into) {
    String path = (parent + "/" + resource.getPath()).replaceAll("/+", "/");
    if (path.length() > 1 && path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    for (ResourceMethod method : resource.getResourceMethods()) {
      // Jersey answers OPTIONS everywhere by itself: listing it says nothing.
      if (!method.getHttpMethod().equals("OPTIONS")) {
        into.add(method.getHttpMethod() + " " + path);
      }
    }
    for (Resource child : resource.getChildResources()) {
      collect(child, path, into);
    }
  }
}
