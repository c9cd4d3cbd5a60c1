/**
 * The hub's streams served from any Jakarta Servlet 6 container: asynchronous, with non-blocking
 * writes, so that no thread is held per connection.
 */
module dev.ssekit.servlet {
  requires transitive dev.ssekit.hub;
  requires transitive jakarta.servlet;

  exports dev.ssekit.servlet;
}
