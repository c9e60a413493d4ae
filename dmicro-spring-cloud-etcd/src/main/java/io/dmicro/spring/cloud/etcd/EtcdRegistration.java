package io.dmicro.spring.cloud.etcd;

import io.dmicro.spring.boot.autoconfigure.client.InstanceMetadata;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.cloud.client.serviceregistry.Registration;

/**
 * This application's instance as the etcd registry writes it. The drpc registry bridge fills in the
 * port and the {@code dmicro.*} metadata once the endpoint listens; the host is the configured one,
 * else the listener's own host when it is bound to a specific address, else the host found at start.
 */
public final class EtcdRegistration implements Registration {

    private final String serviceId;
    private final String version;
    private final @Nullable String configuredHost;
    private final String fallbackHost;
    private final @Nullable String configuredInstanceId;
    private final Map<String, String> metadata = new LinkedHashMap<>();
    private volatile int port;

    /**
     * @param configuredHost the host to publish, or null to derive it
     * @param fallbackHost the host published when none is configured and the listener is bound to a wildcard address
     * @param configuredInstanceId the node id, or null for Go DMicro's {@code <service>-<host>:<port>}
     */
    public EtcdRegistration(String serviceId, String version, @Nullable String configuredHost, String fallbackHost,
            @Nullable String configuredInstanceId, Map<String, String> metadata) {
        if (serviceId.isBlank()) {
            throw new IllegalArgumentException("the etcd registration needs a service name: set spring.application.name");
        }
        this.serviceId = serviceId;
        this.version = version;
        this.configuredHost = configuredHost == null || configuredHost.isBlank() ? null : configuredHost;
        this.fallbackHost = fallbackHost;
        this.configuredInstanceId = configuredInstanceId == null || configuredInstanceId.isBlank() ? null : configuredInstanceId;
        this.metadata.putAll(metadata);
    }

    @Override
    public String getServiceId() {
        return serviceId;
    }

    /** The node id: configured, else {@code <service>-<host>:<port>} as Go DMicro's registry plugin names nodes. */
    @Override
    public String getInstanceId() {
        return configuredInstanceId != null ? configuredInstanceId : serviceId + "-" + InstanceMetadata.address(this);
    }

    public String getVersion() {
        return version;
    }

    @Override
    public String getHost() {
        if (configuredHost != null) {
            return configuredHost;
        }
        String listenHost = firstListenHost();
        return listenHost != null ? listenHost : fallbackHost;
    }

    /** The host of the first bound listen URI the bridge published, unless it is a wildcard address. */
    private @Nullable String firstListenHost() {
        String listen = metadata.get(InstanceMetadata.LISTEN);
        if (listen == null || listen.isBlank()) {
            return null;
        }
        try {
            String host = URI.create(listen.split(",")[0].trim()).getHost();
            if (host == null) {
                return null;
            }
            host = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
            return host.equals("0.0.0.0") || host.equals("::") || host.equals("0:0:0:0:0:0:0:0") ? null : host;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @Override
    public int getPort() {
        return port;
    }

    /** Set by the registry bridge to the drpc port once the endpoint listens. */
    public void setPort(int port) {
        this.port = port;
    }

    @Override
    public boolean isSecure() {
        return InstanceMetadata.tls(this);
    }

    @Override
    public URI getUri() {
        return URI.create((isSecure() ? "drpcs" : "drpc") + "://" + InstanceMetadata.address(this));
    }

    /** Mutable: the registry bridge adds the {@code dmicro.*} keys before registering. */
    @Override
    public Map<String, String> getMetadata() {
        return metadata;
    }

    @Override
    public String toString() {
        return "EtcdRegistration{" + serviceId + " " + version + " at " + InstanceMetadata.address(this) + "}";
    }
}
