package io.dmicro.spring.cloud.etcd;

import io.dmicro.spring.cloud.etcd.internal.RegistryLayout;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the etcd registry ({@code dmicro.registry.etcd.*}). The names follow Go DMicro's
 * registry options (its {@code DMICRO_REGISTRY_ADDRESS} is our {@code endpoints}), since this is
 * DMicro's layout in etcd rather than a general Spring Cloud etcd binding.
 */
@ConfigurationProperties("dmicro.registry.etcd")
public class EtcdRegistryProperties {

    /** Whether the etcd registry and discovery are on when this module is on the classpath. */
    private boolean enabled = true;

    /** etcd client URLs; Go DMicro's default is 127.0.0.1:2379. */
    private List<String> endpoints = new ArrayList<>(List.of("http://127.0.0.1:2379"));

    /** Key prefix of the registry; Go DMicro's is /dmicro/registry/ (its etcd.SetPrefix changes it). */
    private String prefix = RegistryLayout.DEFAULT_PREFIX;

    /** Time to live of this instance's record; kept alive while the application runs, gone this long after it dies. Whole seconds. */
    private Duration ttl = Duration.ofSeconds(30);

    /** How long one etcd request (connect, register, list) may take. */
    private Duration timeout = Duration.ofSeconds(5);

    /** etcd user name (Go DMicro reads ETCD_USERNAME). */
    private @Nullable String username;

    /** etcd password (Go DMicro reads ETCD_PASSWORD). */
    private @Nullable String password;

    /** Whether this application registers itself (its drpc endpoint) in etcd. */
    private boolean register = true;

    /** Service version written in the record; Go DMicro groups nodes by it. */
    private String version = "1.0.0";

    /** Host written in the node address; default: the drpc listener's host when it is a specific address, else the first non-loopback address. */
    private @Nullable String host;

    /** Node id; default, as Go DMicro's registry plugin makes it: {@code <service>-<host>:<port>}. */
    private @Nullable String instanceId;

    /** Extra node metadata written with the record. */
    private Map<String, String> metadata = new LinkedHashMap<>();

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public List<String> getEndpoints() {
        return endpoints;
    }

    public void setEndpoints(List<String> endpoints) {
        this.endpoints = endpoints;
    }

    public String getPrefix() {
        return prefix;
    }

    public void setPrefix(String prefix) {
        this.prefix = prefix;
    }

    public Duration getTtl() {
        return ttl;
    }

    public void setTtl(Duration ttl) {
        this.ttl = ttl;
    }

    public Duration getTimeout() {
        return timeout;
    }

    public void setTimeout(Duration timeout) {
        this.timeout = timeout;
    }

    public @Nullable String getUsername() {
        return username;
    }

    public void setUsername(@Nullable String username) {
        this.username = username;
    }

    public @Nullable String getPassword() {
        return password;
    }

    public void setPassword(@Nullable String password) {
        this.password = password;
    }

    public boolean isRegister() {
        return register;
    }

    public void setRegister(boolean register) {
        this.register = register;
    }

    public String getVersion() {
        return version;
    }

    public void setVersion(String version) {
        this.version = version;
    }

    public @Nullable String getHost() {
        return host;
    }

    public void setHost(@Nullable String host) {
        this.host = host;
    }

    public @Nullable String getInstanceId() {
        return instanceId;
    }

    public void setInstanceId(@Nullable String instanceId) {
        this.instanceId = instanceId;
    }

    public Map<String, String> getMetadata() {
        return metadata;
    }

    public void setMetadata(Map<String, String> metadata) {
        this.metadata = metadata;
    }
}
