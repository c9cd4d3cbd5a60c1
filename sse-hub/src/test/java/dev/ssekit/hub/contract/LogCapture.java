package dev.ssekit.hub.contract;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;

/** A JUL handler that keeps what it is given, for tests that check what was logged, and how often. */
public final class LogCapture extends Handler {
  /** The records published so far, in order. */
  public final List<LogRecord> records = new CopyOnWriteArrayList<>();

  @Override
  public void publish(LogRecord record) {
    records.add(record);
  }

  @Override
  public void flush() {}

  @Override
  public void close() {}
}
