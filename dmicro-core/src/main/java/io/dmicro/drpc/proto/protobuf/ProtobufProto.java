package io.dmicro.drpc.proto.protobuf;

import io.dmicro.drpc.proto.Proto;
import io.dmicro.drpc.proto.ProtoCodec;
import io.dmicro.drpc.proto.ProtoConfig;
import io.dmicro.drpc.proto.raw.RawDialect;

/**
 * The protobuf proto (reference §10.3, id {@code 'p'}): the JSON proto's frame around a protobuf
 * {@code payload} message. Needs protobuf-java on the classpath. See {@link ProtobufProtoCodec}.
 */
public final class ProtobufProto implements Proto {

    private final RawDialect dialect;

    /** The drpc dialect: status and meta as JSON text. */
    public ProtobufProto() {
        this(RawDialect.DRPC);
    }

    /** {@link RawDialect#ERPC} writes status and meta as URL queries, as andeya/erpc does. */
    public ProtobufProto(RawDialect dialect) {
        this.dialect = dialect;
    }

    public RawDialect dialect() {
        return dialect;
    }

    /** Whether protobuf-java, which this proto needs, is on the classpath. */
    public static boolean isAvailable() {
        try {
            Class.forName("com.google.protobuf.CodedOutputStream", false, ProtobufProto.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    @Override
    public String name() {
        return "protobuf";
    }

    @Override
    public ProtoCodec newCodec(ProtoConfig config) {
        return new ProtobufProtoCodec(dialect, config);
    }
}
