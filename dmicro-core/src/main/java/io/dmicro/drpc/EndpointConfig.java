package io.dmicro.drpc;

import io.dmicro.drpc.codec.Codecs;
import io.dmicro.drpc.filter.TransferFilters;
import io.dmicro.drpc.plugin.Plugin;
import io.dmicro.drpc.proto.Proto;
import io.dmicro.drpc.proto.raw.RawDialect;
import io.dmicro.drpc.proto.raw.RawProto;
import io.dmicro.drpc.router.ServiceMethodMapper;
import io.dmicro.drpc.transport.SocketOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import org.jspecify.annotations.Nullable;

/**
 * The immutable settings of an {@link Endpoint}; build one with {@link #builder()}. Every value is
 * validated when set, with a message naming the setting and the value. Defaults are in
 * {@link DrpcDefaults}.
 */
public final class EndpointConfig {

    private final String defaultBodyCodec;
    private final Proto proto;
    private final Duration sessionAge;
    private final Duration handshakeTimeout;
    private final Duration frameTimeout;
    private final Duration callTimeout;
    private final Duration contextAge;
    private final boolean sendDeadlines;
    private final boolean exposeErrorDetails;
    private final Duration slowCallThreshold;
    private final boolean printDetail;
    private final int redialTimes;
    private final Duration redialInterval;
    private final double redialBackoff;
    private final Duration redialMaxInterval;
    private final Duration dialTimeout;
    private final int maxMessageSize;
    private final int maxBatchSize;
    private final io.dmicro.drpc.proto.http.HttpOptions httpOptions;
    private final int maxPendingWriteBytes;
    private final int ioThreads;
    private final @Nullable ExecutorService handlerExecutor;
    private final @Nullable Boolean virtualThreads;
    private final io.dmicro.drpc.transport.tls.TlsContexts tlsContexts;
    private final Codecs codecs;
    private final TransferFilters filters;
    private final ServiceMethodMapper mapper;
    private final List<Plugin> plugins;
    private final SocketOptions socketOptions;

    private EndpointConfig(Builder b) {
        this.defaultBodyCodec = b.defaultBodyCodec;
        this.proto = b.proto;
        this.sessionAge = b.sessionAge;
        this.handshakeTimeout = b.handshakeTimeout;
        this.frameTimeout = b.frameTimeout;
        this.callTimeout = b.callTimeout;
        this.contextAge = b.contextAge;
        this.sendDeadlines = b.sendDeadlines;
        this.exposeErrorDetails = b.exposeErrorDetails;
        this.slowCallThreshold = b.slowCallThreshold;
        this.printDetail = b.printDetail;
        this.redialTimes = b.redialTimes;
        this.redialInterval = b.redialInterval;
        this.redialBackoff = b.redialBackoff;
        this.redialMaxInterval = b.redialMaxInterval;
        this.dialTimeout = b.dialTimeout;
        this.maxMessageSize = b.maxMessageSize;
        this.maxBatchSize = b.maxBatchSize;
        this.httpOptions = b.httpOptions;
        this.maxPendingWriteBytes = b.maxPendingWriteBytes;
        this.ioThreads = b.ioThreads;
        this.handlerExecutor = b.handlerExecutor;
        this.virtualThreads = b.virtualThreads;
        this.tlsContexts = b.tlsContexts;
        this.codecs = b.codecs;
        this.filters = b.filters;
        this.mapper = b.mapper;
        this.plugins = List.copyOf(b.plugins);
        this.socketOptions = b.socketOptions;
        codecs.require(defaultBodyCodec);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.defaultBodyCodec = defaultBodyCodec;
        b.proto = proto;
        b.sessionAge = sessionAge;
        b.handshakeTimeout = handshakeTimeout;
        b.frameTimeout = frameTimeout;
        b.callTimeout = callTimeout;
        b.contextAge = contextAge;
        b.sendDeadlines = sendDeadlines;
        b.exposeErrorDetails = exposeErrorDetails;
        b.slowCallThreshold = slowCallThreshold;
        b.printDetail = printDetail;
        b.redialTimes = redialTimes;
        b.redialInterval = redialInterval;
        b.redialBackoff = redialBackoff;
        b.redialMaxInterval = redialMaxInterval;
        b.dialTimeout = dialTimeout;
        b.maxMessageSize = maxMessageSize;
        b.maxBatchSize = maxBatchSize;
        b.httpOptions = httpOptions;
        b.maxPendingWriteBytes = maxPendingWriteBytes;
        b.ioThreads = ioThreads;
        b.handlerExecutor = handlerExecutor;
        b.virtualThreads = virtualThreads;
        b.tlsContexts = tlsContexts;
        b.codecs = codecs;
        b.filters = filters;
        b.mapper = mapper;
        b.plugins = new ArrayList<>(plugins);
        b.socketOptions = socketOptions;
        return b;
    }

