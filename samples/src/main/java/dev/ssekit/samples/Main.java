package dev.ssekit.samples;

/** Placeholder entry point; replaced by the samples work. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {}
}
