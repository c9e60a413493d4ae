package io.dmicro.spring.boot.autoconfigure;

import io.dmicro.drpc.proto.raw.RawDialect;
import io.dmicro.selector.Strategy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.convert.DataSizeUnit;
import org.springframework.util.unit.DataSize;
import org.springframework.util.unit.DataUnit;

/**
 * The {@code dmicro.*} settings: the endpoint, its clients and the registry bridge. Defaults are the
 * engine's ({@code DrpcDefaults}).
 */
@ConfigurationProperties("dmicro")
public class DmicroProperties {

    /** Whether to create the drpc endpoint at all. */
    private boolean enabled = true;

    private final Endpoint endpoint = new Endpoint();

    private final Client client = new Client();

    private final Discovery discovery = new Discovery();

    private final Events events = new Events();

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public Endpoint getEndpoint() {
        return endpoint;
    }

    public Client getClient() {
        return client;
    }

    public Discovery getDiscovery() {
        return discovery;
    }

    public Events getEvents() {
        return events;
    }

    /** How the endpoint listens, dials and frames messages. */
    public static class Endpoint {

        /**
         * Listen URIs, such as tcp://0.0.0.0:9090, tls://, ws://, wss://, unix:///path, with query options
         * such as ?protos=all (port sharing). Port 0 picks a free port. An empty list listens nowhere: a
         * pure client. With dmicro.endpoint.tls.enabled, tcp becomes tls and ws becomes wss.
         */
        private List<String> listen = new ArrayList<>(List.of("tcp://0.0.0.0:9090"));

        /** Name of the body codec used when a message names none (json, protobuf, plain, form, xml). */
        private String defaultBodyCodec = "json";

        /** Dialect of the raw wire format: drpc or erpc. */
        private RawDialect rawDialect = RawDialect.DRPC;

        /** Name of the wire format: raw, erpc, json, protobuf, jsonrpc, http, or the name() of a Proto bean. */
        private String proto = "raw";

        /** Route naming: http (/math/add_one) or rpc (Math.AddOne). */
        private RouteMapper mapper = RouteMapper.HTTP;

        /** Lifetime of every session; zero means unlimited. */
        private Duration sessionAge = Duration.ZERO;

        /** How long a call waits for its reply; zero waits without limit. */
        private Duration callTimeout = Duration.ofSeconds(30);

        /** Calls slower than this are logged as slow; zero never logs. */
        private Duration slowCallThreshold = Duration.ZERO;

        /**
         * The most time a handler gets for one incoming call, from its arrival (the original's context
         * age); zero sets no limit of this endpoint's own. A caller's shorter remaining time wins.
         */
        private Duration contextAge = Duration.ZERO;

        /**
         * Whether calls carry the time they have left (meta X-Drpc-Timeout, in milliseconds), so the
         * peer's handler knows its deadline and a call still queued past it is answered 408 unrun.
         */
        private boolean sendDeadlines = true;

        /** Whether run logs include bodies and meta. */
        private boolean printDetail = false;

        /** Redial attempts after a dialed connection breaks: zero means none, negative without limit. */
        private int redialTimes = 0;

        /** Pause between dial attempts. */
        private Duration redialInterval = Duration.ofMillis(100);

        /** How long one dial attempt may take. */
        private Duration dialTimeout = Duration.ofSeconds(10);

        /** Largest frame accepted or written, such as 4MB; a bare number is bytes. */
        @DataSizeUnit(DataUnit.BYTES)
        private DataSize maxMessageSize = DataSize.ofMegabytes(4);

        /** Bytes queued for writing on one connection past which new writes fail with status 104, such as 64MB. */
        @DataSizeUnit(DataUnit.BYTES)
        private DataSize maxPendingWriteBytes = DataSize.ofMegabytes(64);

        /**
         * Most requests in one JSON-RPC batch (jsonrpc proto, JSON-RPC over HTTP); a larger batch is
         * answered with one -32600 error and none of it runs.
         */
        private int maxBatchSize = 1000;

        /** Netty I/O threads; zero lets Netty choose (twice the cores). */
        private int ioThreads = 0;

