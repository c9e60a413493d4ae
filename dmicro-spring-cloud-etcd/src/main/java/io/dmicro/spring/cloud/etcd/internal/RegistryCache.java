package io.dmicro.spring.cloud.etcd.internal;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.Watch;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.WatchOption;
import io.etcd.jetcd.watch.WatchEvent;
import io.etcd.jetcd.watch.WatchResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every record under the registry prefix, kept current by one etcd watch: the first read lists the
 * prefix and watches it from the next revision, so no change between the two is lost. Reads are
 * then served from memory. When the watch fails (etcd compacted past it, or it was cancelled) the
 * cache marks itself stale and the next read lists and watches again. jetcd resumes a watch across
 * a lost connection by itself.
 */
public final class RegistryCache implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RegistryCache.class);

    private final Client client;
    private final RegistryLayout layout;
    private final RecordCodec codec;
    private final Duration timeout;
    private final Object lock = new Object();
    private volatile Map<String, ServiceRecord> records = new ConcurrentHashMap<>();
    private volatile boolean synced;
    private volatile boolean closed;
    private Watch.@Nullable Watcher watcher;
    private long generation;

    public RegistryCache(Client client, RegistryLayout layout, RecordCodec codec, Duration timeout) {
        this.client = client;
        this.layout = layout;
        this.codec = codec;
        this.timeout = timeout;
    }

    /** The records now registered, keyed by etcd key; lists and watches first when not yet in sync. */
    public Map<String, ServiceRecord> records() {
        ensureSynced();
        return Map.copyOf(records);
    }

    /** Whether the cache follows etcd now (false before the first read and after a watch failure). */
    public boolean isSynced() {
        return synced;
    }

    private void ensureSynced() {
        if (synced) {
            return;
        }
        synchronized (lock) {
            if (synced) {
                return;
            }
            if (closed) {
                throw new IllegalStateException("the etcd registry cache is closed");
            }
            ByteSequence prefix = bytes(layout.prefix());
            GetResponse listing = await(client.getKVClient().get(prefix, GetOption.builder().isPrefix(true).build()));
            Map<String, ServiceRecord> fresh = new ConcurrentHashMap<>();
            for (KeyValue kv : listing.getKvs()) {
                put(fresh, kv);
            }
            records = fresh;
            if (watcher != null) {
                watcher.close();
            }
            long mine = ++generation;
            WatchOption option = WatchOption.builder().isPrefix(true).withRevision(listing.getHeader().getRevision() + 1).build();
            watcher = client.getWatchClient().watch(prefix, option,
                    Watch.listener(response -> onEvents(mine, response), error -> onWatchEnded(mine, error), () -> onWatchEnded(mine, null)));
            synced = true;
            log.debug("etcd registry cache listed {} records under {} at revision {}", records.size(), layout.prefix(),
                    listing.getHeader().getRevision());
        }
    }

    private void onEvents(long watchGeneration, WatchResponse response) {
        synchronized (lock) {
            if (watchGeneration != generation) {
                return;
            }
            for (WatchEvent event : response.getEvents()) {
                switch (event.getEventType()) {
                    case PUT -> put(records, event.getKeyValue());
                    case DELETE -> records.remove(text(event.getKeyValue().getKey()));
                    default -> log.debug("ignoring an unrecognised etcd watch event on {}", text(event.getKeyValue().getKey()));
                }
            }
        }
    }

    private void onWatchEnded(long watchGeneration, @Nullable Throwable error) {
        synchronized (lock) {
            if (watchGeneration != generation || closed) {
                return;
            }
            synced = false;
        }
        log.warn("the etcd watch on {} ended ({}); the next lookup lists the registry again", layout.prefix(),
                error == null ? "completed" : error.toString());
    }

    private void put(Map<String, ServiceRecord> into, KeyValue kv) {
        String key = text(kv.getKey());
        if (layout.serviceSegment(key).isEmpty()) {
            return;
        }
        codec.decode(key, kv.getValue().getBytes()).ifPresentOrElse(r -> into.put(key, r), () -> into.remove(key));
    }

    private <T> T await(CompletableFuture<T> future) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while listing the etcd registry", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("listing the etcd registry under " + layout.prefix() + " failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new IllegalStateException("etcd did not list the registry under " + layout.prefix() + " within " + timeout, e);
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            synced = false;
            generation++;
            if (watcher != null) {
                watcher.close();
                watcher = null;
            }
        }
    }

    static ByteSequence bytes(String s) {
        return ByteSequence.from(s, StandardCharsets.UTF_8);
    }

    static String text(ByteSequence b) {
        return b.toString(StandardCharsets.UTF_8);
    }
}
