package io.dmicro.drpc.proto.raw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dmicro.drpc.codec.Codecs;
import io.dmicro.drpc.filter.TransferFilters;
import io.dmicro.drpc.message.Message;
import io.dmicro.drpc.message.MessageType;
import io.dmicro.drpc.proto.ProtoCodec;
import io.dmicro.drpc.proto.ProtoConfig;
import io.dmicro.drpc.proto.ProtoException;
import io.dmicro.drpc.status.Status;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Pins both raw dialects to byte vectors worked out by hand from reference §10.1: big-endian
 * uint32 total size including itself, [version 1 in drpc], pipe length and ids, then seq length
 * and base-36 seq, type, method length and method, uint16 status length and status (drpc JSON,
 * erpc query), uint16 meta length and meta (drpc JSON object, erpc query), codec id, body.
 */
class RawProtoCodecTest {

    private static final ProtoConfig CONFIG = new ProtoConfig(1024, TransferFilters.defaults(), Codecs.defaults());

    // drpc: size 0x32, version 1, no pipe, seq "1", CALL, "/a", {"code":0,"msg":"","cause":""}, {}, 'j', "3"
    private static final String DRPC_CALL = "000000320100013101022f61001e7b22636f6465223a302c226d7367223a22222c226361757365223a22227d00027b7d6a33";
    // drpc: seq 10 = "a" in base 36, REPLY, empty method, 404 status with cause, meta {"k":"v"}, no codec, no body
    private static final String DRPC_ERROR_REPLY = "0000004b01000161020000337b22636f6465223a3430342c226d7367223a224e6f7420466f756e64222c226361757365223a226e6f2068616e646c6572227d00097b226b223a2276227d00";
    // erpc: no version byte, status "code=0", empty meta
    private static final String ERPC_CALL = "0000001700013101022f610006636f64653d3000006a33";
    // erpc: seq -1, PUSH, "/p", meta "k=v%20w&X-Real-IP=1.2.3.4", 's', "hi"
    private static final String ERPC_PUSH = "0000003200022d3103022f700006636f64653d3000196b3d762532307726582d5265616c2d49503d312e322e332e34736869";
    // erpc: seq 36 = "10", REPLY, status code=500&msg=Internal%20Server%20Error&cause=x%26y
    private static final String ERPC_ERROR_REPLY = "000000410002313002000032636f64653d353030266d73673d496e7465726e616c2532305365727665722532304572726f722663617573653d7825323679000000";

    @Test
    void encodesDrpcCallExactly() {
        Message m = new Message(1, MessageType.CALL, "/a").bodyCodec((byte) 'j').body(bytes("3"));
        assertThat(encode(RawDialect.DRPC, m)).isEqualTo(DRPC_CALL);
    }

    @Test
    void encodesDrpcErrorReplyExactly() {
        Message m = new Message(10, MessageType.REPLY, "").status(Status.withCause(404, "no handler"));
        m.meta().set("k", "v");
        assertThat(encode(RawDialect.DRPC, m)).isEqualTo(DRPC_ERROR_REPLY);
    }

    @Test
    void encodesErpcCallAndPushExactly() {
        assertThat(encode(RawDialect.ERPC, new Message(1, MessageType.CALL, "/a").bodyCodec((byte) 'j').body(bytes("3"))))
                .isEqualTo(ERPC_CALL);
        Message push = new Message(-1, MessageType.PUSH, "/p").bodyCodec((byte) 's').body(bytes("hi"));
        push.meta().set("k", "v w").set("X-Real-IP", "1.2.3.4");
        assertThat(encode(RawDialect.ERPC, push)).isEqualTo(ERPC_PUSH);
    }

    @Test
    void encodesErpcErrorReplyExactly() {
        Message m = new Message(36, MessageType.REPLY, "").status(Status.withCause(500, "x&y"));
        assertThat(encode(RawDialect.ERPC, m)).isEqualTo(ERPC_ERROR_REPLY);
    }

    @Test
    void decodesEachVectorBack() {
        decode(RawDialect.DRPC, DRPC_CALL, m -> {
            assertThat(m.seq()).isEqualTo(1);
            assertThat(m.type()).isEqualTo(MessageType.CALL);
            assertThat(m.serviceMethod()).isEqualTo("/a");
            assertThat(m.status().isOk()).isTrue();
            assertThat(m.bodyCodec()).isEqualTo((byte) 'j');
            assertThat(new String(m.body(), StandardCharsets.UTF_8)).isEqualTo("3");
        });
        decode(RawDialect.DRPC, DRPC_ERROR_REPLY, m -> {
            assertThat(m.seq()).isEqualTo(10);
            assertThat(m.status()).isEqualTo(Status.of(404, "Not Found", "no handler"));
            assertThat(m.meta().get("k")).isEqualTo("v");
        });
        decode(RawDialect.ERPC, ERPC_PUSH, m -> {
            assertThat(m.seq()).isEqualTo(-1);
            assertThat(m.type()).isEqualTo(MessageType.PUSH);
            assertThat(m.meta().get("k")).isEqualTo("v w");
            assertThat(m.meta().get("X-Real-IP")).isEqualTo("1.2.3.4");
        });
        decode(RawDialect.ERPC, ERPC_ERROR_REPLY, m -> {
            assertThat(m.seq()).isEqualTo(36);
            assertThat(m.status().code()).isEqualTo(500);
            assertThat(m.status().cause()).isEqualTo("x&y");
        });
    }

