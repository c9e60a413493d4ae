package io.dmicro.spring.boot.autoconfigure.client;

import io.dmicro.drpc.session.CallOptions;
import io.dmicro.drpc.session.Session;
import io.dmicro.drpc.status.DrpcException;
import io.dmicro.drpc.status.Status;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;

/**
 * Calls the instances of one service: discovers them, lets the {@link LoadBalancer} pick one, reuses
 * its session, and when the instance cannot be reached (status 105 or 102) tries another, up to
 * {@code maxAttempts}. Any other failure is the caller's to see: a handler's error is never retried.
 *
 * <p>A retry after 102 may run a call twice on the server if the connection broke after the request
 * arrived: connection errors are retried on the assumption that routes tolerate it, as with any
 * at-least-once RPC.
 */
public final class ServiceCaller {

    private static final Logger log = LoggerFactory.getLogger(ServiceCaller.class);

    private final String serviceId;
    private final Supplier<DiscoveryClient> discovery;
    private final LoadBalancer balancer;
    private final PeerSessions peers;
    private final int maxAttempts;
    private final @Nullable Duration callTimeout;
    private final Executor retryExecutor;
    private final ClientCallObserver observer;
    private final Set<String> seen = ConcurrentHashMap.newKeySet();

    public ServiceCaller(String serviceId, Supplier<DiscoveryClient> discovery, LoadBalancer balancer, PeerSessions peers, int maxAttempts,
            @Nullable Duration callTimeout, Executor retryExecutor, ClientCallObserver observer) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts of client " + serviceId + " must be at least 1: " + maxAttempts);
        }
        this.serviceId = serviceId;
        this.discovery = discovery;
        this.balancer = balancer;
        this.peers = peers;
        this.maxAttempts = maxAttempts;
        this.callTimeout = callTimeout;
        this.retryExecutor = retryExecutor;
        this.observer = observer;
    }

    public String serviceId() {
        return serviceId;
    }

    /** Calls {@code route}; the first attempt (discovery and, if needed, the dial) runs on the calling thread. */
    public <T> CompletableFuture<T> call(String route, @Nullable Object arg, Type replyType, CallOptions options) {
        CallOptions effective = options.timeout() == null && callTimeout != null ? options.withTimeout(callTimeout) : options;
        CompletableFuture<T> result = new CompletableFuture<>();
        attempt(route, arg, replyType, effective, 1, new HashSet<>(), null, result);
        return result;
    }

    private <T> void attempt(String route, @Nullable Object arg, Type replyType, CallOptions options, int attempt, Set<String> failed,
            @Nullable DrpcException lastError, CompletableFuture<T> result) {
        long start = System.nanoTime();
        String address = "";
        Session session;
        try {
            ServiceInstance instance = choose(route, options, failed, lastError);
            address = InstanceMetadata.address(instance);
            session = peers.session(address);
        } catch (DrpcException e) {
            observer.attempted(serviceId, route, address, e.code(), Duration.ofNanos(System.nanoTime() - start));
            retryOrFail(route, arg, replyType, options, attempt, failed, address, e, result);
            return;
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
            return;
        }
        String peer = address;
        session.<T>call(route, arg, replyType, options).whenComplete((value, error) -> {
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            if (error == null) {
                observer.attempted(serviceId, route, peer, Status.OK_CODE, took);
                result.complete(value);
                return;
            }
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            if (!(cause instanceof DrpcException d)) {
                observer.attempted(serviceId, route, peer, Status.UNKNOWN_ERROR, took);
                result.completeExceptionally(cause);
                return;
            }
            observer.attempted(serviceId, route, peer, d.code(), took);
            retryOrFail(route, arg, replyType, options, attempt, failed, peer, d, result);
        });
    }

    private <T> void retryOrFail(String route, @Nullable Object arg, Type replyType, CallOptions options, int attempt, Set<String> failed,
            String address, DrpcException error, CompletableFuture<T> result) {
        if (!error.status().isConnectionError() || attempt >= maxAttempts) {
            result.completeExceptionally(error);
            return;
        }
        if (!address.isEmpty()) {
            failed.add(address);
        }
        log.debug("{} {} via {} failed with {}; trying another instance", serviceId, route, address, error.status());
        // a retry may dial, which blocks: never on the I/O thread that completed the failed call
        retryExecutor.execute(() -> attempt(route, arg, replyType, options, attempt + 1, failed, error, result));
    }

    private ServiceInstance choose(String route, CallOptions options, Set<String> failed, @Nullable DrpcException lastError) {
        List<ServiceInstance> all = discovery.get().getInstances(serviceId);
        List<String> live = all.stream().map(InstanceMetadata::address).toList();
        peers.retainOnly(live, seen);
        seen.addAll(live);
        List<ServiceInstance> candidates = new ArrayList<>();
        for (ServiceInstance instance : all) {
            if (!failed.contains(InstanceMetadata.address(instance))) {
                candidates.add(instance);
            }
        }
        if (candidates.isEmpty()) {
            if (lastError != null) {
                throw lastError;
            }
            throw new DrpcException(Status.withCause(Status.SERVICE_UNAVAILABLE, "no instance of service " + serviceId + " in discovery"));
        }
        PickContext pick = new PickContext(serviceId, route, options.meta(), i -> peers.callsInFlight(InstanceMetadata.address(i)));
        return balancer.choose(candidates, pick);
    }
}
