package io.dmicro.spring.boot.autoconfigure.client;

import io.dmicro.drpc.Endpoint;
import io.dmicro.drpc.router.ServiceMethodMapper;
import io.dmicro.spring.boot.autoconfigure.DmicroConfigurationException;
import io.dmicro.spring.boot.autoconfigure.DmicroProperties;
import io.dmicro.spring.boot.autoconfigure.DrpcClient;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.springframework.cloud.client.DefaultServiceInstance;
import org.jspecify.annotations.Nullable;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.core.annotation.AnnotatedElementUtils;

/**
 * Builds {@link DrpcClient} proxies. All proxies share the endpoint and one session per peer; each
 * gets the load balancer its service's settings name ({@code dmicro.client.services.<id>.*}, else
 * {@code dmicro.client.*}), or a {@link LoadBalancer} bean returned by {@code balancers} for the id.
 * Each service's instance list is cached for {@code dmicro.client.discovery-refresh}; instances whose
 * metadata says {@code dmicro.tls=true}, or all when the settings say so, are dialed with TLS.
 */
public final class DrpcClientFactory implements AutoCloseable {

    private final Endpoint endpoint;
    private final Supplier<DiscoveryClient> discovery;
    private final DmicroProperties.Client settings;
    private final PeerSessions peers;
    private final ExecutorService discoveryExecutor;
    private final ClientTls tls;
    private final ClientCallObserver observer;
    private final Function<String, @Nullable LoadBalancer> balancers;
    private final Map<String, ServiceCaller> callers = new HashMap<>();
    private volatile UnaryOperator<String> placeholders = UnaryOperator.identity();

    /**
     * @param discovery the discovery client, resolved on the first call
     * @param tls how instances are dialed with TLS
     * @param balancers a custom balancer for a service id, or null to use the configured strategy
     */
    public DrpcClientFactory(Endpoint endpoint, Supplier<DiscoveryClient> discovery, DmicroProperties.Client settings, ClientTls tls,
            ClientCallObserver observer, Function<String, @Nullable LoadBalancer> balancers) {
        if (settings.getDiscoveryRefresh().isNegative()) {
            throw new DmicroConfigurationException("dmicro.client.discovery-refresh", String.valueOf(settings.getDiscoveryRefresh()),
                    "must not be negative", "Set a duration such as 5s, or 0 to ask discovery on every call.");
        }
        this.endpoint = endpoint;
        this.discovery = discovery;
        this.settings = settings;
        this.tls = tls;
        this.peers = new PeerSessions(endpoint);
        // discovery queries of callers that must not block; at most one per service at a time
        this.discoveryExecutor = Executors.newCachedThreadPool(new DefaultThreadFactory("dmicro-client-discovery", true));
        this.observer = observer;
        this.balancers = balancers;
    }

    public PeerSessions peers() {
        return peers;
    }

    /** Resolves {@code ${...}} in {@code url}, {@code @DrpcRoute} and {@code @DrpcCallSettings} values (the Environment's). */
    public void placeholders(UnaryOperator<String> resolver) {
        this.placeholders = resolver;
    }

