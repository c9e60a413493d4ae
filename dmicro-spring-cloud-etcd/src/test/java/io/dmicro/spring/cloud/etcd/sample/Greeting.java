package io.dmicro.spring.cloud.etcd.sample;

/** The body of the Go peers' /echo: name "x" comes back "hello x", n as n+1. */
public record Greeting(String name, int n) {
}
