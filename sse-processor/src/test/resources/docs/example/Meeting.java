package example;

import dev.ssekit.core.SseEvent;
import java.util.ArrayList;
import java.util.Date;
import java.util.Map;

// begin-snippet: unsupported-types
@SseEvent(name = "meeting")
public record Meeting(Date when, ArrayList<String> attendees, Map<Integer, String> rooms) {}
// end-snippet
