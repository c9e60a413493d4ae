package io.dmicro.demo;

/** What the server pushes to {@code /demo/tick}. */
public record Tick(long seq, String time) {
}
