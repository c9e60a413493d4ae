package io.dmicro.drpc.proto.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dmicro.drpc.codec.Codecs;
import io.dmicro.drpc.filter.TransferFilters;
import io.dmicro.drpc.message.Message;
import io.dmicro.drpc.proto.ProtoCodec;
import io.dmicro.drpc.proto.ProtoConfig;
import io.dmicro.drpc.proto.ProtoException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HttpBodyFramingTest {

    private final ProtoCodec codec = new HttpProto().newCodec(new ProtoConfig(4096, TransferFilters.defaults(), Codecs.defaults()));

    @Test
    void offers100ContinueOnceWhenNoBodyByteHasArrived() {
        ByteBuf in = Unpooled.copiedBuffer("POST /a HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n", StandardCharsets.US_ASCII);
        try {
            assertThat(codec.decode(in)).isNull();
            assertThat(new String(codec.takeOutbound(), StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 100 Continue\r\n\r\n");
            assertThat(codec.takeOutbound()).isNull();

            in.writeBytes("hi".getBytes(StandardCharsets.US_ASCII));
            Message m = codec.decode(in);
            assertThat(new String(m.body(), StandardCharsets.US_ASCII)).isEqualTo("hi");
            assertThat(codec.takeOutbound()).isNull();
        } finally {
            in.release();
        }
    }

    @Test
    void skips100ContinueWhenTheBodyCameWithTheHead() {
        ByteBuf in = Unpooled.copiedBuffer("POST /a HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\nhi", StandardCharsets.US_ASCII);
        try {
            assertThat(codec.decode(in)).isNotNull();
            assertThat(codec.takeOutbound()).isNull();
        } finally {
            in.release();
        }
    }

    @Test
    void decodesAChunkedBodyWithoutConsumingUntilItIsComplete() {
        ByteBuf in = Unpooled.copiedBuffer("POST /a HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n", StandardCharsets.US_ASCII);
        try {
            assertThat(codec.decode(in)).isNull();
            assertThat(in.readerIndex()).isZero();
            in.writeBytes("2\r\nde\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            Message m = codec.decode(in);
            assertThat(new String(m.body(), StandardCharsets.US_ASCII)).isEqualTo("abcde");
            assertThat(in.isReadable()).isFalse();
        } finally {
            in.release();
        }
    }

    @Test
    void answersAMalformedRequestButNotAMalformedResponse() {
        ByteBuf request = Unpooled.copiedBuffer("GET\r\n\r\n", StandardCharsets.US_ASCII);
        ByteBuf response = Unpooled.copiedBuffer("HTTP/1.1 abc OK\r\n\r\n", StandardCharsets.US_ASCII);
        try {
            assertThatThrownBy(() -> codec.decode(request)).isInstanceOfSatisfying(ProtoException.class, e -> assertThat(e.fatal()).isTrue());
            assertThat(new String(codec.takeOutbound(), StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 400 Bad Request\r\n");

            ProtoCodec client = new HttpProto().newCodec(new ProtoConfig(4096, TransferFilters.defaults(), Codecs.defaults()));
            assertThatThrownBy(() -> client.decode(response)).isInstanceOf(ProtoException.class);
            assertThat(client.takeOutbound()).isNull();
        } finally {
            request.release();
            response.release();
        }
    }
}
