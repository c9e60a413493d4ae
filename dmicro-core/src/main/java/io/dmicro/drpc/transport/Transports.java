package io.dmicro.drpc.transport;

import io.dmicro.drpc.transport.local.LocalTransport;
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
        register(map, new LocalTransport());
        register(map, new QuicTransport()); // needs the optional QUIC codec only when used
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
            String hint = scheme.equals("kcp") ? " (KCP is not implemented yet)" : "";
            throw new IllegalArgumentException("unsupported network scheme: " + scheme + hint + " (known: "
                    + String.join(", ", bySchema.keySet()) + ")");
        }
        return t;
    }
}
