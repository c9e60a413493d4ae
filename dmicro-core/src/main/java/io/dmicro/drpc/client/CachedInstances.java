package io.dmicro.drpc.client;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.dmicro.selector.Instance;

/**
 * The instances a registry query lists for one service, reused for {@code refresh} so that a call does not
 * query the registry. A list older than that, an empty one, or one {@link #invalidate() invalidated}
 * after a connection error is asked for again; one query runs at a time and callers arriving
 * meanwhile share it. When a query fails, the last list known is served for another period.
 */
public final class CachedInstances implements InstanceSource {

    private static final Logger log = LoggerFactory.getLogger(CachedInstances.class);

    private final String serviceId;
    private final Supplier<List<Instance>> query;
    private final long refreshNanos;
    private final Executor executor;
    private final Consumer<List<Instance>> onRefresh;
    private final LongSupplier clock;
    private final Object lock = new Object();
    /** Read without the lock on every call: a fresh list is served without taking it. */
    private volatile @Nullable Snapshot snapshot;
    private @Nullable CompletableFuture<List<Instance>> refreshing;

    /**
     * @param query asks the registry; may block
     * @param refresh how long a list is reused; zero asks on every call
     * @param executor where queries run for callers that must not block
     * @param onRefresh told each new list, on the thread that queried
     */
    public CachedInstances(String serviceId, Supplier<List<Instance>> query, Duration refresh, Executor executor,
            Consumer<List<Instance>> onRefresh) {
        this(serviceId, query, refresh, executor, onRefresh, System::nanoTime);
    }

    CachedInstances(String serviceId, Supplier<List<Instance>> query, Duration refresh, Executor executor,
            Consumer<List<Instance>> onRefresh, LongSupplier clock) {
        if (refresh.isNegative()) {
            throw new IllegalArgumentException("instance refresh of service " + serviceId + " must not be negative: " + refresh);
        }
        this.serviceId = serviceId;
        this.query = query;
        this.refreshNanos = refresh.toNanos();
        this.executor = executor;
        this.onRefresh = onRefresh;
        this.clock = clock;
    }

    /**
     * The instances: at once while the list is fresh, else once a query answers. The query runs on
     * this thread when {@code mayBlock}, else on the executor, so the caller never waits for the registry.
     */
    @Override
    public CompletableFuture<List<Instance>> instances(boolean mayBlock) {
        Snapshot fresh = snapshot;
        if (fresh != null && fresh.isFresh(clock.getAsLong(), refreshNanos)) {
            return CompletableFuture.completedFuture(fresh.instances());
        }
        CompletableFuture<List<Instance>> mine;
        synchronized (lock) {
            Snapshot s = snapshot;
            if (s != null && s.isFresh(clock.getAsLong(), refreshNanos)) {
                return CompletableFuture.completedFuture(s.instances());
            }
            if (refreshing != null) {
                return refreshing;
            }
            mine = new CompletableFuture<>();
            refreshing = mine;
        }
        if (mayBlock) {
            query(mine);
        } else {
            try {
                executor.execute(() -> query(mine));
            } catch (RuntimeException e) {
                finish(mine, null, e);
            }
        }
        return mine;
    }

    /** Makes the next {@link #instances} ask the registry, as after a connection error: the instance may be gone. */
    @Override
    public void invalidate() {
        synchronized (lock) {
            if (snapshot != null) {
                snapshot = new Snapshot(snapshot.instances(), snapshot.fetchedAt(), true);
            }
        }
    }

    private void query(CompletableFuture<List<Instance>> mine) {
        List<Instance> found;
        try {
            List<Instance> answer = query.get();
            found = answer == null ? List.of() : List.copyOf(answer);
        } catch (RuntimeException e) {
            finish(mine, null, e);
            return;
        }
        try {
            onRefresh.accept(found);
        } catch (RuntimeException e) {
            log.warn("handling the new instance list of {} failed", serviceId, e);
        }
        finish(mine, found, null);
    }

    private void finish(CompletableFuture<List<Instance>> mine, @Nullable List<Instance> found, @Nullable RuntimeException error) {
        List<Instance> result = found;
        synchronized (lock) {
            refreshing = null;
            long now = clock.getAsLong();
            if (found != null) {
                snapshot = new Snapshot(found, now, false);
            } else if (snapshot != null) {
                // the registry is unreachable: keep calling the instances we know, and ask again a period later
                log.warn("discovery of {} failed; using the last {} instances known: {}", serviceId, snapshot.instances().size(),
                        String.valueOf(error));
                snapshot = new Snapshot(snapshot.instances(), now, false);
                result = snapshot.instances();
            }
        }
        if (result != null) {
            mine.complete(result);
        } else {
            mine.completeExceptionally(error);
        }
    }

    /** One answer of discovery; an empty one is never reused, so a service that appears is found at once. */
    private record Snapshot(List<Instance> instances, long fetchedAt, boolean stale) {
        boolean isFresh(long now, long refreshNanos) {
            return !stale && !instances.isEmpty() && now - fetchedAt < refreshNanos;
        }
    }
}
