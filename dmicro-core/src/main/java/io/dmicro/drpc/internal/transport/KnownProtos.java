package io.dmicro.drpc.internal.transport;

import io.dmicro.drpc.proto.Proto;
import io.dmicro.drpc.proto.http.HttpProto;
import io.dmicro.drpc.proto.json.JsonProto;
import io.dmicro.drpc.proto.jsonrpc.JsonRpcDialect;
import io.dmicro.drpc.proto.websocket.GoWsJsonProto;
import io.dmicro.drpc.proto.websocket.GoWsPbProto;
import io.dmicro.drpc.proto.jsonrpc.JsonRpcProto;
import io.dmicro.drpc.proto.protobuf.ProtobufProto;
import io.dmicro.drpc.proto.raw.RawDialect;
import io.dmicro.drpc.proto.raw.RawProto;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * Protos by the names listen and dial URIs use ({@code ?proto=jsonrpc}, {@code ?protos=raw,http}):
 * {@code raw} (drpc dialect), {@code erpc} (raw, erpc dialect), {@code json}, {@code protobuf}
 * (when protobuf-java is present), {@code jsonrpc}, {@code jsonrpc-go} (the Go original's dialect), {@code http}, {@code ws-json} and {@code ws-pb} (the original's WebSocket sub-protos, for {@code ws://} only), then any {@link Proto} listed in
 * {@code META-INF/services/io.dmicro.drpc.proto.Proto}, and finally the endpoint's own proto under
 * its name, in place of a built-in of that name (so a configured {@code new HttpProto(options)} serves).
 */
public final class KnownProtos {

    private final Map<String, Proto> byName;

    private KnownProtos(Map<String, Proto> byName) {
        this.byName = byName;
    }

    /** The built-ins and service-loaded protos, with {@code endpointProto} under its own name. */
    public static KnownProtos with(Proto endpointProto) {
        return with(endpointProto, io.dmicro.drpc.proto.http.HttpOptions.DEFAULT);
    }

    /** Like {@link #with(Proto)}, the {@code http} proto with {@code http}'s options (CORS, status style). */
    public static KnownProtos with(Proto endpointProto, io.dmicro.drpc.proto.http.HttpOptions http) {
        Map<String, Proto> map = new LinkedHashMap<>();
        map.put("raw", new RawProto(RawDialect.DRPC));
        map.put("erpc", new RawProto(RawDialect.ERPC));
        map.put("json", new JsonProto());
        if (ProtobufProto.isAvailable()) {
            map.put("protobuf", new ProtobufProto());
        }
        map.put("jsonrpc", new JsonRpcProto());
        map.put("jsonrpc-go", new JsonRpcProto(JsonRpcDialect.GO));
        map.put("http", new HttpProto(http));
        map.put(GoWsJsonProto.NAME, new GoWsJsonProto());
        if (ProtobufProto.isAvailable()) {
            map.put(GoWsPbProto.NAME, new GoWsPbProto());
        }
        for (Proto p : ServiceLoader.load(Proto.class, KnownProtos.class.getClassLoader())) {
            map.put(p.name().toLowerCase(Locale.ROOT), p);
        }
        map.put(endpointProto.name().toLowerCase(Locale.ROOT), endpointProto); // a configured proto (an HttpProto with CORS) replaces the built-in of its name
        return new KnownProtos(map);
    }

    public Set<String> names() {
        return byName.keySet();
    }

    /** The name this proto is known by here ({@code erpc} for the raw proto's erpc dialect), else its own name. */
    public String nameOf(Proto proto) {
        for (Map.Entry<String, Proto> e : byName.entrySet()) {
            if (e.getValue() == proto) {
                return e.getKey();
            }
        }
        return proto.name();
    }

    /** The proto with this name, or an {@link IllegalArgumentException} listing the known ones. */
    public Proto require(String name) {
        Proto p = byName.get(name.toLowerCase(Locale.ROOT));
        if (p == null) {
            throw new IllegalArgumentException("unknown proto: " + name + " (known: " + String.join(", ", byName.keySet()) + ")");
        }
        return p;
    }
}
