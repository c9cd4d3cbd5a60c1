package dev.ssekit.samples.docs.events;

import dev.ssekit.core.SseEvent;
import dev.ssekit.core.SseId;
import dev.ssekit.core.SseIgnore;
import dev.ssekit.core.SseProperty;

/** The four annotations on one record. */
// begin-snippet: annotations
@SseEvent(name = "forum-post")
public record ForumPost(
    @SseId String id,
    @SseProperty("user_name") String user,
    String text,
    @SseIgnore String sessionToken) {}
// end-snippet
