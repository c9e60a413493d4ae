package io.dmicro.spring.cloud.etcd.internal;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.lease.LeaseKeepAliveResponse;
import io.etcd.jetcd.options.PutOption;
import io.etcd.jetcd.support.CloseableClient;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node's record in etcd, alive as long as this process keeps it: written under a lease of
 * {@code ttl}, which jetcd keeps alive (a refresh every third of the TTL); if the lease is lost
 * (etcd restarted, or it could not be reached for longer than the TTL) the record is written again
 * under a new lease, retrying every second until it succeeds or the node is removed. A process that
 * dies leaves its record for at most one TTL.
 */
public final class NodeLease {

    private static final Logger log = LoggerFactory.getLogger(NodeLease.class);
    private static final Duration RETRY = Duration.ofSeconds(1);

    private final Client client;
    private final String key;
    private final byte[] value;
    private final Duration ttl;
    private final Duration timeout;
    private final ScheduledExecutorService scheduler;
    private final Object lock = new Object();
    private long leaseId;
    private @Nullable CloseableClient keepAlive;
    private boolean removed;

    private NodeLease(Client client, String key, byte[] value, Duration ttl, Duration timeout, ScheduledExecutorService scheduler) {
        this.client = client;
        this.key = key;
        this.value = value;
        this.ttl = ttl;
        this.timeout = timeout;
        this.scheduler = scheduler;
    }

    /** Writes the record under a new lease and keeps it alive; fails if etcd does not take it within {@code timeout}. */
    public static NodeLease write(Client client, String key, byte[] value, Duration ttl, Duration timeout, ScheduledExecutorService scheduler) {
        NodeLease lease = new NodeLease(client, key, value, ttl, timeout, scheduler);
        synchronized (lease.lock) {
            lease.grantAndPut();
        }
        return lease;
    }

    public String key() {
        return key;
    }

    /** The lease the record is written under now. */
    public long leaseId() {
        synchronized (lock) {
            return leaseId;
        }
    }

    private void grantAndPut() {
        long id = await(client.getLeaseClient().grant(Math.max(1, ttl.toSeconds())), "granting a lease for " + key).getID();
        await(client.getKVClient().put(RegistryCache.bytes(key), ByteSequence.from(value), PutOption.builder().withLeaseId(id).build()),
                "writing " + key);
        leaseId = id;
        keepAlive = client.getLeaseClient().keepAlive(id, new Observer(id));
    }

    /** Called on jetcd's threads: the work moves to our scheduler, which may block on etcd without stalling jetcd. */
    private void lostAsync(long id, @Nullable Throwable cause) {
        try {
            scheduler.execute(() -> lost(id, cause));
        } catch (RuntimeException e) {
            log.debug("not rewriting {}: the registry is shutting down", key);
        }
    }

    private void lost(long id, @Nullable Throwable cause) {
        synchronized (lock) {
            if (removed || id != leaseId) {
                return;
            }
            if (keepAlive != null) {
                keepAlive.close();
                keepAlive = null;
            }
            leaseId = 0;
        }
        log.warn("the etcd lease of {} was lost ({}); writing the record again", key, cause == null ? "keep-alive ended" : cause.toString());
        scheduleRewrite();
    }

    private void scheduleRewrite() {
        try {
            scheduler.schedule(this::rewrite, RETRY.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            log.debug("not rewriting {}: the registry is shutting down", key);
        }
    }

    private void rewrite() {
        synchronized (lock) {
            if (removed || leaseId != 0) {
                return;
            }
            try {
                grantAndPut();
                log.info("etcd record {} written again under lease {}", key, Long.toHexString(leaseId));
                return;
            } catch (RuntimeException e) {
                log.warn("writing etcd record {} again failed; retrying in {}: {}", key, RETRY, e.toString());
            }
        }
        scheduleRewrite();
    }

    /** Stops keeping the record alive, deletes it and revokes its lease; a failure is logged (the lease expires anyway). */
    public void remove() {
        long id;
        synchronized (lock) {
            if (removed) {
                return;
            }
            removed = true;
            if (keepAlive != null) {
                keepAlive.close();
                keepAlive = null;
            }
            id = leaseId;
        }
        try {
            await(client.getKVClient().delete(RegistryCache.bytes(key)), "deleting " + key);
            if (id != 0) {
                await(client.getLeaseClient().revoke(id), "revoking the lease of " + key);
            }
        } catch (RuntimeException e) {
            log.warn("removing etcd record {} failed; it expires with its lease within {}: {}", key, ttl, e.toString());
        }
    }

    private <T> T await(CompletableFuture<T> future, String what) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + what, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(what + " in etcd failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new IllegalStateException("etcd did not answer within " + timeout + " " + what, e);
        }
    }

    /** Hears jetcd's keep-alive of one lease; its end, while the node is registered, means the lease is gone. */
    private final class Observer implements StreamObserver<LeaseKeepAliveResponse> {
        private final long id;

        Observer(long id) {
            this.id = id;
        }

        @Override
        public void onNext(LeaseKeepAliveResponse response) {
            if (response.getTTL() <= 0) {
                lostAsync(id, null);
            }
        }

        @Override
        public void onError(Throwable error) {
            lostAsync(id, error);
        }

        @Override
        public void onCompleted() {
            lostAsync(id, null);
        }
    }
}
