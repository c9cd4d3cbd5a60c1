package example;

import dev.ssekit.core.SseEvent;

// begin-snippet: inaccessible
@SseEvent(name = "account")
public class Account {
  public String id;
  private long balance; // private, and no getter
}
// end-snippet