    @Test
    void metaRoundTripsWhetherFlatAsciiEscapedNonAsciiOrLongerThanTheScratch() {
        String longValue = "v".repeat(300);
        java.util.List<java.util.Map<String, String>> metas = java.util.List.of(
                java.util.Map.of(io.dmicro.drpc.message.Meta.TIMEOUT, "29999"),
                java.util.Map.of("a", "1", "b", "2"),
                java.util.Map.of("k", "<b>\"q\"\n"),
                java.util.Map.of("k", "é"),
                java.util.Map.of("k", longValue));
        io.dmicro.drpc.proto.ProtoCodec codec = new RawProto(RawDialect.DRPC).newCodec(CONFIG);
        for (java.util.Map<String, String> meta : metas) {
            Message m = new Message(7, MessageType.CALL, "/a").bodyCodec((byte) 'j').body(bytes("3"));
            meta.forEach(m.meta()::set);
            ByteBuf frame = Unpooled.buffer();
            try {
                codec.encode(m, frame);
                Message back = codec.decode(frame);
                assertThat(back).isNotNull();
                assertThat(frame.isReadable()).isFalse();
                assertThat(back.meta().asMap()).as(meta.keySet().toString()).isEqualTo(meta);
                assertThat(new String(back.body(), StandardCharsets.UTF_8)).isEqualTo("3");
            } finally {
                frame.release();
            }
        }
    }

    @Test
    void seqRoundTripsAtTheEdgesOfInt32() {
        for (int seq : new int[] {0, 1, 35, 36, -1, Integer.MAX_VALUE, Integer.MIN_VALUE}) {
            ByteBuf buf = Unpooled.buffer();
            try {
                ProtoCodec codec = new RawProto().newCodec(CONFIG);
                codec.encode(new Message(seq, MessageType.PUSH, "/s"), buf);
                assertThat(codec.decode(buf).seq()).isEqualTo(seq);
            } finally {
                buf.release();
            }
        }
    }

    @Test
    void seqBeyondInt32OrNotBase36IsABadFrame() {
        for (String seq : new String[] {"zik0zk", "-", "1_", "123456789"}) {
            byte[] seqBytes = seq.getBytes(StandardCharsets.US_ASCII);
            ByteBuf in = Unpooled.buffer();
            try {
                int size = 4 + 1 + 1 + 1 + seqBytes.length + 1 + 1 + 2 + 2 + 1;
                in.writeInt(size).writeByte(1).writeByte(0).writeByte(seqBytes.length).writeBytes(seqBytes)
                        .writeByte(3).writeByte(0).writeShort(0).writeShort(0).writeByte(0);
                ProtoCodec codec = new RawProto().newCodec(CONFIG);
                assertThatThrownBy(() -> codec.decode(in)).as(seq).isInstanceOfSatisfying(ProtoException.class, e -> {
                    assertThat(e.fatal()).isFalse();
                    assertThat(e.status().cause()).contains("seq");
                });
                assertThat(in.isReadable()).isFalse();
            } finally {
                in.release();
            }
        }
    }

    @Test
    void waitsForTheWholeFrameWithoutConsuming() {
        ProtoCodec codec = new RawProto().newCodec(CONFIG);
        byte[] frame = HexFormat.of().parseHex(DRPC_CALL);
        ByteBuf in = Unpooled.buffer();
        try {
            for (int i = 0; i < frame.length - 1; i++) {
                in.writeByte(frame[i]);
                assertThat(codec.decode(in)).isNull();
                assertThat(in.readerIndex()).isZero();
            }
            in.writeByte(frame[frame.length - 1]);
            assertThat(codec.decode(in)).isNotNull();
            assertThat(in.isReadable()).isFalse();
        } finally {
            in.release();
        }
    }

