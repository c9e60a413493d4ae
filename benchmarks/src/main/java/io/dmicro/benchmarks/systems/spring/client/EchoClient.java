package io.dmicro.benchmarks.systems.spring.client;

import io.dmicro.benchmarks.systems.DrpcSystem.EchoBody;
import io.dmicro.spring.boot.autoconfigure.DrpcClient;
import java.util.concurrent.CompletableFuture;

/**
 * The echo route through a {@code @DrpcClient} proxy: {@code /bench/echo} on the instances that
 * Spring Cloud's simple discovery lists for {@link #SERVICE_ID}. The future lets the closed loop
 * issue the next call from the completion, as for every other system.
 */
@DrpcClient(value = EchoClient.SERVICE_ID, service = "bench")
public interface EchoClient {

  String SERVICE_ID = "bench-echo";

  CompletableFuture<EchoBody> echo(EchoBody body);
}
