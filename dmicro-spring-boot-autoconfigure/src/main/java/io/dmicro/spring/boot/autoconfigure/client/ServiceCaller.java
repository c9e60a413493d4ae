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
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.client.ServiceInstance;

/**
 * Calls the instances of one service: takes the cached instance list ({@link ServiceInstances}), lets
 * the {@link LoadBalancer} pick one, reuses its session, and when the instance cannot be reached
 * (status 105 or 102) asks discovery again and tries another, up to {@code maxAttempts}. Any other
 * failure is the caller's to see: a handler's error is never retried.
 *
 * <p>Nothing here blocks unless the caller allows it: a discovery query then runs on the calling
 * thread, else on the discovery executor; dials always run through {@code Endpoint.dialAsync}.
 *
 * <p>A retry after 102 may run a call twice on the server if the connection broke after the request
 * arrived: connection errors are retried on the assumption that routes tolerate it, as with any
 * at-least-once RPC.
 */
public final class ServiceCaller {

    private static final Logger log = LoggerFactory.getLogger(ServiceCaller.class);

    private final String serviceId;
    private final ServiceInstances instances;
    private final LoadBalancer balancer;
    private final PeerSessions peers;
    private final int maxAttempts;
    private final @Nullable Duration callTimeout;
    private final Function<ServiceInstance, String> dialUri;
    private final ClientCallObserver observer;

    /**
     * @param dialUri what to dial for an instance: its {@code host:port}, or a {@code tls://} URI
     */
    public ServiceCaller(String serviceId, ServiceInstances instances, LoadBalancer balancer, PeerSessions peers, int maxAttempts,
            @Nullable Duration callTimeout, Function<ServiceInstance, String> dialUri, ClientCallObserver observer) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts of client " + serviceId + " must be at least 1: " + maxAttempts);
        }
        this.serviceId = serviceId;
        this.instances = instances;
        this.balancer = balancer;
        this.peers = peers;
        this.maxAttempts = maxAttempts;
        this.callTimeout = callTimeout;
        this.dialUri = dialUri;
        this.observer = observer;
    }

    public String serviceId() {
        return serviceId;
    }

    /**
     * Calls {@code route}. With {@code mayBlock} false the calling thread never waits: a discovery
     * query or a dial the call needs runs elsewhere and the future completes later.
     */
    public <T> CompletableFuture<T> call(String route, @Nullable Object arg, Type replyType, CallOptions options, boolean mayBlock) {
        return call(route, arg, replyType, options, mayBlock, false);
    }

    /**
     * Like {@link #call(String, Object, Type, CallOptions, boolean)}, saying whether the call is
     * idempotent ({@code @DrpcCallSettings(idempotent = true)}): carried with the call for the retry
     * rule; today connection errors are retried either way.
     */
    public <T> CompletableFuture<T> call(String route, @Nullable Object arg, Type replyType, CallOptions options, boolean mayBlock,
            boolean idempotent) {
        CallOptions effective = options.timeout() == null && callTimeout != null ? options.withTimeout(callTimeout) : options;
        Attempts<T> call = new Attempts<>(route, arg, replyType, effective, idempotent, new HashSet<>(), new CompletableFuture<>());
        attempt(call, 1, null, mayBlock);
        return call.result;
    }

    private <T> void attempt(Attempts<T> call, int attempt, @Nullable DrpcException lastError, boolean mayBlock) {
        long start = System.nanoTime();
        instances.get(mayBlock).whenComplete((all, discoveryError) -> {
            if (discoveryError != null) {
                call.result.completeExceptionally(PeerSessions.unwrap(discoveryError));
                return;
            }
            ServiceInstance instance;
            try {
                instance = choose(all, call, lastError);
            } catch (DrpcException e) {
                observer.attempted(serviceId, call.route, "", e.code(), Duration.ofNanos(System.nanoTime() - start));
                retryOrFail(call, attempt, "", e);
                return;
            } catch (RuntimeException e) {
                call.result.completeExceptionally(e);
                return;
            }
            String address = InstanceMetadata.address(instance);
            peers.session(address, dialUri.apply(instance)).whenComplete((session, dialError) -> {
                if (dialError == null) {
                    send(call, attempt, session, address, start);
                    return;
                }
                Throwable cause = PeerSessions.unwrap(dialError);
                if (cause instanceof DrpcException d) {
                    observer.attempted(serviceId, call.route, address, d.code(), Duration.ofNanos(System.nanoTime() - start));
                    retryOrFail(call, attempt, address, d);
                } else {
                    observer.attempted(serviceId, call.route, address, Status.UNKNOWN_ERROR, Duration.ofNanos(System.nanoTime() - start));
                    call.result.completeExceptionally(cause);
                }
            });
        });
    }

    private <T> void send(Attempts<T> call, int attempt, Session session, String peer, long start) {
        session.<T>call(call.route, call.arg, call.replyType, call.options).whenComplete((value, error) -> {
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            if (error == null) {
                observer.attempted(serviceId, call.route, peer, Status.OK_CODE, took);
                call.result.complete(value);
                return;
            }
            Throwable cause = PeerSessions.unwrap(error);
            if (!(cause instanceof DrpcException d)) {
                observer.attempted(serviceId, call.route, peer, Status.UNKNOWN_ERROR, took);
                call.result.completeExceptionally(cause);
                return;
            }
            observer.attempted(serviceId, call.route, peer, d.code(), took);
            retryOrFail(call, attempt, peer, d);
        });
    }

    private <T> void retryOrFail(Attempts<T> call, int attempt, String address, DrpcException error) {
        if (!error.status().isConnectionError()) {
            call.result.completeExceptionally(error);
            return;
        }
        // the instance may have left: the next pick, of this call or another, sees a fresh list
        instances.invalidate();
        if (attempt >= maxAttempts) {
            call.result.completeExceptionally(error);
            return;
        }
        if (!address.isEmpty()) {
            call.failed.add(address);
        }
        log.debug("{} {} via {} failed with {}; trying another instance", serviceId, call.route, address, error.status());
        // never blocks, so it may run on the I/O thread that completed the failed attempt
        attempt(call, attempt + 1, error, false);
    }

    private ServiceInstance choose(List<ServiceInstance> all, Attempts<?> call, @Nullable DrpcException lastError) {
        List<ServiceInstance> candidates = new ArrayList<>();
        for (ServiceInstance instance : all) {
            if (!call.failed.contains(InstanceMetadata.address(instance))) {
                candidates.add(instance);
            }
        }
        if (candidates.isEmpty()) {
            if (lastError != null) {
                throw lastError;
            }
            throw new DrpcException(Status.withCause(Status.SERVICE_UNAVAILABLE, "no instance of service " + serviceId + " in discovery"));
        }
        PickContext pick = new PickContext(serviceId, call.route, call.options.meta(), i -> peers.callsInFlight(InstanceMetadata.address(i)));
        return balancer.choose(candidates, pick);
    }

    /** One call across its attempts: what to send, the instances that failed it, and its outcome. */
    private record Attempts<T>(String route, @Nullable Object arg, Type replyType, CallOptions options, boolean idempotent, Set<String> failed,
            CompletableFuture<T> result) {
    }
}
