package io.dmicro.spring.boot.autoconfigure.internal;

import io.dmicro.drpc.Endpoint;
import io.dmicro.drpc.transport.TransportUri;
import io.dmicro.spring.boot.autoconfigure.EndpointLifecycleListener;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Publishes where the endpoint listens once it does, as Spring Boot publishes
 * {@code local.server.port}: {@code local.dmicro.port} (the first IP listener's port) and
 * {@code local.dmicro.uris} (every bound URI, dialable from this machine: a wildcard host becomes
 * the loopback address, options are dropped), so a test that listens on port 0 or on
 * {@code local://} finds the real address with {@code @Value("${local.dmicro.port}")}.
 */
public final class LocalAddressesPublisher implements EndpointLifecycleListener {

    /** The property source's name, first in the environment's list. */
    public static final String SOURCE = "dmicro.local";

    private final ConfigurableEnvironment environment;
    private final List<String> listen;

    /** @param listen the URIs bound, in order */
    public LocalAddressesPublisher(ConfigurableEnvironment environment, List<String> listen) {
        this.environment = environment;
        this.listen = List.copyOf(listen);
    }

    @Override
    public void started(Endpoint endpoint) {
        List<SocketAddress> bound = endpoint.listenAddresses();
        List<String> uris = new ArrayList<>();
        Map<String, Object> properties = new LinkedHashMap<>();
        for (int i = 0; i < bound.size(); i++) {
            TransportUri configured = i < listen.size() ? parse(listen.get(i)) : null;
            String uri = uri(configured, bound.get(i));
            uris.add(uri);
            if (bound.get(i) instanceof InetSocketAddress inet && !properties.containsKey("local.dmicro.port")) {
                properties.put("local.dmicro.port", inet.getPort());
            }
        }
        properties.put("local.dmicro.uris", String.join(",", uris));
        environment.getPropertySources().remove(SOURCE);
        environment.getPropertySources().addFirst(new MapPropertySource(SOURCE, properties));
    }

    @Override
    public void stopping(Endpoint endpoint) {
        environment.getPropertySources().remove(SOURCE);
    }

    private static @Nullable TransportUri parse(String uri) {
        try {
            return TransportUri.parse(uri);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The bound address under the configured scheme; a wildcard becomes the loopback of the configured family. */
    static String uri(@Nullable TransportUri configured, SocketAddress address) {
        TransportUri parsed = io.dmicro.drpc.transport.TransportAddress.of(address).uri();
        if (address instanceof InetSocketAddress inet) {
            String scheme = configured != null ? configured.scheme() : "tcp";
            boolean v6 = configured != null && (configured.scheme().equals("tcp6") || configured.host().contains(":"));
            String host = inet.getAddress() != null && inet.getAddress().isAnyLocalAddress() ? (v6 ? "::1" : "127.0.0.1") : parsed.host();
            return new TransportUri(scheme, host, inet.getPort(), configured != null ? configured.path() : "", Map.of()).toString();
        }
        return parsed.toString();
    }
}
