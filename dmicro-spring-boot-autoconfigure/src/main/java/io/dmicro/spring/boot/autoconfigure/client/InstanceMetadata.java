package io.dmicro.spring.boot.autoconfigure.client;

import io.dmicro.selector.Instance;
import java.util.HashMap;
import java.util.Map;
import org.springframework.cloud.client.ServiceInstance;

/**
 * The instance metadata keys through which a drpc endpoint describes itself in a registry, and how a
 * client reads them: the drpc port ({@code dmicro.port}, else the instance's port), the protos it
 * serves, its listen URIs, whether it serves TLS and a load-balancing weight.
 */
public final class InstanceMetadata {

    /** The drpc port of the instance. */
    public static final String PORT = "dmicro.port";
    /** Comma-separated proto names the instance serves, such as {@code raw}. */
    public static final String PROTOS = "dmicro.protos";
    /** Comma-separated bound listen URIs. */
    public static final String LISTEN = "dmicro.listen";
    /** A non-negative integer weight for the weighted strategy; default 1. */
    public static final String WEIGHT = "dmicro.weight";
    /** {@code true} when the instance's listeners serve TLS: clients dial it with TLS. */
    public static final String TLS = "dmicro.tls";

    private InstanceMetadata() {
    }

    /**
     * The instance as the core selector sees it: known by its {@link #address}, dialed at
     * {@code dialUri}, weighted by its {@code dmicro.weight}, with its metadata.
     */
    public static Instance instance(ServiceInstance instance, String dialUri) {
        Map<String, String> metadata = new HashMap<>();
        metadata(instance).forEach((k, v) -> {
            if (k != null && v != null) {
                metadata.put(k, v);
            }
        });
        return new Instance(address(instance), dialUri, weight(instance), metadata);
    }

    /** {@code host:port} to dial for this instance. */
    public static String address(ServiceInstance instance) {
        String host = instance.getHost();
        if (host.contains(":") && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        return host + ":" + port(instance);
    }

    /** The drpc port: the {@code dmicro.port} metadata when it is a number, else the instance's port. */
    public static int port(ServiceInstance instance) {
        String text = metadata(instance).get(PORT);
        if (text != null) {
            try {
                return Integer.parseInt(text.trim());
            } catch (NumberFormatException ignored) {
                // a bad value falls back to the registered port
            }
        }
        return instance.getPort();
    }

    /** The weight from the metadata: default 1, a malformed or negative value counts as 1. */
    public static int weight(ServiceInstance instance) {
        String text = metadata(instance).get(WEIGHT);
        if (text == null) {
            return 1;
        }
        try {
            int w = Integer.parseInt(text.trim());
            return w < 0 ? 1 : w;
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    /** Whether the metadata says the instance serves TLS ({@code dmicro.tls=true}). */
    public static boolean tls(ServiceInstance instance) {
        return Boolean.parseBoolean(metadata(instance).getOrDefault(TLS, "false").trim());
    }

    private static Map<String, String> metadata(ServiceInstance instance) {
        Map<String, String> m = instance.getMetadata();
        return m == null ? Map.of() : m;
    }
}
