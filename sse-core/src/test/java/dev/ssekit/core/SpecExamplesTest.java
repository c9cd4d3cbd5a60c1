package dev.ssekit.core;

import static dev.ssekit.core.Recorder.event;
import static dev.ssekit.core.Recorder.message;
import static dev.ssekit.core.Recorder.parse;
import static dev.ssekit.core.Recorder.parseBytewise;
import static dev.ssekit.core.Recorder.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ssekit.core.Recorder.Comment;
import dev.ssekit.core.Recorder.LastId;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The example streams of MDN's "Using server-sent events" (event stream format) and of the WHATWG
 * HTML standard's "Parsing an event stream" section, parsed to exactly the events they describe.
 */
class SpecExamplesTest {

  private static List<Object> calls(String stream) {
    List<Object> whole = parse(stream).calls;
    assertThat(parseBytewise(utf8(stream)).calls).isEqualTo(whole);
    return whole;
  }

  @Test
  void mdnDataOnlyMessages() {
    String stream =
        ": this is a test stream\n\n"
            + "data: some text\n\n"
            + "data: another message\n"
            + "data: with two lines\n\n";
    assertThat(calls(stream))
        .containsExactly(
            new Comment("this is a test stream"),
            message("some text"),
            message("another message\nwith two lines"));
  }

  @Test
  void mdnNamedEvents() {
    String stream =
        "event: userconnect\n"
            + "data: {\"username\": \"bobby\", \"time\": \"02:33:48\"}\n\n"
            + "event: usermessage\n"
            + "data: {\"username\": \"bobby\", \"time\": \"02:34:11\", \"text\": \"Hi"
            + " everyone.\"}\n\n"
            + "event: userdisconnect\n"
            + "data: {\"username\": \"bobby\", \"time\": \"02:34:23\"}\n\n"
            + "event: usermessage\n"
            + "data: {\"username\": \"sean\", \"time\": \"02:34:36\", \"text\": \"Bye,"
            + " bobby.\"}\n\n";
    assertThat(calls(stream))
        .containsExactly(
            event(
                "userconnect",
                "{\"username\": \"bobby\", \"time\": \"02:33:48\"}",
                null,
                null,
                null),
            event(
                "usermessage",
                "{\"username\": \"bobby\", \"time\": \"02:34:11\", \"text\": \"Hi everyone.\"}",
                null,
                null,
                null),
            event(
                "userdisconnect",
                "{\"username\": \"bobby\", \"time\": \"02:34:23\"}",
                null,
                null,
                null),
            event(
                "usermessage",
                "{\"username\": \"sean\", \"time\": \"02:34:36\", \"text\": \"Bye, bobby.\"}",
                null,
                null,
                null));
  }

  @Test
  void mdnMixingAndMatching() {
    String stream =
        "event: userconnect\n"
            + "data: {\"username\": \"bobby\", \"time\": \"02:33:48\"}\n\n"
            + "data: Here's a system message of some kind that will get used\n"
            + "data: to accomplish some task.\n\n"
            + "event: usermessage\n"
            + "data: {\"username\": \"bobby\", \"time\": \"02:34:11\", \"text\": \"Hi"
            + " everyone.\"}\n\n";
    assertThat(calls(stream))
        .containsExactly(
            event(
                "userconnect",
                "{\"username\": \"bobby\", \"time\": \"02:33:48\"}",
                null,
                null,
                null),
            message(
                "Here's a system message of some kind that will get used\n"
                    + "to accomplish some task."),
            event(
                "usermessage",
                "{\"username\": \"bobby\", \"time\": \"02:34:11\", \"text\": \"Hi everyone.\"}",
                null,
                null,
                null));
  }

  @Test
  void whatwgFourBlocksWithIds() {
    // A comment block; an event with id 1; an empty id resetting the last event ID; a value whose
    // second leading space is kept.
    String stream =
        ": test stream\n\n"
            + "data: first event\nid: 1\n\n"
            + "data:second event\nid\n\n"
            + "data:  third event\n";
    assertThat(calls(stream + "\n"))
        .containsExactly(
            new Comment("test stream"),
            new LastId("1"),
            event("message", "first event", "1", null, null),
            new LastId(""),
            event("message", "second event", "", null, null),
            message(" third event"));
  }

  @Test
  void whatwgEmptyDataAndUnfinishedEvent() {
    // The first block dispatches "", the second "\n", the last is discarded at the end of the
    // stream because no blank line follows it.
    String stream = "data\n\ndata\ndata\n\ndata:";
    assertThat(calls(stream)).containsExactly(message(""), message("\n"));
  }

  @Test
  void whatwgSpaceAfterTheColonIsOptional() {
    assertThat(calls("data:test\n\ndata: test\n\n"))
        .containsExactly(message("test"), message("test"));
  }

  @Test
  void whatwgStockTicker() {
    String stream = "data: YHOO\ndata: +2\ndata: 10\n\n";
    assertThat(calls(stream)).containsExactly(message("YHOO\n+2\n10"));
  }
}
