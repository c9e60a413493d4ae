package io.dmicro.drpc.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dmicro.selector.Instance;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class CachedInstancesTest {

    private static final Duration REFRESH = Duration.ofSeconds(10);
    private static final List<Instance> ONE = List.of(Instance.of("10.0.0.1:9090"));
    private static final List<Instance> TWO = List.of(Instance.of("10.0.0.1:9090"), Instance.of("10.0.0.2:9090"));

    private final AtomicLong now = new AtomicLong(1_000);
    private final AtomicInteger queries = new AtomicInteger();
    private final AtomicReference<Supplier<List<Instance>>> registry = new AtomicReference<>(() -> ONE);
    private final List<Runnable> queued = new ArrayList<>();
    private final List<List<Instance>> refreshed = new ArrayList<>();

    private final CachedInstances cached = new CachedInstances("math", () -> {
        queries.incrementAndGet();
        return registry.get().get();
    }, REFRESH, queued::add, refreshed::add, now::get);

    @Test
    void aFreshListIsServedWithoutAskingTheRegistryAgain() {
        assertThat(cached.instances(true).join()).isEqualTo(ONE);
        registry.set(() -> TWO);
        now.addAndGet(REFRESH.toNanos() - 1);

        assertThat(cached.instances(true).join()).isEqualTo(ONE);
        assertThat(queries).hasValue(1);
        assertThat(refreshed).containsExactly(ONE);
    }

    @Test
    void aListAsOldAsTheRefreshIsAskedForAgain() {
        cached.instances(true).join();
        registry.set(() -> TWO);
        now.addAndGet(REFRESH.toNanos());

        assertThat(cached.instances(true).join()).isEqualTo(TWO);
        assertThat(queries).hasValue(2);
    }

    @Test
    void anInvalidatedListIsAskedForAgainAtOnce() {
        cached.instances(true).join();
        registry.set(() -> TWO);
        cached.invalidate();

        assertThat(cached.instances(true).join()).isEqualTo(TWO);
        assertThat(queries).hasValue(2);
    }

    @Test
    void anEmptyAnswerIsNeverReused() {
        registry.set(List::of);
        assertThat(cached.instances(true).join()).isEmpty();
        registry.set(() -> ONE);

        assertThat(cached.instances(true).join()).isEqualTo(ONE);
        assertThat(queries).hasValue(2);
    }

    @Test
    void callersThatMustNotBlockShareOneQueryOnTheExecutor() {
        CompletableFuture<List<Instance>> first = cached.instances(false);
        CompletableFuture<List<Instance>> second = cached.instances(false);
        assertThat(first).isNotDone();
        assertThat(queued).hasSize(1);
        assertThat(second).isSameAs(first);

        queued.get(0).run();

        assertThat(first.join()).isEqualTo(ONE);
        assertThat(queries).hasValue(1);
    }

    @Test
    void whenTheRegistryFailsTheLastListIsServedForAnotherPeriod() {
        cached.instances(true).join();
        now.addAndGet(REFRESH.toNanos());
        registry.set(() -> {
            throw new IllegalStateException("registry down");
        });

        assertThat(cached.instances(true).join()).isEqualTo(ONE);
        assertThat(cached.instances(true).join()).isEqualTo(ONE);
        assertThat(queries).as("the failure is not asked again within the period").hasValue(2);
    }

    @Test
    void aFirstQueryThatFailsFailsTheCallers() {
        registry.set(() -> {
            throw new IllegalStateException("registry down");
        });

        assertThatThrownBy(() -> cached.instances(true).join()).isInstanceOf(CompletionException.class)
                .hasRootCauseMessage("registry down");
    }

    @Test
    void manyThreadsOnAFreshListAllSeeIt() throws Exception {
        cached.instances(true).join();
        Thread[] threads = new Thread[8];
        AtomicInteger wrong = new AtomicInteger();
        for (int t = 0; t < threads.length; t++) {
            threads[t] = new Thread(() -> {
                for (int i = 0; i < 10_000; i++) {
                    if (cached.instances(false).join() != ONE) {
                        wrong.incrementAndGet();
                    }
                }
            });
            threads[t].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        assertThat(wrong).hasValue(0);
        assertThat(queries).hasValue(1);
        assertThat(queued).isEmpty();
    }
}
