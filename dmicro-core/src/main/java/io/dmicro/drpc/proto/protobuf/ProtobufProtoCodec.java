package io.dmicro.drpc.proto.protobuf;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import io.dmicro.drpc.message.Message;
import io.dmicro.drpc.message.MessageType;
import io.dmicro.drpc.proto.ProtoConfig;
import io.dmicro.drpc.proto.json.PipedFrameCodec;
import io.dmicro.drpc.proto.raw.MetaEncoding;
import io.dmicro.drpc.proto.raw.RawDialect;
import io.dmicro.drpc.status.Status;
import io.dmicro.drpc.status.StatusEncoding;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * The protobuf proto's payload, written by hand with protobuf-java's coded streams (proto3
 * rules: zero and empty fields are left out), inside the frame of {@link PipedFrameCodec}:
 *
 * <pre>
 * message payload {
 *   int32  seq           = 1;
 *   int32  mtype         = 2;
 *   string serviceMethod = 3;
 *   bytes  status        = 4;   // JSON text (drpc) or URL query (erpc)
 *   bytes  meta          = 5;   // JSON object text (drpc) or URL query (erpc)
 *   int32  bodyCodec     = 6;
 *   bytes  body          = 7;
 * }
 * </pre>
 */
final class ProtobufProtoCodec extends PipedFrameCodec {

    private static final int SEQ = 1;
    private static final int MTYPE = 2;
    private static final int SERVICE_METHOD = 3;
    private static final int STATUS = 4;
    private static final int META = 5;
    private static final int BODY_CODEC = 6;
    private static final int BODY = 7;

    private final boolean drpc;

    ProtobufProtoCodec(RawDialect dialect, ProtoConfig config) {
        super("protobuf", config);
        this.drpc = dialect == RawDialect.DRPC;
    }

    @Override
    protected byte[] encodePayload(Message m) {
        String method = m.serviceMethod();
        byte[] status = statusText(m.status()).getBytes(StandardCharsets.UTF_8);
        byte[] meta = drpc ? MetaEncoding.toJsonBytes(m.meta()) : MetaEncoding.toQuery(m.meta()).getBytes(StandardCharsets.UTF_8);
        int codec = m.bodyCodec() & 0xFF;
        byte[] body = m.body();
        int size = (m.seq() != 0 ? CodedOutputStream.computeInt32Size(SEQ, m.seq()) : 0)
                + (m.type().code() != 0 ? CodedOutputStream.computeInt32Size(MTYPE, m.type().code()) : 0)
                + (!method.isEmpty() ? CodedOutputStream.computeStringSize(SERVICE_METHOD, method) : 0)
                + (status.length > 0 ? CodedOutputStream.computeByteArraySize(STATUS, status) : 0)
                + (meta.length > 0 ? CodedOutputStream.computeByteArraySize(META, meta) : 0)
                + (codec != 0 ? CodedOutputStream.computeInt32Size(BODY_CODEC, codec) : 0)
                + (body.length > 0 ? CodedOutputStream.computeByteArraySize(BODY, body) : 0);
        byte[] out = new byte[size];
        CodedOutputStream o = CodedOutputStream.newInstance(out);
        try {
            if (m.seq() != 0) {
                o.writeInt32(SEQ, m.seq());
            }
            if (m.type().code() != 0) {
                o.writeInt32(MTYPE, m.type().code());
            }
            if (!method.isEmpty()) {
                o.writeString(SERVICE_METHOD, method);
            }
            if (status.length > 0) {
                o.writeByteArray(STATUS, status);
            }
            if (meta.length > 0) {
                o.writeByteArray(META, meta);
            }
            if (codec != 0) {
                o.writeInt32(BODY_CODEC, codec);
            }
            if (body.length > 0) {
                o.writeByteArray(BODY, body);
            }
            o.checkNoSpaceLeft();
        } catch (IOException e) {
            throw new IllegalStateException("protobuf payload size miscomputed", e);
        }
        return out;
    }

    private String statusText(Status status) {
        return drpc ? StatusEncoding.toJson(status) : StatusEncoding.toQuery(status);
    }

    @Override
    protected Message decodePayload(byte[] payload) {
        return read(payload, false);
    }

    @Override
    protected @Nullable Message peekHeader(byte[] payload) {
        return read(payload, true);
    }

    /** Reads the payload; with {@code headerOnly} it stops caring once seq, type and method are known. */
    private Message read(byte[] payload, boolean headerOnly) {
        Message m = new Message();
        String status = "";
        String meta = "";
        CodedInputStream in = CodedInputStream.newInstance(payload);
        try {
            while (true) {
                int tag = in.readTag();
                if (tag == 0) {
                    break;
                }
                switch (WireFormat.getTagFieldNumber(tag)) {
                    case SEQ -> m.seq(in.readInt32());
                    case MTYPE -> m.type(MessageType.fromCode(in.readInt32()));
                    case SERVICE_METHOD -> m.serviceMethod(in.readStringRequireUtf8());
                    case STATUS -> status = in.readBytes().toStringUtf8();
                    case META -> meta = in.readBytes().toStringUtf8();
                    case BODY_CODEC -> m.bodyCodec((byte) in.readInt32());
                    case BODY -> m.body(in.readByteArray());
                    default -> {
                        if (!in.skipField(tag)) {
                            return m;
                        }
                    }
                }
            }
        } catch (IOException e) {
            if (headerOnly) {
                return m;
            }
            throw new IllegalArgumentException("payload is not a valid protobuf message: " + e.getMessage());
        }
        if (!headerOnly) {
            m.status(drpc ? StatusEncoding.fromJson(status) : StatusEncoding.fromQuery(status));
            if (drpc) {
                MetaEncoding.fromJson(meta, m.meta());
            } else {
                MetaEncoding.fromQuery(meta, m.meta());
            }
        }
        return m;
    }
}
