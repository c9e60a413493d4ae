package io.dmicro.spring.cloud.etcd.sample;

/** The body of the Java service's /math/add (the Go client sends {"a":..,"b":..}). */
public record Args(int a, int b) {
}
