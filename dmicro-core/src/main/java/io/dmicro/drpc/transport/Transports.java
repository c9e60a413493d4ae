package io.dmicro.drpc.transport;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The transports an endpoint knows, by scheme, all found through {@link ServiceLoader}: the
 * built-ins are listed in dmicro-core's own {@code META-INF/services/io.dmicro.drpc.transport.Transport}
 * exactly as a user's are in theirs. A user transport serving a built-in's scheme replaces it,
 * wherever its jar sits on the class path.
 */
public final class Transports {

    private static final Transports DEFAULT = load();

    private final Map<String, Transport> bySchema;

    private Transports(Map<String, Transport> bySchema) {
        // sorted by scheme, so that the list in messages reads the same on every run (Map.copyOf's order is a hash order)
        this.bySchema = Collections.unmodifiableMap(new TreeMap<>(bySchema));
    }

    public static Transports defaults() {
        return DEFAULT;
    }

    private static Transports load() {
        List<Transport> found = new ArrayList<>();
        // the QUIC transport needs the optional QUIC codec only when used, not to be instantiated
        ServiceLoader.load(Transport.class, Transports.class.getClassLoader()).forEach(found::add);
        // built-ins first, so that a user's transport for the same scheme is registered last and wins
        found.sort(Comparator.comparing(t -> !isBuiltIn(t)));
        Map<String, Transport> map = new LinkedHashMap<>();
        for (Transport t : found) {
            register(map, t);
        }
        return new Transports(map);
    }

    private static boolean isBuiltIn(Transport t) {
        return t.getClass().getName().startsWith(Transports.class.getPackageName() + ".");
    }

    private static void register(Map<String, Transport> map, Transport t) {
        t.schemes().forEach(s -> map.put(s, t));
    }

    public @Nullable Transport get(String scheme) {
        return bySchema.get(scheme);
    }

    /** The schemes with a transport, sorted: {@code kcp, local, quic, tcp, ...}. */
    public Set<String> schemes() {
        return bySchema.keySet();
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
