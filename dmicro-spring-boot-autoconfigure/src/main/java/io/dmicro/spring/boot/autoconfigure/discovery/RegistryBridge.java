package io.dmicro.spring.boot.autoconfigure.discovery;

import io.dmicro.drpc.Endpoint;
import io.dmicro.drpc.transport.TransportAddress;
import io.dmicro.spring.boot.autoconfigure.EndpointLifecycleListener;
import io.dmicro.spring.boot.autoconfigure.client.InstanceMetadata;
import java.lang.reflect.Method;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.client.serviceregistry.Registration;
import org.springframework.cloud.client.serviceregistry.ServiceRegistry;

/**
 * Publishes the endpoint in a Spring Cloud service registry: once it listens, the registration's
 * metadata gets {@code dmicro.port}, {@code dmicro.protos}, {@code dmicro.listen} and, when the
 * listeners serve TLS, {@code dmicro.tls=true} (clients then dial with TLS); when the
 * application registers through its web server (Spring Cloud's auto-registration) that is all, else
 * the bridge registers the instance itself. On stop it deregisters first, before the endpoint stops
 * accepting, so that clients stop choosing this peer while its in-flight calls drain.
 */
public final class RegistryBridge implements EndpointLifecycleListener {

    private static final Logger log = LoggerFactory.getLogger(RegistryBridge.class);

    private final Supplier<@Nullable ServiceRegistry<Registration>> registry;
    private final Supplier<@Nullable Registration> registration;
    private final List<String> listen;
    private final boolean tls;
    private final boolean selfRegister;
    private volatile boolean published;

    /**
     * @param listen the listen URIs, in the order they were bound (their schemes are published)
     * @param tls whether the listeners serve TLS
     * @param selfRegister whether to call {@link ServiceRegistry#register} (no web server will trigger auto-registration)
     */
    public RegistryBridge(Supplier<@Nullable ServiceRegistry<Registration>> registry, Supplier<@Nullable Registration> registration,
            List<String> listen, boolean tls, boolean selfRegister) {
        this.registry = registry;
        this.registration = registration;
        this.listen = List.copyOf(listen);
        this.tls = tls;
        this.selfRegister = selfRegister;
    }

    @Override
    public void started(Endpoint endpoint) {
        ServiceRegistry<Registration> r = registry.get();
        Registration reg = registration.get();
        if (r == null || reg == null || endpoint.listenAddresses().isEmpty()) {
            return;
        }
        Map<String, String> metadata = metadata(endpoint, listen, tls);
        if (selfRegister && reg.getPort() <= 0) {
            setPort(reg, Integer.parseInt(metadata.getOrDefault(InstanceMetadata.PORT, "0")));
        }
        if (!putMetadata(reg, metadata)) {
            log.warn("the registration of {} does not take metadata; clients will dial its registered port {}", reg.getServiceId(), reg.getPort());
        }
        if (selfRegister) {
            r.register(reg);
        }
        published = true;
        log.info("drpc endpoint published in the service registry as {} with {}", reg.getServiceId(), metadata);
    }

    @Override
    public void stopping(Endpoint endpoint) {
        ServiceRegistry<Registration> r = registry.get();
        Registration reg = registration.get();
        if (!published || r == null || reg == null) {
            return;
        }
        published = false;
        r.deregister(reg);
        log.info("drpc endpoint deregistered {} before draining", reg.getServiceId());
    }

    /** The metadata describing the bound listeners: the first one's port, the proto, every URI with its bound port, and TLS. */
    static Map<String, String> metadata(Endpoint endpoint, List<String> listen, boolean tls) {
        List<SocketAddress> bound = endpoint.listenAddresses();
        Map<String, String> out = new LinkedHashMap<>();
        if (bound.get(0) instanceof InetSocketAddress first) {
            out.put(InstanceMetadata.PORT, Integer.toString(first.getPort()));
        }
        out.put(InstanceMetadata.PROTOS, endpoint.config().proto().name());
        List<String> uris = new ArrayList<>();
        for (int i = 0; i < bound.size(); i++) {
            String scheme = i < listen.size() && listen.get(i).contains("://") ? listen.get(i).substring(0, listen.get(i).indexOf("://")) : "tcp";
            uris.add(bound.get(i) instanceof InetSocketAddress inet ? scheme + "://" + TransportAddress.hostPort(inet) : String.valueOf(bound.get(i)));
        }
        out.put(InstanceMetadata.LISTEN, String.join(",", uris));
        if (tls) {
            out.put(InstanceMetadata.TLS, "true");
        }
        return out;
    }

    /**
     * Without a web server nothing sets the registration's port, and some registries (ZooKeeper) then
     * list an instance no client can read: the drpc port is this application's port. Registration
     * has no setter in its interface; the registries' own registrations (ZooKeeper, Consul) have one.
     */
    private static void setPort(Registration reg, int port) {
        try {
            reg.getClass().getMethod("setPort", int.class).invoke(reg, port);
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.debug("registration {} has no port setter; leaving its port at {}", reg.getServiceId(), reg.getPort());
        }
    }

    /**
     * Adds to the registration's metadata map. ZooKeeper's registration builds its instance lazily and
     * shows an immutable empty map until then; building it first (its public getServiceInstance) gives
     * the real one.
     */
    private static boolean putMetadata(Registration reg, Map<String, String> metadata) {
        try {
            reg.getMetadata().putAll(metadata);
            return true;
        } catch (UnsupportedOperationException | NullPointerException first) {
            try {
                Method build = reg.getClass().getMethod("getServiceInstance");
                build.invoke(reg);
                reg.getMetadata().putAll(metadata);
                return true;
            } catch (ReflectiveOperationException | RuntimeException second) {
                return false;
            }
        }
    }
}