    /** Name of the codec for bodies that name none. */
    public String defaultBodyCodec() { return defaultBodyCodec; }
    /** The wire format of listeners and dialed connections unless a URI names another. */
    public Proto proto() { return proto; }
    public Duration sessionAge() { return sessionAge; }
    /** See {@link DrpcDefaults#HANDSHAKE_TIMEOUT}. */
    public Duration handshakeTimeout() { return handshakeTimeout; }
    /** See {@link DrpcDefaults#FRAME_TIMEOUT}. */
    public Duration frameTimeout() { return frameTimeout; }
    public Duration callTimeout() { return callTimeout; }
    /** See {@link Builder#contextAge}; zero: no limit of this endpoint's own. */
    public Duration contextAge() { return contextAge; }
    /** See {@link Builder#sendDeadlines}. */
    public boolean sendDeadlines() { return sendDeadlines; }
    /**
     * Whether a handler's unexpected exception text travels to the caller. Off by default: the
     * caller gets a 500 that names an error id, and the log has the exception under that id.
     */
    public boolean exposeErrorDetails() { return exposeErrorDetails; }
    public Duration slowCallThreshold() { return slowCallThreshold; }
    public boolean printDetail() { return printDetail; }
    public int redialTimes() { return redialTimes; }
    public Duration redialInterval() { return redialInterval; }
    /** Factor the pause grows by after each failed redial attempt; 1 keeps it constant. */
    public double redialBackoff() { return redialBackoff; }
    /** The longest pause between redial attempts, however much backoff grew it. */
    public Duration redialMaxInterval() { return redialMaxInterval; }

    /** The pause before redial attempt {@code attempt} (1 = the second attempt): interval × backoff^(attempt-1), capped. */
    public Duration redialPause(int attempt) {
        double nanos = redialInterval.toNanos() * Math.pow(redialBackoff, Math.max(0, attempt - 1));
        return nanos >= redialMaxInterval.toNanos() ? redialMaxInterval : Duration.ofNanos((long) nanos);
    }
    public Duration dialTimeout() { return dialTimeout; }
    public int maxMessageSize() { return maxMessageSize; }
    /** The most requests one batch (a JSON-RPC array, on the jsonrpc proto and JSON-RPC over HTTP) may hold. */
    public int maxBatchSize() { return maxBatchSize; }
    /** The options of the {@code http} proto that listen and dial URIs name ({@code ?proto=http}, {@code ?protos=raw,http}). */
    public io.dmicro.drpc.proto.http.HttpOptions httpOptions() { return httpOptions; }
    public int maxPendingWriteBytes() { return maxPendingWriteBytes; }
    public int ioThreads() { return ioThreads; }
    public @Nullable ExecutorService handlerExecutor() { return handlerExecutor; }
    /** Whether the endpoint's own handler executor uses virtual threads; null decides by the JVM (21+: yes). */
    public @Nullable Boolean virtualThreads() { return virtualThreads; }
    /** TLS contexts that URIs name with {@code ?tlsContext=}. */
    public io.dmicro.drpc.transport.tls.TlsContexts tlsContexts() { return tlsContexts; }
    public Codecs codecs() { return codecs; }
    public TransferFilters filters() { return filters; }
    public ServiceMethodMapper mapper() { return mapper; }
    public List<Plugin> plugins() { return plugins; }
    public SocketOptions socketOptions() { return socketOptions; }

