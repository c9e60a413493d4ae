package io.dmicro.drpc.proto.raw;

import io.dmicro.drpc.proto.Proto;
import io.dmicro.drpc.proto.ProtoCodec;
import io.dmicro.drpc.proto.ProtoConfig;

/**
 * The default drpc wire format: length-prefixed binary frames. See {@link RawProtoCodec} for the
 * byte layout.
 */
public final class RawProto implements Proto {

    private final RawDialect dialect;

    public RawProto() {
        this(RawDialect.DRPC);
    }

    public RawProto(RawDialect dialect) {
        this.dialect = dialect;
    }

    public RawDialect dialect() {
        return dialect;
    }

    @Override
    public String name() {
        return "raw";
    }

    @Override
    public ProtoCodec newCodec(ProtoConfig config) {
        return new RawProtoCodec(dialect, config);
    }
}
