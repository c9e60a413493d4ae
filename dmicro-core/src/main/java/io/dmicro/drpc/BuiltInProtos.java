package io.dmicro.drpc;

import io.dmicro.drpc.internal.transport.KnownProtos;
import io.dmicro.drpc.proto.Proto;
import java.util.Set;

/**
 * The protos listen and dial URIs name ({@code ?proto=jsonrpc}, {@code ?protos=raw,http}), for code
 * that picks a proto by name the same way, such as a configuration binder: the built-ins, those listed
 * in {@code META-INF/services/io.dmicro.drpc.proto.Proto}, and an endpoint's own proto in place of a
 * built-in of its name.
 */
public final class BuiltInProtos {

    private final KnownProtos known;

    private BuiltInProtos(KnownProtos known) {
        this.known = known;
    }

    /** The known protos, with {@code endpointProto} under its own name. */
    public static BuiltInProtos with(Proto endpointProto) {
        return new BuiltInProtos(KnownProtos.with(endpointProto));
    }

    /** Like {@link #with(Proto)}, with these options for the {@code http} proto. */
    public static BuiltInProtos with(Proto endpointProto, io.dmicro.drpc.proto.http.HttpOptions http) {
        return new BuiltInProtos(KnownProtos.with(endpointProto, http));
    }

    /** Their names, lower case, in a stable order. */
    public Set<String> names() {
        return known.names();
    }

    /** The proto with this name (any case), or an {@link IllegalArgumentException} listing the known ones. */
    public Proto require(String name) {
        return known.require(name);
    }
}
