package io.dmicro.spring.boot.autoconfigure.declaration;

import io.dmicro.spring.boot.autoconfigure.DrpcCallSettings;
import io.dmicro.spring.boot.autoconfigure.DrpcClient;
import io.dmicro.spring.boot.autoconfigure.DrpcRoute;
import java.util.concurrent.CompletableFuture;
import reactor.core.publisher.Mono;

/** A client with a direct url and per-method settings. */
@DrpcClient(url = "${calc.url:local://calc}", service = "calc")
@DrpcCallSettings(meta = "X-Tenant=blue")
public interface CalcClient {

    Mono<Integer> twice(int x);

    Mono<Integer> nothing();

    Mono<Integer> broken(int x);

    @DrpcRoute("/calc/twice")
    CompletableFuture<Integer> twiceAsync(int x);

    String seen(String body);

    @DrpcRoute("/calc/seen")
    @DrpcCallSettings(meta = "X-Tenant=green", bodyCodec = "plain")
    String seenPlain(String body);

    @DrpcCallSettings(timeout = "300ms", idempotent = true)
    String slow();

}
