package io.dmicro.spring.boot.autoconfigure.sample;

import io.dmicro.drpc.session.CallOptions;
import io.dmicro.spring.boot.autoconfigure.DrpcClient;
import io.dmicro.spring.boot.autoconfigure.DrpcRoute;
import java.util.concurrent.CompletableFuture;

/** A client of the math-server service. */
@DrpcClient("math-server")
public interface MathClient {

    int add(Args args);

    @DrpcRoute("/math/add")
    CompletableFuture<Integer> addAsync(Args args);

    int fail(Args args);

    String who(CallOptions options);

    default int twice(Args args) {
        return add(args) * 2;
    }
}
