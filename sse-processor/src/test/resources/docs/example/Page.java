package example;

import dev.ssekit.core.SseEvent;
import java.util.List;

// begin-snippet: generic
@SseEvent(name = "page")
public record Page<T>(List<T> items) {}
// end-snippet
