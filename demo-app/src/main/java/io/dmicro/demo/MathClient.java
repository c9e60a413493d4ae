package io.dmicro.demo;

import io.dmicro.spring.boot.autoconfigure.DrpcClient;
import io.dmicro.spring.boot.autoconfigure.DrpcRoute;
import java.util.concurrent.CompletableFuture;

/** The demo server's math, as the client sees it: peers of service {@code dmicro-demo} found by discovery. */
@DrpcClient("dmicro-demo")
public interface MathClient {

    /** {@code /math/add}, waiting for the reply. */
    int add(Args args);

    /** The same route without blocking. */
    @DrpcRoute("/math/add")
    CompletableFuture<Integer> addAsync(Args args);
}
