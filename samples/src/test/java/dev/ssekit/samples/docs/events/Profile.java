package dev.ssekit.samples.docs.events;

import dev.ssekit.core.SseEvent;

/** A JavaBean event: private fields, getters and setters, a no-arg constructor. */
// begin-snippet: bean
@SseEvent(name = "user-profile")
public class Profile {
  private String name;
  private boolean verified;

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public boolean isVerified() {
    return verified;
  }

  public void setVerified(boolean verified) {
    this.verified = verified;
  }

  public String getDisplayName() { // no field and no setter: computed, so not a property
    return verified ? name + " ✓" : name;
  }
}
// end-snippet
