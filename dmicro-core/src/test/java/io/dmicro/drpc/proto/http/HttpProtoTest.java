package io.dmicro.drpc.proto.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmicro.drpc.codec.Codecs;
import io.dmicro.drpc.filter.TransferFilters;
import io.dmicro.drpc.message.Message;
import io.dmicro.drpc.message.MessageType;
import io.dmicro.drpc.proto.ProtoCodec;
import io.dmicro.drpc.proto.ProtoConfig;
import io.dmicro.drpc.proto.json.JsonProto;
import io.dmicro.drpc.proto.protobuf.ProtobufProto;
import io.dmicro.drpc.proto.raw.RawDialect;
import io.dmicro.drpc.status.Status;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HttpProtoTest {

    private final ProtoConfig config = new ProtoConfig(4096, TransferFilters.defaults(), Codecs.defaults());

    @Test
    void answersPipelinedRequestsInArrivalOrderWhateverOrderHandlersFinish() {
        ProtoCodec codec = new HttpProto().newCodec(config);
        ByteBuf in = Unpooled.copiedBuffer("POST /a?x=1 HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: 1\r\nTrace: t\r\n\r\n1"
                + "POST /b HTTP/1.1\r\nContent-Length: 0\r\n\r\n", StandardCharsets.UTF_8);
        ByteBuf out = Unpooled.buffer();
        try {
            Message a = codec.decode(in);
            Message b = codec.decode(in);
            assertThat(a.serviceMethod()).isEqualTo("/a");
            assertThat(a.meta().asMap()).containsEntry("x", "1").containsEntry("Trace", "t");
            assertThat(a.bodyCodec()).isEqualTo((byte) 'j');
            assertThat(b.serviceMethod()).isEqualTo("/b");

            codec.encode(new Message(b.seq(), MessageType.REPLY, "").status(Status.of(1001, "no")), out);
            assertThat(out.readableBytes()).as("b waits for a").isZero();
            codec.encode(new Message(a.seq(), MessageType.REPLY, "").bodyCodec((byte) 'j').body("2".getBytes(StandardCharsets.UTF_8)), out);

            String written = out.toString(StandardCharsets.UTF_8);
            assertThat(written.indexOf("HTTP/1.1 200 OK")).isLessThan(written.indexOf("HTTP/1.1 299 Business Error"));
            assertThat(written).contains("\"code\":1001");
        } finally {
            in.release();
            out.release();
        }
    }

    @Test
    void erpcDialectsOfJsonAndProtobufRoundTrip() {
        for (ProtoCodec codec : new ProtoCodec[] {new JsonProto(RawDialect.ERPC).newCodec(config),
                new ProtobufProto(RawDialect.ERPC).newCodec(config), new JsonProto().newCodec(config), new ProtobufProto().newCodec(config)}) {
            Message m = new Message(-7, MessageType.REPLY, "/x").status(Status.of(1002, "bad", "why")).bodyCodec((byte) 'j')
                    .body("{\"k\":\"v\"}".getBytes(StandardCharsets.UTF_8));
            m.meta().set("a b", "c&d");
            ByteBuf buf = Unpooled.buffer();
            try {
                codec.encode(m, buf);
                Message back = codec.decode(buf);
                assertThat(back.seq()).isEqualTo(-7);
                assertThat(back.status()).isEqualTo(m.status());
                assertThat(back.meta()).isEqualTo(m.meta());
                assertThat(back.body()).isEqualTo(m.body());
                assertThat(buf.isReadable()).isFalse();
            } finally {
                buf.release();
            }
        }
    }
}
