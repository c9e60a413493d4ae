package io.dmicro.drpc.transport;

import io.dmicro.drpc.transport.kcp.KcpTransport;
import io.dmicro.drpc.transport.quic.QuicTransport;
import io.dmicro.drpc.transport.tcp.TcpTransport;
import io.dmicro.drpc.transport.unix.UnixTransport;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceLoader;
import org.jspecify.annotations.Nullable;

/**
 * The transports an endpoint knows, by scheme: the built-ins and any found through
 * {@link ServiceLoader} (which may replace a built-in).
 */
public final class Transports {

    private static final Transports DEFAULT = load();

    private final Map<String, Transport> bySchema;

    private Transports(Map<String, Transport> bySchema) {
        this.bySchema = Map.copyOf(bySchema);
    }

    public static Transports defaults() {
        return DEFAULT;
    }

    private static Transports load() {
        Map<String, Transport> map = new LinkedHashMap<>();
        register(map, new TcpTransport());
        register(map, new UnixTransport());
        register(map, new QuicTransport()); // needs the optional QUIC codec only when used
        register(map, new KcpTransport());
        for (Transport t : ServiceLoader.load(Transport.class, Transports.class.getClassLoader())) {
            register(map, t);
        }
        return new Transports(map);
    }

    private static void register(Map<String, Transport> map, Transport t) {
        t.schemes().forEach(s -> map.put(s, t));
    }

    public @Nullable Transport get(String scheme) {
        return bySchema.get(scheme);
    }

    /** The transport for a scheme, or an {@link IllegalArgumentException} listing the known ones. */
    public Transport require(String scheme) {
        Transport t = get(scheme);
        if (t == null) {
            throw new IllegalArgumentException("unsupported network scheme: " + scheme + " (known: "
                    + String.join(", ", bySchema.keySet()) + ")");
        }
        return t;
    }
}
