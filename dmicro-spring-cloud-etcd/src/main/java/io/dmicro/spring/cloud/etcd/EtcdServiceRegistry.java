package io.dmicro.spring.cloud.etcd;

import io.dmicro.spring.boot.autoconfigure.client.InstanceMetadata;
import io.dmicro.spring.cloud.etcd.internal.NodeLease;
import io.dmicro.spring.cloud.etcd.internal.RecordCodec;
import io.dmicro.spring.cloud.etcd.internal.RegistryLayout;
import io.dmicro.spring.cloud.etcd.internal.ServiceRecord;
import io.etcd.jetcd.Client;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.client.serviceregistry.ServiceRegistry;

/**
 * Registers instances in etcd as Go DMicro's registry plugin does: one key per node,
 * {@code /dmicro/registry/<service>/<node-id>}, holding the service record with that one node, under
 * a lease that this registry keeps alive (see {@link NodeLease}). The node's metadata has Go's
 * {@code registry} and {@code server} keys and the registration's own ({@code dmicro.port},
 * {@code dmicro.protos}, ...); its paths are the endpoint's call routes.
 */
public final class EtcdServiceRegistry implements ServiceRegistry<EtcdRegistration>, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EtcdServiceRegistry.class);
    static final String STATUS_UP = "UP";

    private final Client client;
    private final RegistryLayout layout;
    private final RecordCodec codec;
    private final Duration ttl;
    private final Duration timeout;
    private final Supplier<List<String>> paths;
    private final Map<String, NodeLease> nodes = new ConcurrentHashMap<>();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "dmicro-etcd-registry");
        t.setDaemon(true);
        return t;
    });

    /**
     * @param ttl the lease time to live of each record, at least one second
     * @param paths the route names written as each node's paths
     */
    public EtcdServiceRegistry(Client client, RegistryLayout layout, RecordCodec codec, Duration ttl, Duration timeout,
            Supplier<List<String>> paths) {
        if (ttl.toSeconds() < 1) {
            throw new IllegalArgumentException("dmicro.registry.etcd.ttl must be at least 1s: " + ttl);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("dmicro.registry.etcd.timeout must be positive: " + timeout);
        }
        this.client = client;
        this.layout = layout;
        this.codec = codec;
        this.ttl = ttl;
        this.timeout = timeout;
        this.paths = paths;
    }

    /** Writes the record and keeps it alive; throws when etcd does not take it within the timeout. */
    @Override
    public void register(EtcdRegistration registration) {
        String key = layout.nodeKey(registration.getServiceId(), registration.getInstanceId());
        byte[] value = codec.encode(record(registration));
        NodeLease previous = nodes.remove(key);
        if (previous != null) {
            previous.remove();
        }
        NodeLease lease = NodeLease.write(client, key, value, ttl, timeout, scheduler);
        nodes.put(key, lease);
        log.info("registered {} in etcd as {} (lease {}, ttl {})", registration.getServiceId(), key, Long.toHexString(lease.leaseId()), ttl);
    }

    /** The record Go DMicro would write for this registration. */
    ServiceRecord record(EtcdRegistration registration) {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("registry", "etcd");
        metadata.put("server", registration.getServiceId());
        metadata.putAll(registration.getMetadata());
        ServiceRecord.Node node = new ServiceRecord.Node(registration.getInstanceId(), InstanceMetadata.address(registration),
                new ArrayList<>(paths.get()), metadata);
        return new ServiceRecord(registration.getServiceId(), registration.getVersion(), null, List.of(node));
    }

    @Override
    public void deregister(EtcdRegistration registration) {
        String key = layout.nodeKey(registration.getServiceId(), registration.getInstanceId());
        NodeLease lease = nodes.remove(key);
        if (lease != null) {
            lease.remove();
            log.info("deregistered {} from etcd ({})", registration.getServiceId(), key);
        }
    }

    /** Removes every record this registry wrote. */
    @Override
    public void close() {
        for (String key : List.copyOf(nodes.keySet())) {
            NodeLease lease = nodes.remove(key);
            if (lease != null) {
                lease.remove();
            }
        }
        scheduler.shutdownNow();
    }

    /** Only {@code UP} is known: an instance is in etcd or not (Go DMicro has no status). */
    @Override
    public void setStatus(EtcdRegistration registration, String status) {
        if (!STATUS_UP.equalsIgnoreCase(status)) {
            log.warn("the etcd registry has no instance status; deregister {} instead of setting it {}", registration.getServiceId(), status);
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> @Nullable T getStatus(EtcdRegistration registration) {
        return nodes.containsKey(layout.nodeKey(registration.getServiceId(), registration.getInstanceId())) ? (T) STATUS_UP : null;
    }
}
