package io.dmicro.demo;

/** The body of {@code /math/add}: {@code {"a":1,"b":2}}. */
public record Args(int a, int b) {
}
