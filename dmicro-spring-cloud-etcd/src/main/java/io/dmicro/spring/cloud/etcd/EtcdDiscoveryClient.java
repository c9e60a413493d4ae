package io.dmicro.spring.cloud.etcd;

import io.dmicro.spring.cloud.etcd.internal.RegistryCache;
import io.dmicro.spring.cloud.etcd.internal.RegistryLayout;
import io.dmicro.spring.cloud.etcd.internal.ServiceRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;

/**
 * Discovery from the etcd registry, Go DMicro's services and ours alike, answered from a cache that
 * one etcd watch keeps current. An instance's metadata is the record's service metadata, its node's
 * metadata and {@code version}; its host and port are the node's address.
 */
public final class EtcdDiscoveryClient implements DiscoveryClient, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EtcdDiscoveryClient.class);
    /** The metadata key of the record's service version. */
    public static final String VERSION = "version";

    private final RegistryCache cache;
    private final RegistryLayout layout;
    private final int order;

    public EtcdDiscoveryClient(RegistryCache cache, RegistryLayout layout, int order) {
        this.cache = cache;
        this.layout = layout;
        this.order = order;
    }

    @Override
    public String description() {
        return "etcd (Go DMicro layout under " + layout.prefix() + ")";
    }

    @Override
    public List<ServiceInstance> getInstances(String serviceId) {
        String servicePrefix = layout.servicePrefix(serviceId);
        List<ServiceInstance> out = new ArrayList<>();
        for (Map.Entry<String, ServiceRecord> e : cache.records().entrySet()) {
            if (!e.getKey().startsWith(servicePrefix) || e.getValue().nodes() == null) {
                continue;
            }
            for (ServiceRecord.Node node : e.getValue().nodes()) {
                instance(serviceId, e.getValue(), node).ifPresent(out::add);
            }
        }
        out.sort((a, b) -> a.getInstanceId().compareTo(b.getInstanceId()));
        return out;
    }

    @Override
    public List<String> getServices() {
        TreeSet<String> names = new TreeSet<>();
        for (ServiceRecord record : cache.records().values()) {
            names.add(record.name());
        }
        return List.copyOf(names);
    }

    @Override
    public void probe() {
        cache.records();
    }

    @Override
    public int getOrder() {
        return order;
    }

    /** Stops watching etcd. */
    @Override
    public void close() {
        cache.close();
    }

    private static Optional<ServiceInstance> instance(String serviceId, ServiceRecord record, ServiceRecord.Node node) {
        if (node == null || node.address() == null) {
            return Optional.empty();
        }
        String address = node.address();
        int colon = address.lastIndexOf(':');
        int port;
        try {
            port = colon < 0 ? -1 : Integer.parseInt(address.substring(colon + 1));
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port <= 0 || port > 65535) {
            log.debug("ignoring node {} of {}: its address {} has no port", node.id(), serviceId, address);
            return Optional.empty();
        }
        String host = address.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        if (record.metadata() != null) {
            metadata.putAll(record.metadata());
        }
        if (node.metadata() != null) {
            metadata.putAll(node.metadata());
        }
        metadata.put(VERSION, record.version() == null ? "" : record.version());
        DefaultServiceInstance instance = new DefaultServiceInstance(node.id() == null ? address : node.id(), serviceId, host, port,
                Boolean.parseBoolean(metadata.getOrDefault("dmicro.tls", "false")), metadata);
        return Optional.of(instance);
    }
}
