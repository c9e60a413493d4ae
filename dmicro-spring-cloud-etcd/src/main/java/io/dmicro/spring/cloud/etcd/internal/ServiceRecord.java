package io.dmicro.spring.cloud.etcd.internal;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The JSON value of one registry key, Go DMicro's {@code registry.Service}: the service's name,
 * version and metadata, and its nodes (Go writes one node per key). Go writes an absent map or list
 * as {@code null}, and so do we.
 *
 * <pre>
 * {"name":"math","version":"1.0.0","metadata":null,
 *  "nodes":[{"id":"math-127.0.0.1:9090","address":"127.0.0.1:9090","paths":["/math/add"],
 *            "metadata":{"registry":"etcd","server":"math"}}]}
 * </pre>
 */
public record ServiceRecord(String name, String version, @Nullable Map<String, String> metadata, @Nullable List<Node> nodes) {

    /** One node: Go DMicro's {@code registry.Node}; {@code address} is the {@code host:port} clients dial. */
    public record Node(String id, String address, @Nullable List<String> paths, @Nullable Map<String, String> metadata) {
    }
}
