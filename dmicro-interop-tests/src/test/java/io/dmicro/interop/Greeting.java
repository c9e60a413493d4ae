package io.dmicro.interop;

/** The body of the structured test routes, as the Go peers' {@code peer.Greeting} (json, xml, form). */
public record Greeting(String name, int n) {
}
