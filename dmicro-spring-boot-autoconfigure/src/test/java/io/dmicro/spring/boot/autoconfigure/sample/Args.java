package io.dmicro.spring.boot.autoconfigure.sample;

/** The body of /math/add. */
public record Args(int a, int b) {
}
