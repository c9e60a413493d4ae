package io.dmicro.drpc.client;

import io.dmicro.drpc.Endpoint;
import io.dmicro.drpc.plugin.CallerContext;
import io.dmicro.drpc.plugin.HandlerScope;
import io.dmicro.drpc.plugin.PluginContainer;
import io.dmicro.drpc.session.CallOptions;
import io.dmicro.drpc.session.Session;
import io.dmicro.drpc.status.DrpcException;
import io.dmicro.drpc.status.Status;
import io.dmicro.selector.Instance;
import io.dmicro.selector.SelectContext;
import io.dmicro.selector.Selector;
import io.dmicro.selector.Strategy;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls the instances of one service over an endpoint: takes the instance list from an
 * {@link InstanceSource}, lets the {@link Selector} pick one, reuses its session (dialed on first
 * use through the endpoint, so the instance can call and push back), and when an attempt fails
 * asks the {@link RetryPolicy} whether to try another instance, up to {@code maxAttempts}.
 *
 * <pre>{@code
 * ServiceClient math = ServiceClient.builder(endpoint, "math")
 *         .instances(InstanceSource.of("10.0.0.1:9090", "10.0.0.2:9090"))
 *         .selector(Strategy.LEAST_IN_FLIGHT.create())
 *         .build();
 * int sum = math.callSync("/math/add", new Args(1, 2), Integer.class);
 * }</pre>
 *
 * <p>Nothing here blocks unless the caller allows it: an instance query then runs on the calling
 * thread, else wherever the source runs it; dials always run through {@link Endpoint#dialAsync}.
 */
public final class ServiceClient {

    private static final Logger log = LoggerFactory.getLogger(ServiceClient.class);

    /**
     * The session attribute naming the service a {@code ServiceClient} called on that session (the
     * service id observations tag client calls with); set on the first call.
     */
    public static final String SERVICE_ATTRIBUTE = "io.dmicro.client.service";

    private final String service;
    private final InstanceSource instances;
    private final Selector selector;
    private final PeerSessions peers;
    private final int maxAttempts;
    private final RetryPolicy retryPolicy;
    private final Predicate<String> idempotent;
    private final @Nullable Duration callTimeout;
    private final CallObserver observer;
    private final PluginContainer plugins;

    private ServiceClient(Builder b) {
        this.service = b.service;
        this.instances = Objects.requireNonNull(b.instances, "instances of service " + b.service + " are not set");
        this.selector = b.selector;
        this.peers = b.peers != null ? b.peers : new PeerSessions(b.endpoint);
        this.maxAttempts = b.maxAttempts;
        this.retryPolicy = b.retryPolicy;
        this.idempotent = b.idempotent;
        this.callTimeout = b.callTimeout;
        this.observer = b.observer;
        this.plugins = b.endpoint.plugins();
    }

    /** A client of {@code service} (the name logs and selectors see) calling out through {@code endpoint}. */
    public static Builder builder(Endpoint endpoint, String service) {
        return new Builder(endpoint, service);
    }

    public String service() {
        return service;
    }

    /** The sessions this client dials, shared with any client built with the same {@link PeerSessions}. */
    public PeerSessions peers() {
        return peers;
    }

    public <T> CompletableFuture<T> call(String route, @Nullable Object arg, Class<T> replyType) {
        return call(route, arg, replyType, CallOptions.DEFAULT, false);
    }

    /** Calls and waits; a failure is thrown as the {@link DrpcException} of the last attempt. */
    public <T> @Nullable T callSync(String route, @Nullable Object arg, Class<T> replyType) {
        return Session.await(call(route, arg, replyType, CallOptions.DEFAULT, true));
    }

    /**
     * Calls {@code route}. With {@code mayBlock} false the calling thread never waits: an instance
     * query or a dial the call needs runs elsewhere and the future completes later.
     */
    public <T> CompletableFuture<T> call(String route, @Nullable Object arg, Type replyType, CallOptions options, boolean mayBlock) {
        CallOptions effective = options.timeout() == null && callTimeout != null ? options.withTimeout(callTimeout) : options;
        Attempts<T> call = new Attempts<>(route, arg, replyType, effective, new HashSet<>(), new CompletableFuture<>(), captureCaller());
        attempt(call, 1, null, mayBlock);
        return call.result;
    }

    private <T> void attempt(Attempts<T> call, int attempt, @Nullable DrpcException lastError, boolean mayBlock) {
        long start = System.nanoTime();
        CompletableFuture<List<Instance>> listed;
        try {
            listed = instances.instances(mayBlock);
        } catch (RuntimeException e) {
            listed = CompletableFuture.failedFuture(e);
        }
        listed.whenComplete((all, sourceError) -> {
            if (sourceError != null) {
                call.result.completeExceptionally(PeerSessions.unwrap(sourceError));
                return;
            }
            Instance instance;
            try {
                instance = choose(all, call, lastError);
            } catch (DrpcException e) {
                observer.attempted(service, call.route, "", e.code(), Duration.ofNanos(System.nanoTime() - start));
                // nothing left to try: the last attempt's error, or 503 when there was none
                call.result.completeExceptionally(e);
                return;
            } catch (RuntimeException e) {
                call.result.completeExceptionally(e);
                return;
            }
            peers.session(instance.address(), instance.dialUri()).whenComplete((session, dialError) -> {
                if (dialError == null) {
                    send(call, attempt, session, instance.address(), start);
                    return;
                }
                Throwable cause = PeerSessions.unwrap(dialError);
                int code = cause instanceof DrpcException d ? d.code() : Status.UNKNOWN_ERROR;
                observer.attempted(service, call.route, instance.address(), code, Duration.ofNanos(System.nanoTime() - start));
                if (cause instanceof DrpcException d) {
                    retryOrFail(call, attempt, instance.address(), d, false);
                } else {
                    call.result.completeExceptionally(cause);
                }
            });
        });
    }

    private <T> void send(Attempts<T> call, int attempt, Session session, String peer, long start) {
        if (session.attributes().get(SERVICE_ATTRIBUTE) == null) {
            session.attributes().putIfAbsent(SERVICE_ATTRIBUTE, service);
        }
        CompletableFuture<T> sent;
        try (HandlerScope.Scope restored = restore(call.caller)) {
            sent = session.<T>call(call.route, call.arg, call.replyType, call.options);
        }
        sent.whenComplete((value, error) -> {
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            if (error == null) {
                observer.attempted(service, call.route, peer, Status.OK_CODE, took);
                call.result.complete(value);
                return;
            }
            Throwable cause = PeerSessions.unwrap(error);
            if (!(cause instanceof DrpcException d)) {
                observer.attempted(service, call.route, peer, Status.UNKNOWN_ERROR, took);
                call.result.completeExceptionally(cause);
                return;
            }
            observer.attempted(service, call.route, peer, d.code(), took);
            retryOrFail(call, attempt, peer, d, true);
        });
    }

    /** The caller's context of each plugin that carries one ({@link CallerContext}); null when none does. */
    private CallerContext.@Nullable Captured captureCaller() {
        List<CallerContext> hooks = plugins.hooks(CallerContext.class);
        if (hooks.isEmpty()) {
            return null;
        }
        Thread caller = Thread.currentThread();
        List<CallerContext.Captured> captured = new java.util.ArrayList<>(hooks.size());
        for (CallerContext h : hooks) {
            try {
                CallerContext.Captured c = h.captureCallerContext();
                if (c != null) {
                    captured.add(c);
                }
            } catch (RuntimeException e) {
                log.warn("CallerContext of plugin {} threw", h.name(), e);
            }
        }
        if (captured.isEmpty()) {
            return null;
        }
        return () -> {
            if (Thread.currentThread() == caller) {
                return HandlerScope.Scope.NONE; // still on the caller's thread: its context is current
            }
            HandlerScope.Scope[] scopes = new HandlerScope.Scope[captured.size()];
            for (int i = 0; i < scopes.length; i++) {
                scopes[i] = captured.get(i).restore();
            }
            return () -> {
                for (int i = scopes.length - 1; i >= 0; i--) {
                    scopes[i].close();
                }
            };
        };
    }

    private static HandlerScope.Scope restore(CallerContext.@Nullable Captured caller) {
        return caller == null ? HandlerScope.Scope.NONE : caller.restore();
    }

    private <T> void retryOrFail(Attempts<T> call, int attempt, String address, DrpcException error, boolean sent) {
        if (error.status().isConnectionError()) {
            // the instance may have left: the next pick, of this call or another, sees a fresh list
            instances.invalidate();
        }
        boolean mayRunTwice = call.options.idempotent() || idempotent.test(call.route);
        FailedAttempt failure = new FailedAttempt(service, call.route, error, attempt, sent, mayRunTwice);
        if (attempt >= maxAttempts || !retryPolicy.retry(failure)) {
            call.result.completeExceptionally(error);
            return;
        }
        call.failed.add(address);
        log.debug("{} {} via {} failed with {}; trying another instance", service, call.route, address, error.status());
        // never blocks, so it may run on the I/O thread that completed the failed attempt
        attempt(call, attempt + 1, error, false);
    }

    private Instance choose(List<Instance> all, Attempts<?> call, @Nullable DrpcException lastError) {
        List<Instance> candidates = new ArrayList<>();
        for (Instance instance : all) {
            if (!call.failed.contains(instance.address())) {
                candidates.add(instance);
            }
        }
        if (candidates.isEmpty()) {
            if (lastError != null) {
                throw lastError;
            }
            throw new DrpcException(Status.withCause(Status.SERVICE_UNAVAILABLE, "no instance of service " + service + " is known"));
        }
        SelectContext context = new SelectContext(service, call.route, call.options.meta(), i -> peers.callsInFlight(i.address()));
        return selector.select(candidates, context);
    }

    /** One call across its attempts: what to send, the instances that failed it, and its outcome. */
    private record Attempts<T>(String route, @Nullable Object arg, Type replyType, CallOptions options, Set<String> failed,
            CompletableFuture<T> result, CallerContext.@Nullable Captured caller) {
    }

    /** Settings of a {@link ServiceClient}; each validated as it is set. */
    public static final class Builder {

        private final Endpoint endpoint;
        private final String service;
        private @Nullable InstanceSource instances;
        private Selector selector = Strategy.RANDOM.create();
        private @Nullable PeerSessions peers;
        private int maxAttempts = 3;
        private RetryPolicy retryPolicy = RetryPolicy.safe();
        private Predicate<String> idempotent = route -> false;
        private @Nullable Duration callTimeout;
        private CallObserver observer = CallObserver.NONE;

        private Builder(Endpoint endpoint, String service) {
            this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
            this.service = Objects.requireNonNull(service, "service");
        }

        /** Where the instances come from; required. */
        public Builder instances(InstanceSource source) {
            this.instances = Objects.requireNonNull(source, "instances");
            return this;
        }

        /** How an instance is chosen for each attempt; default {@link Strategy#RANDOM}. */
        public Builder selector(Selector selector) {
            this.selector = Objects.requireNonNull(selector, "selector");
            return this;
        }

        /** Sessions shared with other clients of the same endpoint; default one set per client. */
        public Builder peers(PeerSessions shared) {
            this.peers = Objects.requireNonNull(shared, "peers");
            return this;
        }

        /** Attempts per call across instances, at least 1; default 3. */
        public Builder maxAttempts(int attempts) {
            if (attempts < 1) {
                throw new IllegalArgumentException("maxAttempts of client " + service + " must be at least 1: " + attempts);
            }
            this.maxAttempts = attempts;
            return this;
        }

        /** Which failures try another instance; default {@link RetryPolicy#safe()}. */
        public Builder retryPolicy(RetryPolicy policy) {
            this.retryPolicy = Objects.requireNonNull(policy, "retryPolicy");
            return this;
        }

        /**
         * The routes that may run twice, so a call cut off after it was written (102) may be retried;
         * default none. A call whose options say {@code idempotent} is so whatever its route.
         */
        public Builder idempotent(Predicate<String> routes) {
            this.idempotent = Objects.requireNonNull(routes, "idempotent");
            return this;
        }

        /** The timeout of calls whose options set none; default the endpoint's call timeout. */
        public Builder callTimeout(@Nullable Duration timeout) {
            this.callTimeout = timeout;
            return this;
        }

        /** Told the outcome of every attempt; default none. */
        public Builder observer(CallObserver observer) {
            this.observer = Objects.requireNonNull(observer, "observer");
            return this;
        }

        public ServiceClient build() {
            return new ServiceClient(this);
        }
    }
}
