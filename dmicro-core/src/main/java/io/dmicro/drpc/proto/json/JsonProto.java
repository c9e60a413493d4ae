package io.dmicro.drpc.proto.json;

import io.dmicro.drpc.proto.Proto;
import io.dmicro.drpc.proto.ProtoCodec;
import io.dmicro.drpc.proto.ProtoConfig;
import io.dmicro.drpc.proto.raw.RawDialect;

/**
 * The JSON proto (reference §10.2, id {@code 'j'}): length-prefixed frames whose payload is one
 * JSON object. See {@link JsonProtoCodec} for the layout.
 */
public final class JsonProto implements Proto {

    private final RawDialect dialect;

    /** The drpc dialect: status and meta as JSON text. */
    public JsonProto() {
        this(RawDialect.DRPC);
    }

    /** {@link RawDialect#ERPC} writes status and meta as URL queries, as andeya/erpc does. */
    public JsonProto(RawDialect dialect) {
        this.dialect = dialect;
    }

    public RawDialect dialect() {
        return dialect;
    }

    @Override
    public String name() {
        return "json";
    }

    @Override
    public ProtoCodec newCodec(ProtoConfig config) {
        return new JsonProtoCodec(dialect, config);
    }
}