    @Test
    void rejectsFrameOneByteOverLimitBeforeReadingIt() {
        ProtoCodec codec = new RawProto().newCodec(new ProtoConfig(100, TransferFilters.defaults(), Codecs.defaults()));
        ByteBuf in = Unpooled.buffer().writeInt(101).writeByte(1);
        try {
            assertThatThrownBy(() -> codec.decode(in)).isInstanceOfSatisfying(ProtoException.class, e -> {
                assertThat(e.fatal()).isTrue();
                assertThat(e.status().cause()).contains("101").contains("100");
            });
        } finally {
            in.release();
        }
    }

    @Test
    void anHttpResponseToADialIsNamedAsSuch() {
        // what a dial to a web server's port (the actuator's 8080, say) reads back when it writes a call
        ProtoCodec codec = new RawProto().newCodec(CONFIG);
        ByteBuf in = Unpooled.copiedBuffer("HTTP/1.1 400 Bad Request\r\n", java.nio.charset.StandardCharsets.US_ASCII);
        try {
            assertThatThrownBy(() -> codec.decode(in)).isInstanceOfSatisfying(ProtoException.class, e ->
                    assertThat(e.status().cause()).contains("frame size 1213486160").contains("looks like an HTTP response")
                            .contains("\"HTTP/1.1 400 ...\"").contains("not a drpc listener"));
        } finally {
            in.release();
        }
    }

    @Test
    void anHttpRequestOnARawListenerIsNamedAsSuch() {
        ProtoCodec codec = new RawProto().newCodec(CONFIG);
        ByteBuf in = Unpooled.copiedBuffer("POST /math/add HTTP/1.1\r\n", java.nio.charset.StandardCharsets.US_ASCII);
        try {
            assertThatThrownBy(() -> codec.decode(in)).isInstanceOfSatisfying(ProtoException.class, e ->
                    assertThat(e.status().cause()).contains("frame size 1347375956").contains("looks like an HTTP request")
                            .contains("?protos=all"));
        } finally {
            in.release();
        }
    }

    @Test
    void jsonOnARawListenerIsNamedAsSuchWithTheJsonRpcQuery() {
        ProtoCodec codec = new RawProto().newCodec(CONFIG);
        for (String json : new String[] {"{\"jsonrpc\":\"2.0\",\"method\":\"/a\",\"id\":1}\n", "[{\"jsonrpc\":\"2.0\"}]\n", "{ \"a\": 1 }\n"}) {
            ByteBuf in = Unpooled.copiedBuffer(json, java.nio.charset.StandardCharsets.US_ASCII);
            try {
                assertThatThrownBy(() -> codec.decode(in)).as(json).isInstanceOfSatisfying(ProtoException.class, e -> {
                    assertThat(e.status().cause()).contains("frame size ").contains("looks like JSON");
                    assertThat(e.hint()).contains("?proto=jsonrpc").contains("?protos=all");
                    assertThat(e.hint().getBytes(java.nio.charset.StandardCharsets.UTF_8)).as("fits a WebSocket close reason").hasSizeLessThanOrEqualTo(123);
                });
            } finally {
                in.release();
            }
        }
    }

    @Test
    void anOversizedFrameOfNoKnownProtocolGetsNoGuess() {
        ProtoCodec codec = new RawProto().newCodec(CONFIG);
        ByteBuf in = Unpooled.buffer().writeInt(5000).writeByte(1);
        try {
            assertThatThrownBy(() -> codec.decode(in)).isInstanceOfSatisfying(ProtoException.class, e ->
                    assertThat(e.status().cause()).endsWith("bytes"));
        } finally {
            in.release();
        }
    }

    @Test
    void acceptsFrameOfExactlyTheLimit() {
        Message m = new Message(1, MessageType.CALL, "/a").bodyCodec((byte) 'j').body(bytes("3"));
        int size = HexFormat.of().parseHex(DRPC_CALL).length;
        ProtoCodec codec = new RawProto().newCodec(new ProtoConfig(size, TransferFilters.defaults(), Codecs.defaults()));
        ByteBuf out = Unpooled.buffer();
        try {
            codec.encode(m, out);
            assertThat(codec.decode(out)).isNotNull();
            assertThatThrownBy(() -> codec.encode(m.body(bytes("33")), out)).isInstanceOf(ProtoException.class);
        } finally {
            out.release();
        }
    }

    @Test
    void rejectsSizeSmallerThanThePrefix() {
        ProtoCodec codec = new RawProto().newCodec(CONFIG);
        ByteBuf in = Unpooled.buffer().writeInt(3).writeZero(8);
        try {
            assertThatThrownBy(() -> codec.decode(in)).isInstanceOfSatisfying(ProtoException.class, e -> assertThat(e.fatal()).isTrue());
        } finally {
            in.release();
        }
    }