        /**
         * How long a graceful stop lets in-flight calls finish before closing anyway. Bounded by
         * spring.lifecycle.timeout-per-shutdown-phase.
         */
        private Duration drainTimeout = Duration.ofSeconds(15);

        /**
         * Bind TCP listeners with SO_REUSEPORT, so that a new process of this service can listen on the
         * same port while this one drains (zero-downtime restart). Needs Linux and Netty's native epoll
         * transport (netty-transport-native-epoll); elsewhere start-up fails with the reason.
         */
        private boolean reusePort = false;

        /**
         * Run TCP connections (and TLS and WebSocket over them) on Netty's native epoll transport when
         * it loads (Linux, with netty-transport-native-epoll on the classpath); NIO otherwise, or when
         * false.
         */
        private boolean nativeTransport = true;

        private final Tls tls = new Tls();

        private final Describe describe = new Describe();

        /** The http proto that listen URIs name (?proto=http, ?protos=raw,http). */
        private final Http http = new Http();

        private final Overload overload = new Overload();

        private final Heartbeat heartbeat = new Heartbeat();

        private final Ssl ssl = new Ssl();

        public List<String> getListen() {
            return listen;
        }

        /**
         * Blank entries are dropped, so {@code listen: ""} means no listener. Spring splits a property
         * value at commas, which also cuts query options such as {@code ?protos=raw,http} and
         * {@code ?wsOrigins=http://localhost:8080,http://127.0.0.1:8080}: a piece that follows a URI
         * with options is joined back to it unless it starts a listen URI of its own (one with a
         * scheme that is not a web origin's: no listener is {@code http://} or {@code https://},
         * HTTP being a proto that {@code tcp://} serves).
         */
        public void setListen(List<String> listen) {
            List<String> out = new ArrayList<>();
            for (String uri : listen) {
                int last = out.size() - 1;
                if (uri.isBlank()) {
                    continue;
                }
                if (last >= 0 && out.get(last).contains("?") && !startsListenUri(uri)) {
                    out.set(last, out.get(last) + "," + uri);
                } else {
                    out.add(uri);
                }
            }
            this.listen = out;
        }

        private static boolean startsListenUri(String piece) {
            int colon = piece.indexOf("://");
            if (colon <= 0) {
                return false;
            }
            String scheme = piece.substring(0, colon).trim();
            return !scheme.equalsIgnoreCase("http") && !scheme.equalsIgnoreCase("https");
        }

        public String getDefaultBodyCodec() {
            return defaultBodyCodec;
        }

        public void setDefaultBodyCodec(String defaultBodyCodec) {
            this.defaultBodyCodec = defaultBodyCodec;
        }

        public RawDialect getRawDialect() {
            return rawDialect;
        }

        public void setRawDialect(RawDialect rawDialect) {
            this.rawDialect = rawDialect;
        }

        public String getProto() {
            return proto;
        }

        public void setProto(String proto) {
            this.proto = proto;
        }

        public RouteMapper getMapper() {
            return mapper;
        }

        public void setMapper(RouteMapper mapper) {
            this.mapper = mapper;
        }

        public Duration getSessionAge() {
            return sessionAge;
        }

        public void setSessionAge(Duration sessionAge) {
            this.sessionAge = sessionAge;
        }

        public Duration getCallTimeout() {
            return callTimeout;
        }

        public void setCallTimeout(Duration callTimeout) {
            this.callTimeout = callTimeout;
        }

        public Duration getSlowCallThreshold() {
            return slowCallThreshold;
        }

        public void setSlowCallThreshold(Duration slowCallThreshold) {
            this.slowCallThreshold = slowCallThreshold;
        }

        public boolean isPrintDetail() {
            return printDetail;
        }

        public void setPrintDetail(boolean printDetail) {
            this.printDetail = printDetail;
        }

        public int getRedialTimes() {
            return redialTimes;
        }

        public void setRedialTimes(int redialTimes) {
            this.redialTimes = redialTimes;
        }

        public Duration getRedialInterval() {
            return redialInterval;
        }

