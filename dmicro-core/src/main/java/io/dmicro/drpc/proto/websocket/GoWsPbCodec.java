package io.dmicro.drpc.proto.websocket;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import io.dmicro.drpc.filter.FilterException;
import io.dmicro.drpc.message.Message;
import io.dmicro.drpc.message.MessageType;
import io.dmicro.drpc.proto.ProtoCodec;
import io.dmicro.drpc.proto.ProtoConfig;
import io.dmicro.drpc.proto.ProtoException;
import io.dmicro.drpc.proto.raw.MetaEncoding;
import io.dmicro.drpc.status.StatusEncoding;
import io.netty.buffer.ByteBuf;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * Reads and writes the original's {@code pbSubProto} payload. The filters apply to the body
 * only. The original has no status field: a Go peer reads every reply as OK; we add field 15
 * (drpc's JSON status) to replies that are not OK, which Go skips as unknown and a Java peer reads.
 */
final class GoWsPbCodec implements ProtoCodec {

    private static final int SEQ = 1;
    private static final int MTYPE = 2;
    private static final int SERVICE_METHOD = 3;
    private static final int META = 4;
    private static final int BODY_CODEC = 5;
    private static final int BODY = 6;
    private static final int PIPE = 7;
    private static final int STATUS_EXTENSION = 15;

    private final ProtoConfig config;

    GoWsPbCodec(ProtoConfig config) {
        this.config = config;
    }

    @Override
    public @Nullable Message decode(ByteBuf in) {
        byte[] bytes = MessageFrames.next(in, config.maxMessageSize(), GoWsPbProto.NAME);
        if (bytes == null) {
            return null;
        }
        int seq = 0;
        int mtype = 0;
        int codec = 0;
        String method = "";
        byte[] meta = new byte[0];
        byte[] body = new byte[0];
        byte[] pipe = new byte[0];
        String status = null;
        try {
            CodedInputStream r = CodedInputStream.newInstance(bytes);
            for (int tag = r.readTag(); tag != 0; tag = r.readTag()) {
                switch (WireFormat.getTagFieldNumber(tag)) {
                    case SEQ -> seq = r.readInt32();
                    case MTYPE -> mtype = r.readInt32();
                    case SERVICE_METHOD -> method = r.readString();
                    case META -> meta = r.readByteArray();
                    case BODY_CODEC -> codec = r.readInt32();
                    case BODY -> body = r.readByteArray();
                    case PIPE -> pipe = r.readByteArray();
                    case STATUS_EXTENSION -> status = r.readString();
                    default -> r.skipField(tag);
                }
            }
        } catch (IOException e) {
            throw ProtoException.skipped("ws-pb proto: message is not a protobuf payload: " + e.getMessage());
        }
        MessageType type = MessageType.fromCode(mtype);
        try {
            Message m = new Message(seq, type, method).bodyCodec((byte) codec);
            MetaEncoding.fromJson(meta, m.meta());
            if (status != null) {
                m.status(StatusEncoding.fromJson(status));
            }
            return m.filterIds(pipe).body(config.filters().unpack(pipe, body, config.maxMessageSize()));
        } catch (IllegalArgumentException | FilterException e) {
            throw ProtoException.skipped("ws-pb proto: " + e.getMessage(), seq, type, method);
        }
    }

    @Override
    public void encode(Message m, ByteBuf out) {
        byte[] body = config.filters().pack(m.filterIds(), m.body());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + body.length);
        CodedOutputStream o = CodedOutputStream.newInstance(bytes);
        try {
            // proto3 leaves default values out, as Go's protobuf does
            if (m.seq() != 0) {
                o.writeInt32(SEQ, m.seq());
            }
            if (m.type().code() != 0) {
                o.writeInt32(MTYPE, m.type().code());
            }
            if (!m.serviceMethod().isEmpty()) {
                o.writeString(SERVICE_METHOD, m.serviceMethod());
            }
            o.writeByteArray(META, MetaEncoding.toJsonBytes(m.meta()));
            if (m.bodyCodec() != 0) {
                o.writeInt32(BODY_CODEC, m.bodyCodec() & 0xFF);
            }
            if (body.length > 0) {
                o.writeByteArray(BODY, body);
            }
            if (m.filterIds().length > 0) {
                o.writeByteArray(PIPE, m.filterIds());
            }
            if (!m.status().isOk()) {
                o.writeString(STATUS_EXTENSION, StatusEncoding.toJson(m.status()));
            }
            o.flush();
        } catch (IOException e) {
            throw new IllegalStateException("cannot happen: writing to memory", e);
        }
        if (bytes.size() > config.maxMessageSize()) {
            throw ProtoException.skipped("ws-pb proto: message of " + bytes.size() + " bytes exceeds the limit of " + config.maxMessageSize() + " bytes");
        }
        MessageFrames.write(out, bytes.toByteArray());
    }
}
