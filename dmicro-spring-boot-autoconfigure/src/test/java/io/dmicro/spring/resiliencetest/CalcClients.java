package io.dmicro.spring.resiliencetest;

import io.dmicro.drpc.status.DrpcException;
import io.dmicro.spring.boot.autoconfigure.DrpcClient;
import io.dmicro.spring.boot.autoconfigure.DrpcFallback;
import io.dmicro.spring.boot.autoconfigure.DrpcRoute;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Mono;

/**
 * The clients of {@code ClientResilienceIntegrationTest}, outside the auto-configuration packages
 * that other tests' applications scan for {@code @DrpcClient} interfaces (one of them is meant to fail).
 */
public final class CalcClients {

    private CalcClients() {
    }

    public record Sum(int a, int b) {
    }

    @DrpcClient(value = "calc-server", fallback = CalcFallback.class)
    public interface CalcClient {
        int add(Sum s);

        @DrpcRoute("/calc/add")
        CompletableFuture<Integer> addAsync(Sum s);

        @DrpcRoute("/calc/add")
        Mono<Integer> addMono(Sum s);
    }

    /** The same service, with a default-method fallback that sees the failure. */
    @DrpcClient(value = "calc-server", service = "calc")
    public interface CalcWithDefault {
        @DrpcFallback("addOffline")
        int add(Sum s);

        default int addOffline(Sum s, Throwable failure) {
            return failure instanceof DrpcException d ? -d.code() : -1;
        }
    }

    /** Answers -1 for every failed call. */
    public static class CalcFallback implements CalcClient {
        public final AtomicInteger answered = new AtomicInteger();

        @Override
        public int add(Sum s) {
            answered.incrementAndGet();
            return -1;
        }

        @Override
        public CompletableFuture<Integer> addAsync(Sum s) {
            answered.incrementAndGet();
            return CompletableFuture.completedFuture(-1);
        }

        @Override
        public Mono<Integer> addMono(Sum s) {
            answered.incrementAndGet();
            return Mono.just(-1);
        }
    }

    /** Names a fallback method that does not exist. */
    @DrpcClient("calc-server")
    public interface BadFallback {
        @DrpcFallback("nowhere")
        int add(Sum s);
    }
}