        public void setRedialInterval(Duration redialInterval) {
            this.redialInterval = redialInterval;
        }

        public Duration getDialTimeout() {
            return dialTimeout;
        }

        public void setDialTimeout(Duration dialTimeout) {
            this.dialTimeout = dialTimeout;
        }

        public DataSize getMaxMessageSize() {
            return maxMessageSize;
        }

        public void setMaxMessageSize(DataSize maxMessageSize) {
            this.maxMessageSize = maxMessageSize;
        }

        public int getMaxBatchSize() {
            return maxBatchSize;
        }

        public void setMaxBatchSize(int maxBatchSize) {
            this.maxBatchSize = maxBatchSize;
        }

        public DataSize getMaxPendingWriteBytes() {
            return maxPendingWriteBytes;
        }

        public void setMaxPendingWriteBytes(DataSize maxPendingWriteBytes) {
            this.maxPendingWriteBytes = maxPendingWriteBytes;
        }

        public int getIoThreads() {
            return ioThreads;
        }

        public void setIoThreads(int ioThreads) {
            this.ioThreads = ioThreads;
        }

        public Duration getDrainTimeout() {
            return drainTimeout;
        }

        public void setDrainTimeout(Duration drainTimeout) {
            this.drainTimeout = drainTimeout;
        }

        public boolean isReusePort() {
            return reusePort;
        }

        public void setReusePort(boolean reusePort) {
            this.reusePort = reusePort;
        }

        public boolean isNativeTransport() {
            return nativeTransport;
        }

        public void setNativeTransport(boolean nativeTransport) {
            this.nativeTransport = nativeTransport;
        }

        public Describe getDescribe() {
            return describe;
        }

        public Http getHttp() {
            return http;
        }

        public Duration getContextAge() {
            return contextAge;
        }

        public void setContextAge(Duration contextAge) {
            this.contextAge = contextAge;
        }

        public boolean isSendDeadlines() {
            return sendDeadlines;
        }

        public void setSendDeadlines(boolean sendDeadlines) {
            this.sendDeadlines = sendDeadlines;
        }

        public Overload getOverload() {
            return overload;
        }

        public Heartbeat getHeartbeat() {
            return heartbeat;
        }

        public Tls getTls() {
            return tls;
        }

        public Ssl getSsl() {
            return ssl;
        }
    }

    /**
     * TLS from PEM files: the listeners' (when enabled) and the identity and trust of the connections
     * that @DrpcClient dials with TLS.
     */
    /** The service-description route that dmicro describe reads. */
    /** The HTTP face: the http proto of the listeners. */
    public static class Http {

        /** Cross-origin requests from browser pages (names as in Spring's CorsConfiguration). Nothing is allowed by default. */
        private final Cors cors = new Cors();

        public Cors getCors() {
            return cors;
        }
    }

    /** CORS of the http proto, as Spring's CorsConfiguration names it. */
    public static class Cors {

        /** Origins whose pages may call, such as https://app.example.com, or * for any (not with allow-credentials). */
        private List<String> allowedOrigins = new ArrayList<>();

        /** Methods a cross-origin request may use (* for any); empty means POST, GET, HEAD. */
        private List<String> allowedMethods = new ArrayList<>();

        /** Request headers a cross-origin request may send, such as content-type (* for any); empty allows none. */
        private List<String> allowedHeaders = new ArrayList<>();

        /** Response headers a page may read. */
        private List<String> exposedHeaders = new ArrayList<>();

        /** Whether cookies and authorization may be sent. */
        private boolean allowCredentials;

        /** How long a browser may cache a preflight answer; unset leaves it to the browser. */
        private @Nullable Duration maxAge;

        public List<String> getAllowedOrigins() {
            return allowedOrigins;
        }

        public void setAllowedOrigins(List<String> allowedOrigins) {
            this.allowedOrigins = allowedOrigins;
        }

        public List<String> getAllowedMethods() {
            return allowedMethods;
        }

        public void setAllowedMethods(List<String> allowedMethods) {
            this.allowedMethods = allowedMethods;
        }

        public List<String> getAllowedHeaders() {
            return allowedHeaders;
        }

