package io.dmicro.interop;

/** Asks the {@code /fail} route for a status, as the Go peers' {@code peer.Failure}. */
public record Failure(int code, String msg, String cause) {
}