    /** A proxy of {@code type}, which must be an interface annotated {@link DrpcClient}; every method is checked now. */
    public <T> T create(Class<T> type) {
        DrpcClient annotation = AnnotatedElementUtils.findMergedAnnotation(type, DrpcClient.class);
        if (!type.isInterface() || annotation == null) {
            throw new IllegalArgumentException(type.getName() + " is not an interface annotated @DrpcClient");
        }
        String serviceId = annotation.value();
        String url = placeholders.apply(annotation.url()).trim();
        if (serviceId.isEmpty() && url.isEmpty()) {
            throw new IllegalArgumentException("@DrpcClient on " + type.getName() + " names no service id and no url");
        }
        ServiceMethodMapper mapper = endpoint.router().mapper();
        String service = annotation.service().isEmpty() ? serviceName(type) : annotation.service();
        String prefix = mapper.map("", service);
        Map<Method, ClientMethod> methods = new HashMap<>();
        for (Method m : type.getMethods()) {
            if (!m.isDefault() && !Modifier.isStatic(m.getModifiers())) {
                methods.put(m, ClientMethod.of(m, prefix, mapper, placeholders));
            }
        }
        ServiceCaller caller = url.isEmpty() ? caller(serviceId) : direct(serviceId, url);
        Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                new DrpcClientInvocationHandler(type, caller, methods));
        return type.cast(proxy);
    }

    /**
     * The caller of a direct address ({@code @DrpcClient(url = ...)}): one instance, no discovery,
     * dialed as written; the settings are those of {@code serviceId} when it is named.
     */
    synchronized ServiceCaller direct(String serviceId, String url) {
        io.dmicro.drpc.transport.TransportUri uri;
        try {
            uri = io.dmicro.drpc.transport.TransportUri.parse(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("@DrpcClient url " + url + " is not a drpc address: " + e.getMessage(), e);
        }
        String id = serviceId.isEmpty() ? uri.scheme() + "://" + uri.host() + ":" + uri.port() : serviceId;
        ServiceInstance instance = new DefaultServiceInstance(id + "@" + url, id, uri.host(), uri.port(), false);
        DiscoveryClient fixed = new DiscoveryClient() {
            @Override
            public String description() {
                return "direct url of @DrpcClient " + id;
            }

            @Override
            public List<ServiceInstance> getInstances(String ignored) {
                return List.of(instance);
            }

            @Override
            public List<String> getServices() {
                return List.of(id);
            }
        };
        String dial = tls.withContext(url);
        return callers.computeIfAbsent("url:" + url, key -> newCaller(id, () -> fixed, i -> dial));
    }

    /** The caller of a service id, shared by every client interface of that id. */
    public synchronized ServiceCaller caller(String serviceId) {
        return callers.computeIfAbsent(serviceId, id -> newCaller(id, discovery, null));
    }

    private ServiceCaller newCaller(String id, Supplier<DiscoveryClient> discovery, @Nullable Function<ServiceInstance, String> fixedUri) {
        DmicroProperties.Service s = settings.getServices().getOrDefault(id, new DmicroProperties.Service());
        LoadBalancer custom = balancers.apply(id);
        LoadBalancerType type = s.getLoadBalancer() != null ? s.getLoadBalancer() : settings.getLoadBalancer();
        String hashKey = s.getHashKey() != null ? s.getHashKey() : settings.getHashKey();
        int attempts = s.getMaxAttempts() != null ? s.getMaxAttempts() : settings.getMaxAttempts();
        Duration timeout = s.getCallTimeout() != null ? s.getCallTimeout() : settings.getCallTimeout();
        boolean alwaysTls = s.getTls() != null ? s.getTls() : settings.isTls();
        LoadBalancer balancer = custom != null ? custom : type.create(hashKey);
        Set<String> seen = ConcurrentHashMap.newKeySet();
        ServiceInstances instances = new ServiceInstances(id, discovery, settings.getDiscoveryRefresh(), discoveryExecutor, list -> {
            // sessions to instances that left are closed once idle: calls in flight keep theirs
            List<String> live = list.stream().map(InstanceMetadata::address).toList();
            peers.retainOnly(live, seen);
            seen.addAll(live);
        });
        Function<ServiceInstance, String> dialUri = fixedUri != null ? fixedUri : i -> alwaysTls || InstanceMetadata.tls(i)
                ? tls.dialUri(InstanceMetadata.address(i)) : InstanceMetadata.address(i);
        return new ServiceCaller(id, instances, balancer, peers, attempts, timeout, dialUri, observer);
    }

    /** Stops the discovery threads; sessions belong to the endpoint, which closes them. */
    @Override
    public void close() {
        discoveryExecutor.shutdownNow();
    }

    /** {@code MathClient} → {@code Math}: the simple name less a trailing Client, Impl and Service. */
    static String serviceName(Class<?> type) {
        String name = type.getSimpleName();
        for (String suffix : new String[] {"Client", "Impl", "Service"}) {
            if (name.endsWith(suffix) && name.length() > suffix.length()) {
                name = name.substring(0, name.length() - suffix.length());
            }
        }
        return name;
    }
}
