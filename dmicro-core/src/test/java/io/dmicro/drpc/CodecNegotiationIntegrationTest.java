package io.dmicro.drpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.StringValue;
import io.dmicro.drpc.message.Meta;
import io.dmicro.drpc.session.CallOptions;
import io.dmicro.drpc.session.Reply;
import io.dmicro.drpc.session.Session;
import io.dmicro.drpc.status.DrpcException;
import io.dmicro.drpc.testing.Peers;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every codec over a real session, the reply-codec rules of reference §7.3, and raw byte bodies. */
class CodecNegotiationIntegrationTest {

    public record Point(int x, int y) {
    }

    public static class Pojo {
        public String name;
        public int size;
    }

    private final Peers peers = new Peers();
    private Session session;

    @BeforeEach
    void start() {
        Endpoint server = peers.endpoint();
        server.router().routeCallFunc("/point/flip", Point.class, (ctx, p) -> new Point(p.y(), p.x()));
        server.router().routeCallFunc("/pojo/grow", Pojo.class, (ctx, p) -> {
            p.size++;
            return p;
        });
        server.router().routeCallFunc("/text/upper", String.class, (ctx, s) -> s.toUpperCase());
        server.router().routeCallFunc("/proto/echo", StringValue.class, (ctx, v) -> StringValue.of(v.getValue() + "!"));
        server.router().routeCallFunc("/bytes/reverse", byte[].class, (ctx, b) -> {
            byte[] out = new byte[b.length];
            for (int i = 0; i < b.length; i++) {
                out[i] = b[b.length - 1 - i];
            }
            return out;
        });
        server.router().routeCallFunc("/codec/of_request", String.class, (ctx, s) -> "codec " + (char) ctx.bodyCodec());
        server.router().routeCallFunc("/reply/as_plain", Integer.class, (ctx, i) -> {
            ctx.setReplyBodyCodec("plain");
            return i * 2;
        });
        session = Peers.dial(peers.endpoint(), server);
    }

    @AfterEach
    void close() {
        peers.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"json", "xml", "form"})
    void recordRoundTripsInEachStructuredCodec(String codec) {
        Point p = session.<Point>call("/point/flip", new Point(1, 2), Point.class, CallOptions.DEFAULT.withBodyCodec(codec)).join();
        assertThat(p).isEqualTo(new Point(2, 1));
    }

    @Test
    void pojoRoundTripsInJson() {
        Pojo in = new Pojo();
        in.name = "n";
        in.size = 41;
        Pojo out = session.callSync("/pojo/grow", in, Pojo.class);
        assertThat(out.name).isEqualTo("n");
        assertThat(out.size).isEqualTo(42);
    }

    @Test
    void plainTextRoundTrips() {
        String out = session.<String>call("/text/upper", "hello", String.class, CallOptions.DEFAULT.withBodyCodec("plain")).join();
        assertThat(out).isEqualTo("HELLO");
    }

    @Test
    void protobufRoundTrips() {
        StringValue out = session.<StringValue>call("/proto/echo", StringValue.of("hi"), StringValue.class,
                CallOptions.DEFAULT.withBodyCodec("protobuf")).join();
        assertThat(out.getValue()).isEqualTo("hi!");
    }

    @Test
    void byteArrayBodiesPassThroughRaw() {
        byte[] in = {1, 2, 3, (byte) 0xff};
        assertThat(session.callSync("/bytes/reverse", in, byte[].class)).containsExactly(0xff, 3, 2, 1);
    }

    @Test
    void replyUsesTheRequestsCodecByDefault() {
        Reply<String> r = session.<String>callForReply("/text/upper", "x", String.class, CallOptions.DEFAULT.withBodyCodec("plain")).join();
        assertThat(r.bodyCodec()).isEqualTo((byte) 's');
        assertThat(session.<String>call("/codec/of_request", "x", String.class, CallOptions.DEFAULT.withBodyCodec("xml")).join())
                .isEqualTo("codec x");
    }

    @Test
    void acceptBodyCodecAsksThePeerToReplyInAnotherCodec() {
        Reply<byte[]> r = session.<byte[]>callForReply("/text/upper", "abc", byte[].class,
                CallOptions.DEFAULT.withAcceptBodyCodec("plain")).join();
        assertThat(r.bodyCodec()).isEqualTo((byte) 's');
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("ABC");
    }

    @Test
    void invalidAcceptBodyCodecIsIgnored() {
        Reply<byte[]> r = session.<byte[]>callForReply("/text/upper", "abc", byte[].class,
                CallOptions.DEFAULT.withMeta(Meta.ACCEPT_BODY_CODEC, "9999")).join();
        assertThat(r.bodyCodec()).isEqualTo((byte) 'j');
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("\"ABC\"");
    }

    @Test
    void handlerChosenReplyCodecWins() {
        Reply<byte[]> r = session.<byte[]>callForReply("/reply/as_plain", 21, byte[].class,
                CallOptions.DEFAULT.withAcceptBodyCodec("xml")).join();
        assertThat(r.bodyCodec()).isEqualTo((byte) 's');
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("42");
    }

    @Test
    void unknownCodecNameFailsTheCallAtOnce() {
        assertThatThrownBy(() -> session.call("/text/upper", "x", String.class, CallOptions.DEFAULT.withBodyCodec("yaml")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("yaml");
    }

    @Test
    void replyMetaTravelsBack() {
        Endpoint server = peers.endpoint();
        server.router().routeCallFunc("/meta", String.class, (ctx, s) -> {
            ctx.replyMeta().set("echo", ctx.meta().get("ask"));
            return s;
        });
        Session s = Peers.dial(peers.endpoint(), server);
        Reply<String> r = s.<String>callForReply("/meta", "x", String.class, CallOptions.DEFAULT.withMeta("ask", "v1")).join();
        assertThat(r.meta().asMap()).containsEntry("echo", "v1");
    }

    @Test
    void bodyThatCannotBeEncodedFailsTheCallWith400() {
        Object unencodable = new Object() {
            @SuppressWarnings("unused")
            public Object getSelf() {
                return this;
            }
        };
        assertThatThrownBy(() -> session.call("/text/upper", Map.of("k", unencodable), String.class).join())
                .hasCauseInstanceOf(DrpcException.class);
    }
}
