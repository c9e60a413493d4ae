package io.dmicro.spring.cloud.etcd.internal;

import java.util.Optional;

/**
 * Where records live in etcd, as Go DMicro's {@code registry/etcd} lays them out: one key per node,
 * {@code <prefix><service>/<node-id>}, the prefix {@code /dmicro/registry/} by default, and a
 * {@code /} inside a service name or node id written as {@code -} so that each stays one path segment.
 */
public final class RegistryLayout {

    /** The prefix Go DMicro uses unless its {@code etcd.SetPrefix} changed it. */
    public static final String DEFAULT_PREFIX = "/dmicro/registry/";

    private final String prefix;

    /** @param prefix the key prefix; a missing trailing {@code /} is added */
    public RegistryLayout(String prefix) {
        if (prefix.isBlank()) {
            throw new IllegalArgumentException("dmicro.registry.etcd.prefix must not be blank");
        }
        this.prefix = prefix.endsWith("/") ? prefix : prefix + "/";
    }

    /** The prefix every record's key starts with, ending in {@code /}. */
    public String prefix() {
        return prefix;
    }

    /** The key of one node of a service. */
    public String nodeKey(String service, String nodeId) {
        return servicePrefix(service) + segment(nodeId);
    }

    /** The prefix of all node keys of a service, ending in {@code /}. */
    public String servicePrefix(String service) {
        return prefix + segment(service) + "/";
    }

    /** The service segment of a node key under this prefix, if the key is one. */
    public Optional<String> serviceSegment(String key) {
        if (!key.startsWith(prefix)) {
            return Optional.empty();
        }
        String rest = key.substring(prefix.length());
        int slash = rest.indexOf('/');
        return slash > 0 && slash < rest.length() - 1 ? Optional.of(rest.substring(0, slash)) : Optional.empty();
    }

    /** Go's {@code strings.Replace(s, "/", "-", -1)}: the name as one key segment. */
    public static String segment(String name) {
        return name.replace('/', '-');
    }
}
