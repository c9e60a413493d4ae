package io.dmicro.spring.boot.autoconfigure.client;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;

/** The one class that touches Reactor on the client side, loaded only for methods that return a Mono. */
final class ReactorCalls {

    private ReactorCalls() {
    }

    static Mono<Object> mono(Supplier<CompletableFuture<Object>> call) {
        return Mono.fromFuture(call);
    }

    /** A fallback's Mono as a future. */
    @SuppressWarnings("unchecked")
    static CompletableFuture<Object> toFuture(Object mono) {
        return ((Mono<Object>) mono).toFuture();
    }
}
