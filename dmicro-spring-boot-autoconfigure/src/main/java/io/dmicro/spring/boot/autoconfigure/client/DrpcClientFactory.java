package io.dmicro.spring.boot.autoconfigure.client;

import io.dmicro.drpc.Endpoint;
import io.dmicro.drpc.client.Breakers;
import io.dmicro.drpc.client.CachedInstances;
import io.dmicro.drpc.client.CallObserver;
import io.dmicro.drpc.client.InstanceSource;
import io.dmicro.drpc.client.PeerSessions;
import io.dmicro.drpc.client.ServiceClient;
import io.dmicro.drpc.router.ServiceMethodMapper;
import io.dmicro.selector.Instance;
import io.dmicro.selector.Selector;
import io.dmicro.selector.Strategy;
import io.dmicro.spring.boot.autoconfigure.DmicroConfigurationException;
import io.dmicro.spring.boot.autoconfigure.DmicroProperties;
import io.dmicro.spring.boot.autoconfigure.DrpcClient;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
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
 * Builds {@link DrpcClient} proxies over core {@link ServiceClient}s, one per service id: this class
 * only adapts Spring Cloud's {@link DiscoveryClient} to the core's {@link InstanceSource} and the
 * {@code dmicro.client.*} settings to the client's. All proxies share the endpoint and one session
 * per peer; each gets the strategy its service's settings name ({@code dmicro.client.services.<id>.*},
 * else {@code dmicro.client.*}), or a {@link Selector} bean returned by {@code selectors} for the id.
 * Each service's instance list is cached for {@code dmicro.client.discovery-refresh}; instances whose
 * metadata says {@code dmicro.tls=true}, or all when the settings say so, are dialed with TLS.
 */
public final class DrpcClientFactory implements ClientStates, AutoCloseable {

    private final Endpoint endpoint;
    private final Supplier<DiscoveryClient> discovery;
    private final DmicroProperties.Client settings;
    private final PeerSessions peers;
    private final ExecutorService discoveryExecutor;
    private final ClientTls tls;
    private final CallObserver observer;
    private final Function<String, @Nullable Selector> selectors;
    private final Map<String, ServiceClient> callers = new HashMap<>();
    private volatile UnaryOperator<String> placeholders = UnaryOperator.identity();
    private final ClientResilience resilience;
    private volatile Breakers breakers = Breakers.NONE;
    private volatile Function<Class<?>, Object> fallbackBeans = t -> {
        throw new IllegalStateException("no bean factory to find the fallback " + t.getName() + " in");
    };

    /**
     * @param discovery the discovery client, resolved on the first call
     * @param tls how instances are dialed with TLS
     * @param selectors a custom selector for a service id, or null to use the configured strategy
     */
    public DrpcClientFactory(Endpoint endpoint, Supplier<DiscoveryClient> discovery, DmicroProperties.Client settings, ClientTls tls,
            CallObserver observer, Function<String, @Nullable Selector> selectors) {
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
        this.selectors = selectors;
        this.resilience = new ClientResilience(settings);
    }

    /** The circuit breakers of the clients created from now on; default none. */
    public void breakers(Breakers circuitBreakers) {
        this.breakers = circuitBreakers;
    }

    /** Where {@code @DrpcClient(fallback = X.class)} finds its X (the context's beans). */
    public void fallbackBeans(Function<Class<?>, Object> lookup) {
        this.fallbackBeans = lookup;
    }

