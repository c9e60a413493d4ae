package io.dmicro.drpc.plugin.observation;

import static io.dmicro.drpc.plugin.observation.DrpcObservationKeys.*;

import io.dmicro.drpc.message.MessageType;
import io.micrometer.common.KeyValues;

/**
 * The default convention of sent calls and pushes: name {@value DrpcObservationKeys#CLIENT_NAME}, the
 * route as contextual (span) name, low cardinality tags {@code rpc.system}, {@code rpc.method},
 * {@code rpc.service}, {@code rpc.dmicro.status_code}, {@code rpc.dmicro.type}, {@code dmicro.role=client},
 * {@code network.protocol.name}; the peer address as a high cardinality one. Extend it to add tags.
 * The route is the caller's own choice, so it is tagged as called.
 */
public class DefaultDrpcClientObservationConvention implements DrpcClientObservationConvention {

    public static final DefaultDrpcClientObservationConvention INSTANCE = new DefaultDrpcClientObservationConvention();

    @Override
    public String getName() {
        return CLIENT_NAME;
    }

    @Override
    public String getContextualName(DrpcClientContext context) {
        return context.route();
    }

    @Override
    public KeyValues getLowCardinalityKeyValues(DrpcClientContext context) {
        return KeyValues.of(SYSTEM, SYSTEM_VALUE, METHOD, context.route(), SERVICE, context.service(),
                STATUS_CODE, Integer.toString(context.statusCode()), TYPE, context.type() == MessageType.PUSH ? "push" : "call",
                ROLE, "client", PROTO, context.session().protoName());
    }

    @Override
    public KeyValues getHighCardinalityKeyValues(DrpcClientContext context) {
        return KeyValues.of(PEER_ADDRESS, String.valueOf(context.getRemoteServiceAddress()));
    }
}
