package io.dmicro.spring.boot.autoconfigure;

import io.dmicro.selector.Strategy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

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
        private String rawDialect = "drpc";

        /** Name of the wire format: raw, or the name() of a Proto bean. */
        private String proto = "raw";

        /** Route naming: http (/math/add_one) or rpc (Math.AddOne). */
        private String mapper = "http";

        /** Lifetime of every session; zero means unlimited. */
        private Duration sessionAge = Duration.ZERO;

        /** How long a call waits for its reply; zero waits without limit. */
        private Duration callTimeout = Duration.ofSeconds(30);

        /** Calls slower than this are logged as slow; zero never logs. */
        private Duration slowCallThreshold = Duration.ZERO;

        /** Whether run logs include bodies and meta. */
        private boolean printDetail = false;

        /** Redial attempts after a dialed connection breaks: zero means none, negative without limit. */
        private int redialTimes = 0;

        /** Pause between dial attempts. */
        private Duration redialInterval = Duration.ofMillis(100);

        /** How long one dial attempt may take. */
        private Duration dialTimeout = Duration.ofSeconds(10);

        /** Largest frame accepted or written, in bytes. */
        private int maxMessageSize = 4 * 1024 * 1024;

        /** Bytes queued for writing on one connection past which new writes fail with status 104. */
        private int maxPendingWriteBytes = 64 * 1024 * 1024;

        /** Netty I/O threads; zero lets Netty choose (twice the cores). */
        private int ioThreads = 0;

        /**
         * How long a graceful stop lets in-flight calls finish before closing anyway. Bounded by
         * spring.lifecycle.timeout-per-shutdown-phase.
         */
        private Duration drainTimeout = Duration.ofSeconds(15);

        private final Tls tls = new Tls();

        public List<String> getListen() {
            return listen;
        }

        /**
         * Blank entries are dropped, so {@code listen: ""} means no listener. Spring splits a property
         * value at commas, which also cuts query options such as {@code ?protos=raw,http}: an entry
         * without a scheme that follows a URI with options is joined back to it.
         */
        public void setListen(List<String> listen) {
            List<String> out = new ArrayList<>();
            for (String uri : listen) {
                int last = out.size() - 1;
                if (uri.isBlank()) {
                    continue;
                }
                if (!uri.contains("://") && last >= 0 && out.get(last).contains("?")) {
                    out.set(last, out.get(last) + "," + uri);
                } else {
                    out.add(uri);
                }
            }
            this.listen = out;
        }

        public String getDefaultBodyCodec() {
            return defaultBodyCodec;
        }

        public void setDefaultBodyCodec(String defaultBodyCodec) {
            this.defaultBodyCodec = defaultBodyCodec;
        }

        public String getRawDialect() {
            return rawDialect;
        }

        public void setRawDialect(String rawDialect) {
            this.rawDialect = rawDialect;
        }

        public String getProto() {
            return proto;
        }

        public void setProto(String proto) {
            this.proto = proto;
        }

        public String getMapper() {
            return mapper;
        }

        public void setMapper(String mapper) {
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

        public int getMaxMessageSize() {
            return maxMessageSize;
        }

        public void setMaxMessageSize(int maxMessageSize) {
            this.maxMessageSize = maxMessageSize;
        }

        public int getMaxPendingWriteBytes() {
            return maxPendingWriteBytes;
        }

        public void setMaxPendingWriteBytes(int maxPendingWriteBytes) {
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

        public Tls getTls() {
            return tls;
        }
    }

    /**
     * TLS from PEM files: the listeners' (when enabled) and the identity and trust of the connections
     * that @DrpcClient dials with TLS.
     */
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
        private String clientAuth = "none";

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

        public String getClientAuth() {
            return clientAuth;
        }

        public void setClientAuth(String clientAuth) {
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

        /** Whether to publish an event for every call, push and reply received too; turn off to save the per-message cost. */
        private boolean received = true;

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
}
