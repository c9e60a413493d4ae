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
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls the instances of one service over an endpoint: takes the instance list from an
 * {@link InstanceSource}, lets the {@link Selector} pick one, reuses its session (dialed on first
 * use through the endpoint, so the instance can call and push back), and when an attempt fails
 * asks the {@link RetryPolicy} whether to try another instance, up to {@code maxAttempts}, after a
 * {@link RetryBackoff} pause and only while the service's {@link RetryBudget} allows. Instances that
 * fail to dial or refuse are left out for a while ({@link OutlierEjection}); a circuit breaker of the
 * service, and of each instance, may refuse calls at once ({@link Breakers}).
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
    private final Endpoint endpoint;
    private final InstanceSource instances;
    private final Selector selector;
    private final PeerSessions peers;
    private final int maxAttempts;
    private final RetryPolicy retryPolicy;
    private final Predicate<String> idempotent;
    private final @Nullable Duration callTimeout;
    private final CallObserver observer;
    private final OutlierEjection ejection;
    private final RetryBackoff backoff;
    private final RetryBudget budget;
    private final Breakers breakers;
    private final @Nullable Breaker serviceBreaker;
    private final PluginContainer plugins;

    private ServiceClient(Builder b) {
        this.service = b.service;
        this.endpoint = b.endpoint;
        this.instances = Objects.requireNonNull(b.instances, "instances of service " + b.service + " are not set");
        this.selector = b.selector;
        this.peers = b.peers != null ? b.peers : new PeerSessions(b.endpoint);
        this.maxAttempts = b.maxAttempts;
        this.retryPolicy = b.retryPolicy;
        this.idempotent = b.idempotent;
        this.callTimeout = b.callTimeout;
        this.observer = b.observer;
        this.ejection = b.ejection;
        this.backoff = b.backoff;
        this.budget = b.budget;
        this.breakers = b.breakers;
        this.serviceBreaker = b.breakers.service(b.service);
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

    /** The instances out of rotation, the breaker and the retry budget, as they are now. */
    public State state() {
        return new State(service, serviceBreaker == null ? null : serviceBreaker.state(), ejection.ejected(), budget.balance());
    }

    /**
     * A client's resilience state for display.
     *
     * @param service the service id
     * @param breaker the state of the service's circuit breaker; null without one
     * @param ejected the instances out of rotation (or being probed) now
     * @param retryBudget the retries the budget allows now; -1 when unlimited
     */
    public record State(String service, @Nullable String breaker, List<OutlierEjection.Ejected> ejected, double retryBudget) {
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
     * query or a dial the call needs runs elsewhere and the future completes later. The call's
     * timeout bounds all its attempts together: a retry gets what is left of it.
     */
    public <T> CompletableFuture<T> call(String route, @Nullable Object arg, Type replyType, CallOptions options, boolean mayBlock) {
        CallOptions effective = options.timeout() == null && callTimeout != null ? options.withTimeout(callTimeout) : options;
        Attempts<T> call = new Attempts<>(route, arg, replyType, effective, captureCaller());
        Duration timeout = effective.timeout() != null ? effective.timeout() : endpoint.config().callTimeout();
        long now = System.nanoTime(); // the deadline's and the first attempt's start: one clock reading (each costs)
        if (!timeout.isZero() && !timeout.isNegative()) {
            long deadline = now + timeout.toNanos();
            call.deadlineNanos = deadline == 0 ? 1 : deadline;
        }
        budget.deposit();
        Breaker breaker = serviceBreaker;
        if (breaker != null) {
            if (!breaker.tryAcquire()) {
                call.result.completeExceptionally(DrpcException.notSent(Status.withCause(Status.SERVICE_UNAVAILABLE,
                        "circuit breaker of service " + service + " is " + breaker.state())));
                return call.result;
            }
            // the caller's future completes after the breaker heard the outcome, so it sees the breaker's new state
            CompletableFuture<T> recorded = call.result.whenComplete((v, e) -> record(breaker, now, e));
            attempt(call, 1, null, mayBlock, now);
            return recorded;
        }
        attempt(call, 1, null, mayBlock, now);
        return call.result;
    }

    private static void record(Breaker breaker, long started, @Nullable Throwable error) {
        long took = System.nanoTime() - started;
        Throwable cause = error == null ? null : PeerSessions.unwrap(error);
        if (cause == null || !Breakers.counts(cause)) {
            breaker.onSuccess(took);
        } else {
            breaker.onFailure(took, cause);
        }
    }

    private <T> void attempt(Attempts<T> call, int attempt, @Nullable DrpcException lastError, boolean mayBlock) {
        attempt(call, attempt, lastError, mayBlock, System.nanoTime());
    }

    private <T> void attempt(Attempts<T> call, int attempt, @Nullable DrpcException lastError, boolean mayBlock, long start) {
        CompletableFuture<List<Instance>> listed;
        try {
            listed = instances.instances(mayBlock);
        } catch (RuntimeException e) {
            listed = CompletableFuture.failedFuture(e);
        }
        // a fresh list, the usual case, goes on at once: no completion stage per call
        if (succeeded(listed)) {
            pick(call, attempt, lastError, start, listed.join());
            return;
        }
        listed.whenComplete((all, sourceError) -> {
            if (sourceError != null) {
                call.result.completeExceptionally(PeerSessions.unwrap(sourceError));
            } else {
                pick(call, attempt, lastError, start, all);
            }
        });
    }

    private static boolean succeeded(CompletableFuture<?> f) {
        return f.isDone() && !f.isCompletedExceptionally();
    }

    /** Chooses the instance of this attempt among {@code all} and sends through its session, dialing it first if need be. */
    private <T> void pick(Attempts<T> call, int attempt, @Nullable DrpcException lastError, long start, List<Instance> all) {
        Instance instance;
        Breaker instanceBreaker;
        try {
            DrpcException last = lastError;
            while (true) {
                instance = choose(all, call, last);
                instanceBreaker = breakers.instance(service, instance.address());
                if (instanceBreaker == null || instanceBreaker.tryAcquire()) {
                    break;
                }
                // this instance's breaker is open: as if it had failed this call
                call.addFailed(instance.address());
                if (last == null) {
                    last = DrpcException.notSent(Status.withCause(Status.SERVICE_UNAVAILABLE, "circuit breaker of instance "
                            + instance.address() + " of service " + service + " is " + instanceBreaker.state()));
                }
            }
        } catch (DrpcException e) {
            observer.attempted(service, call.route, "", e.code(), Duration.ofNanos(System.nanoTime() - start));
            // nothing left to try: the last attempt's error, or 503 when there was none
            call.result.completeExceptionally(e);
            return;
        } catch (RuntimeException e) {
            call.result.completeExceptionally(e);
            return;
        }
        String address = instance.address();
        Breaker ib = instanceBreaker;
        CompletableFuture<Session> session = peers.session(address, instance.dialUri());
        if (succeeded(session)) {
            send(call, attempt, session.join(), address, start, ib);
            return;
        }
        session.whenComplete((open, dialError) -> {
            if (dialError == null) {
                send(call, attempt, open, address, start, ib);
            } else {
                dialFailed(call, attempt, address, start, ib, PeerSessions.unwrap(dialError));
            }
        });
    }

    private <T> void dialFailed(Attempts<T> call, int attempt, String address, long start, @Nullable Breaker ib, Throwable cause) {
        int code = cause instanceof DrpcException d ? d.code() : Status.UNKNOWN_ERROR;
        observer.attempted(service, call.route, address, code, Duration.ofNanos(System.nanoTime() - start));
        ejection.failed(address, code == Status.UNKNOWN_ERROR ? Status.DIAL_FAILED : code);
        if (ib != null) {
            ib.onFailure(System.nanoTime() - start, cause);
        }
        if (cause instanceof DrpcException d) {
            retryOrFail(call, attempt, address, d, false);
        } else {
            call.result.completeExceptionally(cause);
        }
    }

    private <T> void send(Attempts<T> call, int attempt, Session session, String peer, long start, @Nullable Breaker ib) {
        if (session.attributes().get(SERVICE_ATTRIBUTE) == null) {
            session.attributes().putIfAbsent(SERVICE_ATTRIBUTE, service);
        }
        CompletableFuture<T> sent;
        try (HandlerScope.Scope restored = restore(call.caller)) {
            sent = session.<T>call(call.route, call.arg, call.replyType, call.options);
        } catch (RuntimeException e) {
            // a plugin's or codec's bug: the caller hears of it instead of waiting forever
            sent = CompletableFuture.failedFuture(e);
        }
        sent.whenComplete((value, error) -> {
            long tookNanos = System.nanoTime() - start;
            Duration took = Duration.ofNanos(tookNanos);
            if (error == null) {
                observer.attempted(service, call.route, peer, Status.OK_CODE, took);
                ejection.succeeded(peer);
                if (ib != null) {
                    ib.onSuccess(tookNanos);
                }
                call.result.complete(value);
                return;
            }
            Throwable cause = PeerSessions.unwrap(error);
            if (ib != null) {
                if (Breakers.counts(cause)) {
                    ib.onFailure(tookNanos, cause);
                } else {
                    ib.onSuccess(tookNanos);
                }
            }
            if (!(cause instanceof DrpcException d)) {
                observer.attempted(service, call.route, peer, Status.UNKNOWN_ERROR, took);
                call.result.completeExceptionally(cause);
                return;
            }
            observer.attempted(service, call.route, peer, d.code(), took);
            ejection.failed(peer, d.code());
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
        // an attempt the peer never saw (no instance could be dialed) adds no load: the next instance is tried at once
        long pause = sent ? backoff.pauseNanos(attempt) : 0;
        if (call.deadlineNanos != 0) {
            long left = call.deadlineNanos - System.nanoTime() - pause;
            if (left <= 0) {
                log.debug("{} {} via {} failed with {}; no time left to retry", service, call.route, address, error.status());
                call.result.completeExceptionally(error);
                return;
            }
            call.options = call.options.withTimeout(Duration.ofNanos(left));
        }
        if (sent && !budget.tryWithdraw()) {
            log.debug("{} {} via {} failed with {}; the retry budget is spent", service, call.route, address, error.status());
            call.result.completeExceptionally(error);
            return;
        }
        call.addFailed(address);
        log.debug("{} {} via {} failed with {}; trying another instance", service, call.route, address, error.status());
        // never blocks, so it may run on the I/O thread that completed the failed attempt, or the delay's thread
        if (pause == 0) {
            attempt(call, attempt + 1, error, false);
        } else {
            CompletableFuture.delayedExecutor(pause, TimeUnit.NANOSECONDS, Runnable::run)
                    .execute(() -> attempt(call, attempt + 1, error, false));
        }
    }

    /**
     * The instance of this attempt. A single instance that is in rotation is taken without asking the
     * selector (as Dubbo's load balancers do): every strategy would choose it.
     */
    private Instance choose(List<Instance> all, Attempts<?> call, @Nullable DrpcException lastError) {
        if (all.size() == 1) {
            Instance only = all.get(0);
            if (!call.hasFailed(only.address()) && ejection.standing(only.address()) == OutlierEjection.Standing.IN) {
                return only;
            }
        }
        List<Instance> candidates = new ArrayList<>(all.size());
        List<Instance> ejected = null;
        for (Instance instance : all) {
            if (call.hasFailed(instance.address())) {
                continue;
            }
            OutlierEjection.Standing standing = ejection.standing(instance.address());
            if (standing != OutlierEjection.Standing.IN) {
                if (standing == OutlierEjection.Standing.DUE) {
                    probe(instance);
                }
                if (ejected == null) {
                    ejected = new ArrayList<>(2);
                }
                ejected.add(instance);
                continue;
            }
            candidates.add(instance);
        }
        if (candidates.isEmpty() && ejected != null) {
            candidates = ejected; // every instance left is ejected: try one anyway rather than refuse
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

    /** Dials an ejected instance whose time is up, off the callers' path: back in rotation if it answers. */
    private void probe(Instance instance) {
        String address = instance.address();
        if (!ejection.startProbe(address)) {
            return;
        }
        log.debug("probing ejected instance {} of {}", address, service);
        peers.session(address, instance.dialUri()).whenComplete((s, e) -> {
            if (e == null) {
                ejection.probeSucceeded(address);
            } else {
                ejection.failed(address, Status.DIAL_FAILED);
            }
        });
    }

    /** One call across its attempts: what to send, the instances that failed it, its deadline, the caller's context and its outcome. */
    private static final class Attempts<T> {
        final String route;
        final @Nullable Object arg;
        final Type replyType;
        CallOptions options;
        long deadlineNanos;
        private @Nullable Set<String> failed;
        final CompletableFuture<T> result = new CompletableFuture<>();
        /** The caller's observation and trace context, restored on the thread that sends each attempt. */
        final CallerContext.@Nullable Captured caller;

        Attempts(String route, @Nullable Object arg, Type replyType, CallOptions options, CallerContext.@Nullable Captured caller) {
            this.caller = caller;
            this.route = route;
            this.arg = arg;
            this.replyType = replyType;
            this.options = options;
        }

        boolean hasFailed(String address) {
            return failed != null && failed.contains(address);
        }

        void addFailed(String address) {
            if (failed == null) {
                failed = new HashSet<>(4);
            }
            failed.add(address);
        }
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
        private OutlierEjection ejection = OutlierEjection.defaults();
        private RetryBackoff backoff = RetryBackoff.DEFAULT;
        private RetryBudget budget = RetryBudget.of(0.2, 10);
        private Breakers breakers = Breakers.NONE;

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

        /** How failing instances are taken out of rotation; default {@link OutlierEjection#defaults()}, one per client. */
        public Builder outlierEjection(OutlierEjection e) {
            this.ejection = Objects.requireNonNull(e, "outlierEjection");
            return this;
        }

        /** The pause before each retry; default {@link RetryBackoff#DEFAULT} (10 ms doubling to 1 s, ±20 %). */
        public Builder retryBackoff(RetryBackoff b) {
            this.backoff = Objects.requireNonNull(b, "retryBackoff");
            return this;
        }

        /** The bound on this service's retries; default {@code RetryBudget.of(0.2, 10)}. */
        public Builder retryBudget(RetryBudget b) {
            this.budget = Objects.requireNonNull(b, "retryBudget");
            return this;
        }

        /** The circuit breakers of the service and its instances; default none. */
        public Builder breakers(Breakers b) {
            this.breakers = Objects.requireNonNull(b, "breakers");
            return this;
        }

        public ServiceClient build() {
            return new ServiceClient(this);
        }
    }
}
