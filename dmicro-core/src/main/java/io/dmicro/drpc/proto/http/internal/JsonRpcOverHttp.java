package io.dmicro.drpc.proto.http.internal;

import io.dmicro.drpc.message.Message;
import io.dmicro.drpc.message.MessageType;
import io.dmicro.drpc.proto.ProtoCodec;
import io.dmicro.drpc.proto.ProtoConfig;
import io.dmicro.drpc.proto.ProtoException;
import io.dmicro.drpc.proto.jsonrpc.JsonRpcProto;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * JSON-RPC 2.0 in an HTTP body, as JSON-RPC-over-HTTP clients post it: the jsonrpc proto's own
 * codec reads the body as one document (a pretty-printed one too: raw line breaks cannot occur
 * inside JSON strings, so they are only whitespace) and writes the replies, batch included. The
 * codec's seqs are mapped to the HTTP connection's, so JSON-RPC and plain calls share one seq space.
 */
final class JsonRpcOverHttp {

    private final ProtoCodec codec;
    /** HTTP-side seq to the codec's seq. */
    private final Map<Integer, Integer> codecSeqs = new HashMap<>();

    JsonRpcOverHttp(ProtoConfig config) {
        this.codec = new JsonRpcProto().newCodec(config);
    }

    /** The messages (and skipped bad requests) of one body, with connection seqs. */
    List<Object> decode(ByteBuf content, IntSupplier newSeq) {
        byte[] bytes = new byte[content.readableBytes() + 1];
        content.getBytes(content.readerIndex(), bytes, 0, bytes.length - 1);
        for (int i = 0; i < bytes.length - 1; i++) {
            if (bytes[i] == '\n' || bytes[i] == '\r') {
                bytes[i] = ' ';
            }
        }
        bytes[bytes.length - 1] = '\n';
        ByteBuf in = Unpooled.wrappedBuffer(bytes);
        List<Object> out = new ArrayList<>();
        while (in.isReadable()) {
            try {
                Message m = codec.decode(in);
                if (m == null) {
                    break;
                }
                int seq = newSeq.getAsInt();
                codecSeqs.put(seq, m.seq());
                out.add(m.seq(seq));
            } catch (ProtoException e) {
                if (e.type() == null) {
                    break;
                }
                int seq = newSeq.getAsInt();
                codecSeqs.put(seq, e.seq());
                MessageType type = e.type();
                out.add(ProtoException.skipped(e.status().cause() == null ? "bad request" : e.status().cause(), seq, type,
                        e.serviceMethod()));
            }
        }
        return out;
    }

    /** Adds a reply's JSON-RPC text to its exchange's body (a batch's once its last reply is in). */
    void encode(Message reply, Exchange x) {
        Integer codecSeq = codecSeqs.remove(reply.seq());
        if (codecSeq == null) {
            return;
        }
        ByteBuf out = Unpooled.buffer();
        try {
            codec.encode(reply.seq(codecSeq), out);
            x.jsonRpcBody.append(out.toString(StandardCharsets.UTF_8).strip());
        } finally {
            out.release();
        }
    }
}
