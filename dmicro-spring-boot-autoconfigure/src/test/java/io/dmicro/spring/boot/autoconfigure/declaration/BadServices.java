package io.dmicro.spring.boot.autoconfigure.declaration;

import io.dmicro.spring.boot.autoconfigure.DrpcService;
import reactor.core.publisher.Flux;

/** A service whose method a single reply cannot carry. */
@DrpcService("bad")
public class BadServices {

    public Flux<Integer> many(int x) {
        return Flux.range(0, x);
    }
}
