package io.dmicro.demo;

/** What the server sends when it calls back {@code /greeter/hello} on a client. */
public record Hello(String from, long seq) {
}