    /** Builds an {@link EndpointConfig}; each setter validates its value at once. */
    public static final class Builder {
        private String defaultBodyCodec = DrpcDefaults.BODY_CODEC;
        private Proto proto = new RawProto(RawDialect.DRPC);
        private Duration sessionAge = DrpcDefaults.SESSION_AGE;
        private Duration handshakeTimeout = DrpcDefaults.HANDSHAKE_TIMEOUT;
        private Duration frameTimeout = DrpcDefaults.FRAME_TIMEOUT;
        private Duration callTimeout = DrpcDefaults.CALL_TIMEOUT;
        private Duration contextAge = DrpcDefaults.CONTEXT_AGE;
        private boolean sendDeadlines;
        private boolean exposeErrorDetails;
        private Duration slowCallThreshold = DrpcDefaults.SLOW_CALL_THRESHOLD;
        private boolean printDetail;
        private int redialTimes = DrpcDefaults.REDIAL_TIMES;
        private Duration redialInterval = DrpcDefaults.REDIAL_INTERVAL;
        private double redialBackoff = DrpcDefaults.REDIAL_BACKOFF;
        private Duration redialMaxInterval = DrpcDefaults.REDIAL_MAX_INTERVAL;
        private Duration dialTimeout = DrpcDefaults.DIAL_TIMEOUT;
        private int maxMessageSize = DrpcDefaults.MAX_MESSAGE_SIZE;
        private int maxBatchSize = DrpcDefaults.MAX_BATCH_SIZE;
        private io.dmicro.drpc.proto.http.HttpOptions httpOptions = io.dmicro.drpc.proto.http.HttpOptions.DEFAULT;
        private int maxPendingWriteBytes = DrpcDefaults.MAX_PENDING_WRITE_BYTES;
        private int ioThreads;
        private @Nullable ExecutorService handlerExecutor;
        private @Nullable Boolean virtualThreads;
        private io.dmicro.drpc.transport.tls.TlsContexts tlsContexts = io.dmicro.drpc.transport.tls.TlsContexts.NONE;
        private Codecs codecs = Codecs.defaults();
        private TransferFilters filters = TransferFilters.defaults();
        private ServiceMethodMapper mapper = ServiceMethodMapper.HTTP;
        private List<Plugin> plugins = new ArrayList<>();
        private SocketOptions socketOptions = SocketOptions.DEFAULT;

        private Builder() {
        }

        public Builder defaultBodyCodec(String name) {
            this.defaultBodyCodec = Objects.requireNonNull(name, "defaultBodyCodec");
            return this;
        }

        public Builder proto(Proto proto) {
            this.proto = Objects.requireNonNull(proto, "proto");
            return this;
        }

        /** Shorthand for the raw proto in the given dialect. */
        public Builder rawDialect(RawDialect dialect) {
            return proto(new RawProto(dialect));
        }

        /** How long an accepted connection may take to open its session (see {@link DrpcDefaults#HANDSHAKE_TIMEOUT}). */
        public Builder handshakeTimeout(Duration timeout) {
            this.handshakeTimeout = positive("handshakeTimeout", timeout);
            return this;
        }

        /** How long a started frame may take to complete (see {@link DrpcDefaults#FRAME_TIMEOUT}). */
        public Builder frameTimeout(Duration timeout) {
            this.frameTimeout = positive("frameTimeout", timeout);
            return this;
        }

        public Builder sessionAge(Duration age) {
            this.sessionAge = nonNegative("sessionAge", age);
            return this;
        }

        /** Per-call reply timeout; zero waits without limit. */
        public Builder callTimeout(Duration timeout) {
            this.callTimeout = nonNegative("callTimeout", timeout);
            return this;
        }

        /**
         * The most time a handler of this endpoint gets for one incoming call (the original's
         * {@code ContextAge}), measured from the call's arrival; zero sets no limit. A call whose
         * caller sent a shorter remaining time ({@link io.dmicro.drpc.message.Meta#TIMEOUT}) gets that.
         * The handler sees the deadline on its context ({@code InboundContext.deadline()}); a call
         * still waiting for a worker when it passes is answered 408 without running its handler.
         */
        public Builder contextAge(Duration age) {
            this.contextAge = nonNegative("contextAge", age);
            return this;
        }

        /**
         * Whether every call with a timeout carries the time it has left in
         * {@link io.dmicro.drpc.message.Meta#TIMEOUT} (whole milliseconds, written as the call is sent),
         * so the peer's handler knows its deadline and skips work no one waits for. Off by default:
         * the wire then stays exactly the Go original's; a Go peer keeps the entry as plain meta.
         */
        public Builder sendDeadlines(boolean send) {
            this.sendDeadlines = send;
            return this;
        }

        /** Sends handlers' exception text to callers (for development); see {@link EndpointConfig#exposeErrorDetails()}. */
        public Builder exposeErrorDetails(boolean expose) {
            this.exposeErrorDetails = expose;
            return this;
        }

        public Builder slowCallThreshold(Duration threshold) {
            this.slowCallThreshold = nonNegative("slowCallThreshold", threshold);
            return this;
        }

        /** Log bodies and meta in run logs. */
        public Builder printDetail(boolean printDetail) {
            this.printDetail = printDetail;
            return this;
        }

        public Builder redialTimes(int times) {
            this.redialTimes = times;
            return this;
        }

        public Builder redialInterval(Duration interval) {
            this.redialInterval = positive("redialInterval", interval);
            return this;
        }