        public void setAllowedHeaders(List<String> allowedHeaders) {
            this.allowedHeaders = allowedHeaders;
        }

        public List<String> getExposedHeaders() {
            return exposedHeaders;
        }

        public void setExposedHeaders(List<String> exposedHeaders) {
            this.exposedHeaders = exposedHeaders;
        }

        public boolean isAllowCredentials() {
            return allowCredentials;
        }

        public void setAllowCredentials(boolean allowCredentials) {
            this.allowCredentials = allowCredentials;
        }

        public @Nullable Duration getMaxAge() {
            return maxAge;
        }

        public void setMaxAge(@Nullable Duration maxAge) {
            this.maxAge = maxAge;
        }
    }

    public static class Describe {

        /**
         * Whether the endpoint serves its routes with their JSON Schemas at /dmicro/describe (as gRPC
         * server reflection does). The endpoint's plugins apply to it as to any route.
         */
        private boolean enabled = true;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }
    }

    /** The overload protection plugin: limits that refuse work with status 429 at once. Zero switches a limit off. */
    public static class Overload {

        /** Whether to install the overload protection plugin (its limits can then be changed at run time through the actuator). */
        private boolean enabled = false;

        /** Open sessions at once, accepted and dialed together. */
        private int maxConnections = 0;

        /** Calls and pushes per second over all routes. */
        private int maxTotalRate = 0;

        /** Calls and pushes per second for single routes, by route name. */
        private Map<String, Integer> maxRouteRates = new LinkedHashMap<>();

        /** Incoming calls and pushes whose handlers run at once on one session. */
        private int maxCallsInFlightPerSession = 0;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public int getMaxConnections() {
            return maxConnections;
        }

        public void setMaxConnections(int maxConnections) {
            this.maxConnections = maxConnections;
        }

        public int getMaxTotalRate() {
            return maxTotalRate;
        }

        public void setMaxTotalRate(int maxTotalRate) {
            this.maxTotalRate = maxTotalRate;
        }

        public Map<String, Integer> getMaxRouteRates() {
            return maxRouteRates;
        }

        public void setMaxRouteRates(Map<String, Integer> maxRouteRates) {
            this.maxRouteRates = maxRouteRates;
        }

        public int getMaxCallsInFlightPerSession() {
            return maxCallsInFlightPerSession;
        }

        public void setMaxCallsInFlightPerSession(int maxCallsInFlightPerSession) {
            this.maxCallsInFlightPerSession = maxCallsInFlightPerSession;
        }
    }

    /** Heartbeats: pings that find dead and half-open connections, and the answers to a peer's pings. */
    public static class Heartbeat {

        /** Whether to ping every quiet session (the HeartbeatPing plugin). */
        private boolean ping = false;

        /** How often a quiet session is pinged; a session silent for twice this long is closed (call mode). */
        private Duration rate = Duration.ofSeconds(10);

        /** How pings travel: call (an answer is expected, so half-open connections are found) or push. */
        private HeartbeatMode mode = HeartbeatMode.CALL;

        /**
         * Whether to answer peers' pings and close sessions whose peer went silent for twice the rate it
         * announced (the HeartbeatPong plugin).
         */
        private boolean pong = false;

        public boolean isPing() {
            return ping;
        }

        public void setPing(boolean ping) {
            this.ping = ping;
        }

        public Duration getRate() {
            return rate;
        }

        public void setRate(Duration rate) {
            this.rate = rate;
        }

        public HeartbeatMode getMode() {
            return mode;
        }

        public void setMode(HeartbeatMode mode) {
            this.mode = mode;
        }

        public boolean isPong() {
            return pong;
        }

        public void setPong(boolean pong) {
            this.pong = pong;
        }
    }

    /** How heartbeat pings travel. */
    public enum HeartbeatMode {
        /** A call: the peer answers, and a session without answers for twice the rate is closed. */
        CALL,
        /** A push: one-way; the peer's pong side measures the silence. */
        PUSH
    }

    public static class Tls {

        /**
         * Whether listeners serve TLS: tcp:// listen URIs become tls://, ws:// become wss://, and a
         * port-sharing URI (?protos=) also recognises TLS handshakes. Published as dmicro.tls=true in
         * the registry metadata, so that clients dial this endpoint with TLS.
         */
        private boolean enabled = false;

        /** PEM certificate chain of this endpoint: a path, file:/etc/dmicro/cert.pem or classpath:cert.pem. Dials present it when a server asks (mutual TLS). */
        private @Nullable String certificate;

        /** PEM (PKCS#8) private key of the certificate. */
        private @Nullable String privateKey;

        /** Password of the private key, when it is encrypted. */
        private @Nullable String keyPassword;

        /** PEM certificates trusted for peers: dials verify servers with them, and listeners verify clients (client-auth); unset trusts the JVM's defaults. */
        private @Nullable String trustCertificate;

        /** Whether a listener asks dialing peers for a certificate: none, optional or require. */
        private ClientAuth clientAuth = ClientAuth.NONE;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public @Nullable String getCertificate() {
            return certificate;
        }

        public void setCertificate(@Nullable String certificate) {
            this.certificate = certificate;
        }

        public @Nullable String getPrivateKey() {
            return privateKey;
        }

        public void setPrivateKey(@Nullable String privateKey) {
            this.privateKey = privateKey;
        }

        public @Nullable String getKeyPassword() {
            return keyPassword;
        }

        public void setKeyPassword(@Nullable String keyPassword) {
            this.keyPassword = keyPassword;
        }

        public @Nullable String getTrustCertificate() {
            return trustCertificate;
        }

        public void setTrustCertificate(@Nullable String trustCertificate) {
            this.trustCertificate = trustCertificate;
        }

        public ClientAuth getClientAuth() {
            return clientAuth;
        }

        public void setClientAuth(ClientAuth clientAuth) {
            this.clientAuth = clientAuth;
        }
    }

    /** Defaults of every @DrpcClient, and per-service overrides under dmicro.client.services. */
    public static class Client {

        /** How a peer is chosen among the discovered instances. */
        private Strategy loadBalancer = Strategy.RANDOM;

        /** Meta key whose value a consistent-hash client hashes to pick a peer. */
        private String hashKey = "X-Hash-Key";

        /** Attempts per call, each on another instance, when an instance cannot be reached. */
        private int maxAttempts = 3;

        /** Reply timeout of client calls; unset uses dmicro.endpoint.call-timeout. */
        private @Nullable Duration callTimeout;

        /**
         * Whether to dial every instance with TLS; when false, only instances whose metadata says
         * dmicro.tls=true. Dials trust dmicro.endpoint.tls.trust-certificate.
         */
        private boolean tls = false;

        /**
         * How long the instances discovery listed for a service are reused before asking again. A
         * connection error asks again at once.
         */
        private Duration discoveryRefresh = Duration.ofSeconds(5);

        /** Overrides per service id (the @DrpcClient name). */
        private Map<String, Service> services = new LinkedHashMap<>();

        private final Ssl ssl = new Ssl();

        private final Outlier outlier = new Outlier();

        private final Retry retry = new Retry();

        private final CircuitBreaker circuitBreaker = new CircuitBreaker();

        public Outlier getOutlier() {
            return outlier;
        }

        public Retry getRetry() {
            return retry;
        }

        public CircuitBreaker getCircuitBreaker() {
            return circuitBreaker;
        }

        public Ssl getSsl() {
            return ssl;
        }

        public Strategy getLoadBalancer() {
            return loadBalancer;
        }

        public void setLoadBalancer(Strategy loadBalancer) {
            this.loadBalancer = loadBalancer;
        }

        public String getHashKey() {
            return hashKey;
        }

        public void setHashKey(String hashKey) {
            this.hashKey = hashKey;
        }

        public int getMaxAttempts() {
            return maxAttempts;
        }

        public void setMaxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
        }

        public @Nullable Duration getCallTimeout() {
            return callTimeout;
        }

        public void setCallTimeout(@Nullable Duration callTimeout) {
            this.callTimeout = callTimeout;
        }

        public boolean isTls() {
            return tls;
        }

        public void setTls(boolean tls) {
            this.tls = tls;
        }

        public Duration getDiscoveryRefresh() {
            return discoveryRefresh;
        }

        public void setDiscoveryRefresh(Duration discoveryRefresh) {
            this.discoveryRefresh = discoveryRefresh;
        }

        public Map<String, Service> getServices() {
            return services;
        }

        public void setServices(Map<String, Service> services) {
            this.services = services;
        }
    }

    /** Outlier ejection: instances that fail to dial or refuse are taken out of rotation and probed back. */
    public static class Outlier {

        /** Whether to eject failing instances. */
        private boolean enabled = true;

        /** How long an instance stays out the first time; doubled at each ejection in a row. */
        private Duration baseEjection = Duration.ofSeconds(1);

        /** The longest an ejection lasts. */
        private Duration maxEjection = Duration.ofSeconds(30);

        /** Random spread of each ejection, from 0 to 1 (0.2 is plus or minus 20 percent). */
        private double jitter = 0.2;

        /** Refusals (503) or broken connections (102) in a row that eject an instance; a failed dial ejects at once. */
        private int consecutiveFailures = 3;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public Duration getBaseEjection() {
            return baseEjection;
        }

        public void setBaseEjection(Duration baseEjection) {
            this.baseEjection = baseEjection;
        }

        public Duration getMaxEjection() {
            return maxEjection;
        }

        public void setMaxEjection(Duration maxEjection) {
            this.maxEjection = maxEjection;
        }

        public double getJitter() {
            return jitter;
        }

        public void setJitter(double jitter) {
            this.jitter = jitter;
        }

        public int getConsecutiveFailures() {
            return consecutiveFailures;
        }

        public void setConsecutiveFailures(int consecutiveFailures) {
            this.consecutiveFailures = consecutiveFailures;
        }
    }

    /**
     * Pauses between retries and the retry budget of each service. Which failures are retried at all
     * follows the retry-safety rule: only calls that certainly did not run, or idempotent ones.
     */
    public static class Retry {

        /** Pause before the first retry; zero retries at once. */
        private Duration initialBackoff = Duration.ofMillis(10);

        /** Longest pause between retries. */
        private Duration maxBackoff = Duration.ofSeconds(1);

        /** How much each pause grows over the last. */
        private double multiplier = 2;

        /** Random spread of each pause, from 0 to 1. */
        private double jitter = 0.2;

        /** Retries each call earns for its service's budget (0.2: one retry per five calls when all fail). */
        private double budgetRatio = 0.2;

        /** Retries a service's budget saves up at most, and starts with; 0 switches the budget off. */
        private int budgetMaxTokens = 10;

        public Duration getInitialBackoff() {
            return initialBackoff;
        }

        public void setInitialBackoff(Duration initialBackoff) {
            this.initialBackoff = initialBackoff;
        }

        public Duration getMaxBackoff() {
            return maxBackoff;
        }

        public void setMaxBackoff(Duration maxBackoff) {
            this.maxBackoff = maxBackoff;
        }

        public double getMultiplier() {
            return multiplier;
        }

        public void setMultiplier(double multiplier) {
            this.multiplier = multiplier;
        }

        public double getJitter() {
            return jitter;
        }

        public void setJitter(double jitter) {
            this.jitter = jitter;
        }

        public double getBudgetRatio() {
            return budgetRatio;
        }

        public void setBudgetRatio(double budgetRatio) {
            this.budgetRatio = budgetRatio;
        }

        public int getBudgetMaxTokens() {
            return budgetMaxTokens;
        }

        public void setBudgetMaxTokens(int budgetMaxTokens) {
            this.budgetMaxTokens = budgetMaxTokens;
        }
    }

    /**
     * Circuit breakers of @DrpcClient services, when Spring Cloud CircuitBreaker's Resilience4j
     * implementation is on the classpath: one per service id (configured as
     * resilience4j.circuitbreaker.instances.<service-id>.*), optionally one per instance.
     */
    public static class CircuitBreaker {

        /** Whether @DrpcClient calls go through a circuit breaker when Resilience4j is there. */
        private boolean enabled = true;

        /** Whether each instance has a breaker of its own too (named <service-id>@<host:port>, the service's settings). */
        private boolean perInstance = false;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public boolean isPerInstance() {
            return perInstance;
        }

        public void setPerInstance(boolean perInstance) {
            this.perInstance = perInstance;
        }
    }

    /** Settings of the clients of one service id; unset values fall back to dmicro.client.*. */
    public static class Service {

        /** How a peer of this service is chosen. */
        private @Nullable Strategy loadBalancer;

        /** Meta key hashed by the consistent-hash strategy. */
        private @Nullable String hashKey;

        /** Attempts per call on distinct instances when one cannot be reached. */
        private @Nullable Integer maxAttempts;

        /** Reply timeout of this service's calls. */
        private @Nullable Duration callTimeout;

        /** Whether to dial every instance of this service with TLS. */
        private @Nullable Boolean tls;

        public @Nullable Strategy getLoadBalancer() {
            return loadBalancer;
        }

        public void setLoadBalancer(@Nullable Strategy loadBalancer) {
            this.loadBalancer = loadBalancer;
        }

        public @Nullable String getHashKey() {
            return hashKey;
        }

        public void setHashKey(@Nullable String hashKey) {
            this.hashKey = hashKey;
        }

        public @Nullable Integer getMaxAttempts() {
            return maxAttempts;
        }

        public void setMaxAttempts(@Nullable Integer maxAttempts) {
            this.maxAttempts = maxAttempts;
        }

        public @Nullable Duration getCallTimeout() {
            return callTimeout;
        }

        public void setCallTimeout(@Nullable Duration callTimeout) {
            this.callTimeout = callTimeout;
        }

        public @Nullable Boolean getTls() {
            return tls;
        }

        public void setTls(@Nullable Boolean tls) {
            this.tls = tls;
        }
    }

    /** The registry bridge: how the endpoint appears in a Spring Cloud service registry. */
    public static class Discovery {

        /** Whether to publish the drpc ports and protos in the registration's metadata and register. */
        private boolean register = true;

        public boolean isRegister() {
            return register;
        }

        public void setRegister(boolean register) {
            this.register = register;
        }
    }

    /** Session events (accepted, connected, connect failed, disconnected, received) as Spring application events. */
    public static class Events {

        /** Whether to publish session events as DmicroSessionEvent application events. */
        private boolean enabled = true;

        /**
         * Whether to publish an event for every call, push and reply received too. Off by default: each
         * costs a publication through the context's multicaster on the thread that read the message, a
         * few percent of a small call's CPU, and a listener of every kind would run once per message.
         */
        private boolean received;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public boolean isReceived() {
            return received;
        }

        public void setReceived(boolean received) {
            this.received = received;
        }
    }

    /** A Spring Boot SSL bundle (spring.ssl.bundle.pem.* or .jks.*) to use instead of PEM file settings. */
    public static class Ssl {

        /**
         * Name of the SSL bundle. Under dmicro.endpoint: listeners serve TLS with its key and certificate
         * (and verify clients with its trust store when client-auth asks). Under dmicro.client: TLS dials
         * verify servers with its trust store and present its key to servers that ask. Reloads with the
         * bundle (spring.ssl.bundle.*.*.reload-on-update).
         */
        private @Nullable String bundle;

        public @Nullable String getBundle() {
            return bundle;
        }

        public void setBundle(@Nullable String bundle) {
            this.bundle = bundle == null || bundle.isBlank() ? null : bundle.trim();
        }
    }

    /** How routes are named from service and method names. */
    public enum RouteMapper {
        /** {@code /math/add_one}: lower-case paths, as HTTP and the Go original's default. */
        HTTP,
        /** {@code Math.AddOne}: RPC style names. */
        RPC
    }

    /** Whether a TLS listener asks dialing peers for a certificate. */
    public enum ClientAuth {
        /** Never asks. */
        NONE,
        /** Asks, and accepts peers without one. */
        OPTIONAL,
        /** Asks, and refuses peers without one (mutual TLS). */
        REQUIRE
    }
}
