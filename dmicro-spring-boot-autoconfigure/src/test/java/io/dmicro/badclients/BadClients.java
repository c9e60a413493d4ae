package io.dmicro.badclients;

import io.dmicro.spring.boot.autoconfigure.DrpcCallSettings;
import io.dmicro.spring.boot.autoconfigure.DrpcClient;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Client interfaces that start-up must refuse, each for one reason; outside the scanned packages so only the refusal tests meet them. */
public final class BadClients {

    private BadClients() {
    }

    @DrpcClient(url = "local://nowhere")
    public interface ReturnsFlux {
        Flux<Integer> many(int x);
    }

    @DrpcClient(url = "local://nowhere")
    public interface ReturnsStream {
        Stream<String> lines();
    }

    @DrpcClient(url = "local://nowhere")
    public interface ReturnsPlainFuture {
        Future<String> later();
    }

    @DrpcClient(url = "local://nowhere")
    public interface TakesMono {
        int add(Mono<Integer> x);
    }

    @DrpcClient(url = "local://nowhere")
    public interface BadTimeout {
        @DrpcCallSettings(timeout = "soon")
        int add(int x);
    }
}