        /** Multiplies the redial pause after each failed attempt (at least 1; 1 keeps it constant). */
        public Builder redialBackoff(double multiplier) {
            if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
                throw new IllegalArgumentException("redialBackoff must be at least 1: " + multiplier);
            }
            this.redialBackoff = multiplier;
            return this;
        }

        /** Caps the redial pause that backoff grows. */
        public Builder redialMaxInterval(Duration max) {
            this.redialMaxInterval = positive("redialMaxInterval", max);
            return this;
        }

        public Builder dialTimeout(Duration timeout) {
            this.dialTimeout = positive("dialTimeout", timeout);
            return this;
        }

        /**
         * The most requests one JSON-RPC batch may hold (default {@link DrpcDefaults#MAX_BATCH_SIZE});
         * a larger batch is answered with one -32600 error and none of it runs.
         */
        /**
         * The options (status style, CORS, JSON-RPC path, OpenAPI) of the {@code http} proto that URIs
         * name; an endpoint whose own proto is an {@code HttpProto} uses that one's instead.
         */
        public Builder httpOptions(io.dmicro.drpc.proto.http.HttpOptions options) {
            this.httpOptions = java.util.Objects.requireNonNull(options, "httpOptions");
            return this;
        }

        public Builder maxBatchSize(int requests) {
            if (requests <= 0) {
                throw new IllegalArgumentException("maxBatchSize must be positive: " + requests);
            }
            this.maxBatchSize = requests;
            return this;
        }

        public Builder maxMessageSize(int bytes) {
            if (bytes <= 0) {
                throw new IllegalArgumentException("maxMessageSize must be positive: " + bytes);
            }
            this.maxMessageSize = bytes;
            return this;
        }

        public Builder maxPendingWriteBytes(int bytes) {
            if (bytes <= 0) {
                throw new IllegalArgumentException("maxPendingWriteBytes must be positive: " + bytes);
            }
            this.maxPendingWriteBytes = bytes;
            return this;
        }

        /** I/O threads; zero lets Netty choose (twice the cores). */
        public Builder ioThreads(int threads) {
            if (threads < 0) {
                throw new IllegalArgumentException("ioThreads must not be negative: " + threads);
            }
            this.ioThreads = threads;
            return this;
        }

        /** Where blocking handlers run; the endpoint does not shut a given executor down. */
        public Builder handlerExecutor(@Nullable ExecutorService executor) {
            this.handlerExecutor = executor;
            return this;
        }

        /**
         * The threads of the endpoint's own handler executor (when no {@link #handlerExecutor} is
         * given): true for a virtual thread per handler where the JVM has them (Java 21+; a bounded
         * pool on older JVMs), false for the bounded platform-thread pool, null (the default) for
         * virtual threads wherever the JVM has them.
         */
        public Builder virtualThreads(@Nullable Boolean virtualThreads) {
            this.virtualThreads = virtualThreads;
            return this;
        }

        /** Registers TLS contexts that listen and dial URIs pick with {@code ?tlsContext=name}. */
        public Builder tlsContext(String name, io.netty.handler.ssl.@Nullable SslContext server, io.netty.handler.ssl.@Nullable SslContext client) {
            this.tlsContexts = tlsContexts.with(name, server, client);
            return this;
        }

        public Builder codecs(Codecs codecs) {
            this.codecs = Objects.requireNonNull(codecs, "codecs");
            return this;
        }

        public Builder filters(TransferFilters filters) {
            this.filters = Objects.requireNonNull(filters, "filters");
            return this;
        }

        public Builder mapper(ServiceMethodMapper mapper) {
            this.mapper = Objects.requireNonNull(mapper, "mapper");
            return this;
        }

        /** Adds endpoint-wide plugins, in order. */
        public Builder plugins(Plugin... more) {
            for (Plugin p : more) {
                this.plugins.add(Objects.requireNonNull(p, "plugin must not be null"));
            }
            return this;
        }

        public Builder socketOptions(SocketOptions options) {
            this.socketOptions = Objects.requireNonNull(options, "socketOptions");
            return this;
        }

        public List<Plugin> plugins() {
            return plugins;
        }

        public EndpointConfig build() {
            return new EndpointConfig(this);
        }

        private static Duration nonNegative(String name, Duration d) {
            if (d.isNegative()) {
                throw new IllegalArgumentException(name + " must not be negative: " + d);
            }
            return d;
        }

        private static Duration positive(String name, Duration d) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive: " + d);
            }
            return d;
        }
    }
}
