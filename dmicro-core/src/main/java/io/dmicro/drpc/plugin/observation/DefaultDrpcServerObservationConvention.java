package io.dmicro.drpc.plugin.observation;

import static io.dmicro.drpc.plugin.observation.DrpcObservationKeys.*;

import io.dmicro.drpc.message.MessageType;
import io.micrometer.common.KeyValues;

/**
 * The default convention of received calls and pushes: name {@value DrpcObservationKeys#SERVER_NAME},
 * the route as contextual (span) name, low cardinality tags {@code rpc.system}, {@code rpc.method},
 * {@code rpc.dmicro.status_code}, {@code rpc.dmicro.type}, {@code dmicro.role=server},
 * {@code network.protocol.name}; the peer address as a high cardinality one. Extend it to add tags.
 */
public class DefaultDrpcServerObservationConvention implements DrpcServerObservationConvention {

    public static final DefaultDrpcServerObservationConvention INSTANCE = new DefaultDrpcServerObservationConvention();

    @Override
    public String getName() {
        return SERVER_NAME;
    }

    @Override
    public String getContextualName(DrpcServerContext context) {
        return context.routeTag();
    }

    @Override
    public KeyValues getLowCardinalityKeyValues(DrpcServerContext context) {
        return KeyValues.of(SYSTEM, SYSTEM_VALUE, METHOD, context.routeTag(), STATUS_CODE, Integer.toString(context.statusCode()),
                TYPE, context.type() == MessageType.PUSH ? "push" : "call", ROLE, "server", PROTO, context.session().protoName());
    }

    @Override
    public KeyValues getHighCardinalityKeyValues(DrpcServerContext context) {
        return KeyValues.of(PEER_ADDRESS, String.valueOf(context.getRemoteServiceAddress()));
    }
}
