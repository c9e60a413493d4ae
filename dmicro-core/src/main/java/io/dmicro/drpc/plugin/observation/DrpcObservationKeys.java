package io.dmicro.drpc.plugin.observation;

/**
 * The names and tag keys of the default conventions, after the OpenTelemetry RPC semantic conventions
 * ({@code rpc.server.duration}, {@code rpc.client.duration}, {@code rpc.system}, {@code rpc.method},
 * {@code rpc.service}, {@code network.protocol.name}) with drpc's own additions under {@code rpc.dmicro.}
 * and {@code dmicro.}. Every observation of one name carries the same tag keys, so any meter registry
 * (Prometheus included) accepts them.
 */
public final class DrpcObservationKeys {

    /** Calls this endpoint answered and pushes it received. */
    public static final String SERVER_NAME = "rpc.server.duration";
    /** Calls and pushes this endpoint sent, on dialed and accepted sessions alike. */
    public static final String CLIENT_NAME = "rpc.client.duration";

    /** Always {@code dmicro}. */
    public static final String SYSTEM = "rpc.system";
    /** The route ({@code /math/add}); on the server, a route it does not have is {@link #UNKNOWN_ROUTE}. */
    public static final String METHOD = "rpc.method";
    /** Client side only: the service id of a {@code ServiceClient} / {@code @DrpcClient}, {@code none} on a plain session. */
    public static final String SERVICE = "rpc.service";
    /** The drpc status code of the outcome: {@code 0} for OK, {@code 404}, {@code 408}, {@code 102}, … */
    public static final String STATUS_CODE = "rpc.dmicro.status_code";
    /** {@code call} or {@code push}. */
    public static final String TYPE = "rpc.dmicro.type";
    /** {@code server} (received) or {@code client} (sent). */
    public static final String ROLE = "dmicro.role";
    /** The proto of the session: {@code raw}, {@code json}, {@code protobuf}, {@code jsonrpc}, {@code http}, … */
    public static final String PROTO = "network.protocol.name";
    /** High cardinality (spans only): the peer's address. */
    public static final String PEER_ADDRESS = "network.peer.address";

    public static final String SYSTEM_VALUE = "dmicro";
    public static final String UNKNOWN_ROUTE = "UNKNOWN";
    public static final String NO_SERVICE = "none";

    private DrpcObservationKeys() {
    }
}