    @Override
    public synchronized List<ServiceClient.State> states() {
        return callers.values().stream().map(ServiceClient::state)
                .sorted(java.util.Comparator.comparing(ServiceClient.State::service)).toList();
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
        Object fallbackBean = null;
        if (annotation.fallback() != void.class) {
            if (!type.isAssignableFrom(annotation.fallback())) {
                throw new IllegalArgumentException("the fallback " + annotation.fallback().getName() + " of @DrpcClient " + type.getName()
                        + " does not implement it");
            }
            fallbackBean = fallbackBeans.apply(annotation.fallback());
        }
        Map<Method, ClientFallback> fallbacks = new HashMap<>();
        for (Method m : methods.keySet()) {
            ClientFallback f = ClientFallback.of(type, m, fallbackBean);
            if (f != null) {
                fallbacks.put(m, f);
            }
        }
        ServiceClient caller = url.isEmpty() ? caller(serviceId) : direct(serviceId, url);
        Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                new DrpcClientInvocationHandler(type, caller, methods, fallbacks));
        return type.cast(proxy);
    }

    /**
     * The caller of a direct address ({@code @DrpcClient(url = ...)}): one instance, no discovery,
     * dialed as written; the settings are those of {@code serviceId} when it is named.
     */
    synchronized ServiceClient direct(String serviceId, String url) {
        io.dmicro.drpc.transport.TransportUri uri;
        try {
            uri = io.dmicro.drpc.transport.TransportUri.parse(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("@DrpcClient url " + url + " is not a drpc address: " + e.getMessage(), e);
        }
        String id = serviceId.isEmpty() ? uri.scheme() + "://" + uri.host() + ":" + uri.port() : serviceId;
        ServiceInstance instance = new DefaultServiceInstance(id + "@" + url, id, uri.host(), uri.port(), false);
        String dial = tls.withContext(url);
        return callers.computeIfAbsent("url:" + url, key -> newClient(id, () -> List.of(instance), i -> dial));
    }

    /** The caller of a service id, shared by every client interface of that id. */
    public synchronized ServiceClient caller(String serviceId) {
        return callers.computeIfAbsent(serviceId, id -> newClient(id, () -> {
            List<ServiceInstance> found = discovery.get().getInstances(id);
            return found == null ? List.of() : found;
        }, null));
    }

    private ServiceClient newClient(String id, Supplier<List<ServiceInstance>> lookup, @Nullable Function<ServiceInstance, String> fixedUri) {
        DmicroProperties.Service s = settings.getServices().getOrDefault(id, new DmicroProperties.Service());
        Selector custom = selectors.apply(id);
        Strategy strategy = s.getLoadBalancer() != null ? s.getLoadBalancer() : settings.getLoadBalancer();
        String hashKey = s.getHashKey() != null ? s.getHashKey() : settings.getHashKey();
        int attempts = s.getMaxAttempts() != null ? s.getMaxAttempts() : settings.getMaxAttempts();
        Duration timeout = s.getCallTimeout() != null ? s.getCallTimeout() : settings.getCallTimeout();
        boolean alwaysTls = s.getTls() != null ? s.getTls() : settings.isTls();
        Function<ServiceInstance, String> dialUri = fixedUri != null ? fixedUri : i -> alwaysTls || InstanceMetadata.tls(i)
                ? tls.dialUri(InstanceMetadata.address(i)) : InstanceMetadata.address(i);
        Set<String> seen = ConcurrentHashMap.newKeySet();
        InstanceSource instances = new CachedInstances(id, () -> discovered(lookup, dialUri), settings.getDiscoveryRefresh(),
                discoveryExecutor, list -> {
                    // sessions to instances that left are closed once idle: calls in flight keep theirs
                    List<String> live = list.stream().map(Instance::address).toList();
                    peers.retainOnly(live, seen);
                    seen.addAll(live);
                });
        return ServiceClient.builder(endpoint, id)
                .instances(instances)
                .selector(custom != null ? custom : strategy.create(hashKey))
                .peers(peers)
                .maxAttempts(attempts)
                .callTimeout(timeout)
                .observer(observer)
                .outlierEjection(resilience.ejection())
                .retryBackoff(resilience.backoff())
                .retryBudget(resilience.budget())
                .breakers(breakers)
                .build();
    }

    private static List<Instance> discovered(Supplier<List<ServiceInstance>> lookup, Function<ServiceInstance, String> dialUri) {
        return lookup.get().stream().map(i -> InstanceMetadata.instance(i, dialUri.apply(i))).toList();
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
