package io.dmicro.drpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmicro.drpc.message.Message;
import io.dmicro.drpc.message.MessageType;
import io.dmicro.drpc.session.Session;
import io.dmicro.drpc.status.Status;
import io.dmicro.drpc.testing.Peers;
import io.dmicro.drpc.testing.RawSocketPeer;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What an endpoint does with bad bytes from one peer: garbage, oversized, truncated and
 * inconsistent frames get a 400 reply or a closed connection, and every other session goes on.
 */
class BadInputIntegrationTest {

    private static final int LIMIT = 64 * 1024;

    private final Peers peers = new Peers();
    private Endpoint server;
    private InetSocketAddress address;
    private Session goodClient;

    @BeforeEach
    void start() {
        server = peers.endpoint(EndpointConfig.builder().maxMessageSize(LIMIT).build());
        server.router().routeCallFunc("/echo", String.class, (ctx, s) -> s);
        address = (InetSocketAddress) server.listen("tcp://127.0.0.1:0");
        goodClient = peers.endpoint().dial("127.0.0.1:" + address.getPort());
        Peers.await("good client's session", Duration.ofSeconds(5), () -> server.sessionCount() == 1);
    }

    @AfterEach
    void stop() {
        try {
            // whatever the bad peer did, the endpoint still serves the good one
            assertThat(goodClient.callSync("/echo", "still here", String.class)).isEqualTo("still here");
        } finally {
            peers.close();
        }
    }

    @Test
    void garbageClosesOnlyThatConnection() throws Exception {
        try (RawSocketPeer bad = new RawSocketPeer(address)) {
            bad.writeBytes("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(bad.closedByPeer()).isTrue();
        }
    }

    @Test
    void frameOneByteOverTheLimitIsRefusedBeforeItsBodyArrives() throws Exception {
        try (RawSocketPeer bad = new RawSocketPeer(address)) {
            // only the 4-byte header is sent: the endpoint must decide from the declared size alone
            bad.writeBytes(ByteBuffer.allocate(4).putInt(LIMIT + 1).array());
            assertThat(bad.closedByPeer()).isTrue();
        }
    }

    @Test
    void truncatedFrameFromAVanishedPeerClosesItsSession() throws Exception {
        int before = 1;
        try (RawSocketPeer bad = new RawSocketPeer(address)) {
            Peers.await("bad peer's session", Duration.ofSeconds(5), () -> server.sessionCount() == before + 1);
            bad.writeBytes(ByteBuffer.allocate(10).putInt(200).put(new byte[] {1, 0, 1, '1', 1, 5}).array());
        }
        Peers.await("session of vanished peer closed", Duration.ofSeconds(5), () -> server.sessionCount() == before);
    }

    @Test
    void inconsistentCallFrameGets400AndTheConnectionGoesOn() throws Exception {
        try (RawSocketPeer bad = new RawSocketPeer(address)) {
            // a well-framed CALL whose status length says 30 while only 2 bytes follow
            bad.writeBytes(java.util.HexFormat.of().parseHex("000000100100013101022f61001e7b7d"));
            Message reply = bad.read();
            assertThat(reply.type()).isEqualTo(MessageType.REPLY);
            assertThat(reply.seq()).isEqualTo(1);
            assertThat(reply.status().code()).isEqualTo(Status.BAD_MESSAGE);

            bad.write(new Message(2, MessageType.CALL, "/echo").bodyCodec((byte) 'j').body("\"ok\"".getBytes(StandardCharsets.UTF_8)));
            Message second = bad.read();
            assertThat(second.seq()).isEqualTo(2);
            assertThat(new String(second.body(), StandardCharsets.UTF_8)).isEqualTo("\"ok\"");
        }
    }

    @Test
    void undecodableBodyGets400() throws Exception {
        server.router().routeCallFunc("/int", Integer.class, (ctx, i) -> i + 1);
        try (RawSocketPeer bad = new RawSocketPeer(address)) {
            bad.write(new Message(3, MessageType.CALL, "/int").bodyCodec((byte) 'j').body("{not json".getBytes(StandardCharsets.UTF_8)));
            Message reply = bad.read();
            assertThat(reply.status().code()).isEqualTo(Status.BAD_MESSAGE);
            assertThat(reply.status().cause()).contains("/int");
        }
    }

    record Pair(int a, int b) {
    }

    @Test
    void aCallWithNoBodyToARecordOrPrimitiveArgumentGets400AndTheHandlerDoesNotRun() throws Exception {
        // before: the handler got null for its record and answered 500 with its NullPointerException
        java.util.concurrent.atomic.AtomicInteger ran = new java.util.concurrent.atomic.AtomicInteger();
        server.router().routeCallFunc("/add", Pair.class, (ctx, p) -> {
            ran.incrementAndGet();
            return p.a() + p.b();
        });
        server.router().routeCallFunc("/echo-text", String.class, (ctx, text) -> "[" + text + "]");
        try (RawSocketPeer bad = new RawSocketPeer(address)) {
            bad.write(new Message(6, MessageType.CALL, "/add").bodyCodec((byte) 'j'));
            Message reply = bad.read();
            assertThat(reply.status().code()).isEqualTo(Status.BAD_MESSAGE);
            assertThat(reply.status().cause()).contains("/add").contains("has no body").contains(Pair.class.getTypeName());
            // a String argument still reads an empty body as the empty string, and the session goes on
            bad.write(new Message(7, MessageType.CALL, "/echo-text").bodyCodec((byte) 'j'));
            Message text = bad.read();
            assertThat(text.status().isOk()).isTrue();
            assertThat(new String(text.body(), StandardCharsets.UTF_8)).isEqualTo("\"[]\"");
            // a JSON null is no value either
            bad.write(new Message(8, MessageType.CALL, "/add").bodyCodec((byte) 'j').body("null".getBytes(StandardCharsets.UTF_8)));
            Message none = bad.read();
            assertThat(none.status().code()).isEqualTo(Status.BAD_MESSAGE);
            assertThat(none.status().cause()).contains("/add").contains("is null").contains(Pair.class.getTypeName());
        }
        assertThat(ran).hasValue(0);
    }

    @Test
    void emptyServiceMethodGets400() throws Exception {
        try (RawSocketPeer bad = new RawSocketPeer(address)) {
            bad.write(new Message(4, MessageType.CALL, ""));
            Message reply = bad.read();
            assertThat(reply.status().code()).isEqualTo(Status.BAD_MESSAGE);
            assertThat(reply.status().cause()).isEqualTo("invalid service method for message");
        }
    }

    @Test
    void unknownMessageTypeGets405AndTheSessionCloses() throws Exception {
        try (RawSocketPeer bad = new RawSocketPeer(address)) {
            bad.write(new Message(5, MessageType.AUTH_CALL, "/echo"));
            Message reply = bad.read();
            assertThat(reply.status().code()).isEqualTo(Status.MTYPE_NOT_ALLOWED);
            assertThat(bad.closedByPeer()).isTrue();
        }
    }

    @Test
    void replyWithUnknownSeqIsDropped() throws Exception {
        try (RawSocketPeer bad = new RawSocketPeer(address)) {
            bad.write(new Message(999, MessageType.REPLY, ""));
            bad.write(new Message(6, MessageType.CALL, "/echo").bodyCodec((byte) 'j').body("\"after\"".getBytes(StandardCharsets.UTF_8)));
            Message reply = bad.read();
            assertThat(reply.seq()).isEqualTo(6);
        }
    }
}