    @Test
    void skipsFrameWithTruncatedHeaderAndKeepsTheStream() {
        ProtoCodec codec = new RawProto().newCodec(CONFIG);
        // a whole frame whose header claims a 30-byte status but carries 2 bytes; the next frame is good
        byte[] bad = HexFormat.of().parseHex("000000100100013101022f61001e7b7d");
        ByteBuf in = Unpooled.buffer().writeBytes(bad).writeBytes(HexFormat.of().parseHex(DRPC_CALL));
        try {
            assertThatThrownBy(() -> codec.decode(in)).isInstanceOfSatisfying(ProtoException.class, e -> {
                assertThat(e.fatal()).isFalse();
                assertThat(e.type()).isEqualTo(MessageType.CALL);
                assertThat(e.seq()).isEqualTo(1);
            });
            Message next = codec.decode(in);
            assertThat(next).isNotNull();
            assertThat(next.serviceMethod()).isEqualTo("/a");
        } finally {
            in.release();
        }
    }

    @Test
    void skipsFrameWithInvalidStatusJson() {
        ProtoCodec codec = new RawProto().newCodec(CONFIG);
        Message m = new Message(5, MessageType.CALL, "/a");
        ByteBuf in = Unpooled.buffer();
        try {
            codec.encode(m, in);
            // overwrite the first status byte '{' with '!'
            int statusStart = 4 + 1 + 1 + 1 + 1 + 1 + 1 + 2 + 2;
            in.setByte(statusStart, '!');
            assertThatThrownBy(() -> codec.decode(in)).isInstanceOfSatisfying(ProtoException.class,
                    e -> assertThat(e.status().cause()).contains("status"));
            assertThat(in.isReadable()).isFalse();
        } finally {
            in.release();
        }
    }

    @Test
    void roundTripsThroughGzipAndMd5Filters() {
        ProtoCodec codec = new RawProto().newCodec(CONFIG);
        Message m = new Message(7, MessageType.CALL, "/z").bodyCodec((byte) 's').body(bytes("x".repeat(500)))
                .filterIds(new byte[] {'z', '5'});
        ByteBuf buf = Unpooled.buffer();
        try {
            codec.encode(m, buf);
            assertThat(buf.readableBytes()).isLessThan(200); // compressed
            Message back = codec.decode(buf);
            assertThat(back.body()).isEqualTo(m.body());
            assertThat(back.filterIds()).containsExactly('z', '5');
        } finally {
            buf.release();
        }
    }

    @Test
    void unknownFilterIdClosesTheStream() {
        ProtoCodec codec = new RawProto().newCodec(CONFIG);
        ByteBuf in = Unpooled.buffer().writeInt(4 + 1 + 1 + 1 + 3).writeByte(1).writeByte(1).writeByte('?').writeBytes(new byte[] {1, 2, 3});
        try {
            assertThatThrownBy(() -> codec.decode(in)).isInstanceOfSatisfying(ProtoException.class, e -> {
                assertThat(e.fatal()).isTrue();
                assertThat(e.status().cause()).contains("transfer filter");
            });
        } finally {
            in.release();
        }
    }

    @Test
    void tamperedFilteredFrameClosesTheStream() {
        ProtoCodec codec = new RawProto().newCodec(CONFIG);
        ByteBuf in = Unpooled.buffer();
        try {
            codec.encode(new Message(1, MessageType.CALL, "/a").filterIds(new byte[] {'5'}), in);
            in.setByte(in.writerIndex() - 1, in.getByte(in.writerIndex() - 1) ^ 1);
            assertThatThrownBy(() -> codec.decode(in)).isInstanceOfSatisfying(ProtoException.class, e -> {
                assertThat(e.fatal()).isTrue();
                assertThat(e.status().cause()).contains("md5");
            });
        } finally {
            in.release();
        }
    }

    @Test
    void refusesServiceMethodLongerThan255() {
        ProtoCodec codec = new RawProto().newCodec(CONFIG);
        ByteBuf out = Unpooled.buffer();
        try {
            assertThatThrownBy(() -> codec.encode(new Message(1, MessageType.CALL, "/" + "a".repeat(255)), out))
                    .hasMessageContaining("longer than 255");
        } finally {
            out.release();
        }
    }

    private static String encode(RawDialect dialect, Message m) {
        ByteBuf out = Unpooled.buffer();
        try {
            new RawProto(dialect).newCodec(CONFIG).encode(m, out);
            return ByteBufUtil.hexDump(out);
        } finally {
            out.release();
        }
    }

    private static void decode(RawDialect dialect, String hex, Consumer<Message> check) {
        ByteBuf in = Unpooled.wrappedBuffer(HexFormat.of().parseHex(hex));
        try {
            Message m = new RawProto(dialect).newCodec(CONFIG).decode(in);
            assertThat(m).isNotNull();
            assertThat(in.isReadable()).isFalse();
            check.accept(m);
        } finally {
            in.release();
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
