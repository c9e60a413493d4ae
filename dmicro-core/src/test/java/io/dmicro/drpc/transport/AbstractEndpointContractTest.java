package io.dmicro.drpc.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.dmicro.drpc.Endpoint;
import io.dmicro.drpc.EndpointConfig;
import io.dmicro.drpc.message.Message;
import io.dmicro.drpc.message.MessageType;
import io.dmicro.drpc.proto.Proto;
import io.dmicro.drpc.proto.ProtoConfig;
import io.dmicro.drpc.router.PushContext;
import io.dmicro.drpc.session.CallOptions;
import io.dmicro.drpc.session.Session;
import io.dmicro.drpc.status.CallTimeoutException;
import io.dmicro.drpc.status.ConnectionClosedException;
import io.dmicro.drpc.status.DrpcException;
import io.dmicro.drpc.status.RouteNotFoundException;
import io.dmicro.drpc.testing.Peers;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every transport × proto pair must do, written once and run per variant: call, push, both
 * directions, an empty body, a frame of exactly the size limit and one byte more, a timeout, an
 * unknown route, and a peer that vanishes mid-call.
 */
abstract class AbstractEndpointContractTest {

    static final int MAX = 4096;

    protected final Peers peers = new Peers();
    protected Endpoint server;
    protected Endpoint client;
    protected Session session;
    protected final BlockingQueue<String> serverPushes = new LinkedBlockingQueue<>();
    protected final BlockingQueue<String> clientPushes = new LinkedBlockingQueue<>();
    private final CompletableFuture<Object> never = new CompletableFuture<>();
    private SocketAddress bound;

    /** The listen URI, with port 0. */
    protected abstract String listenUri();

    /** The dial URI for the bound address. */
    protected abstract String dialUri(SocketAddress bound);

    /** The proto the client speaks, to measure frames with. */
    protected abstract Proto proto();

    /** HTTP has no pushes and no calls from the server to the client. */
    protected boolean peerToPeer() {
        return true;
    }

    /** Whether the receiver answers a frame over its limit (HTTP: 413) before it closes the connection. */
    protected boolean answersOverLimitBeforeClosing() {
        return false;
    }

    protected EndpointConfig.Builder config(int max) {
        return EndpointConfig.builder().maxMessageSize(max).callTimeout(Duration.ofSeconds(10));
    }

    @BeforeEach
    void start() {
        server = peers.endpoint(config(MAX).build());
        server.router().routeCallFunc("/test/echo", String.class, (ctx, s) -> s);
        server.router().routeCallFunc("/test/length", String.class, (ctx, s) -> s == null ? -1 : s.length());
        server.router().routeCallFunc("/test/empty", String.class, (ctx, s) -> s == null || s.isEmpty() ? "none" : "some");
        server.router().routeCallFunc("/test/never", String.class, (ctx, s) -> never);
        server.router().routeCallFunc("/test/vanish", String.class, (ctx, s) -> {
            SessionChannels.channel(ctx.session()).close();
            return never;
        });
        server.router().routePushFunc("/test/news", String.class, (PushContext ctx, String s) -> serverPushes.add(s));
        bound = server.listen(listenUri());
        client = peers.endpoint(config(MAX).build());
        client.router().routeCallFunc("/client/echo", String.class, (ctx, s) -> "client got " + s);
        client.router().routePushFunc("/client/news", String.class, (PushContext ctx, String s) -> clientPushes.add(s));
        session = client.dial(dialUri(bound));
    }

    @AfterEach
    void stop() {
        never.complete("late");
        peers.close();
    }

    @Test
    void clientCallsServer() {
        assertThat(session.callSync("/test/echo", "hi", String.class)).isEqualTo("hi");
        assertThat(session.callSync("/test/echo", "again", String.class)).isEqualTo("again");
    }

    @Test
    void emptyBodyArrivesAsNull() {
        assertThat(session.callSync("/test/empty", null, String.class)).isEqualTo("none");
    }

    @Test
    void clientPushesToServer() throws Exception {
        assumeThat(peerToPeer()).as("proto has pushes").isTrue();
        session.push("/test/news", "flash").get(5, TimeUnit.SECONDS);
        assertThat(serverPushes.poll(5, TimeUnit.SECONDS)).isEqualTo("flash");
    }

    @Test
    void serverCallsAndPushesToClient() throws Exception {
        assumeThat(peerToPeer()).as("proto is peer to peer").isTrue();
        session.callSync("/test/echo", "hello", String.class); // some transports see the session only once bytes flow
        Peers.await("server session", Duration.ofSeconds(5), () -> server.sessionCount() == 1);
        Session fromServer = server.sessions().iterator().next();

        assertThat(fromServer.callSync("/client/echo", "hi", String.class)).isEqualTo("client got hi");
        fromServer.push("/client/news", "to client").get(5, TimeUnit.SECONDS);
        assertThat(clientPushes.poll(5, TimeUnit.SECONDS)).isEqualTo("to client");
    }

    @Test
    void frameOfExactlyTheLimitPassesAndOneByteMoreIsRefusedBySender() {
        int n = largestBody(1, MAX);
        assertThat(session.callSync("/test/length", "a".repeat(n), Integer.class)).isEqualTo(n);

        assertThatThrownBy(() -> session.callSync("/test/length", "a".repeat(n + 1), Integer.class))
                .isInstanceOfSatisfying(DrpcException.class, e -> assertThat(e.code()).isEqualTo(400));
        assertThat(session.callSync("/test/echo", "still fine", String.class)).isEqualTo("still fine");
    }

    @Test
    void receiverClosesTheConnectionOnAFrameOverItsLimit() {
        Endpoint bigClient = peers.endpoint(config(MAX * 2).build());
        Session big = bigClient.dial(dialUri(bound));
        int n = largestBody(1, MAX) + 1;

        if (answersOverLimitBeforeClosing()) {
            assertThatThrownBy(() -> big.callSync("/test/length", "a".repeat(n), Integer.class))
                    .isInstanceOfSatisfying(DrpcException.class, e -> assertThat(e.code()).isEqualTo(413));
            big.closeFuture().orTimeout(5, TimeUnit.SECONDS).join();
        } else {
            assertThatThrownBy(() -> big.callSync("/test/length", "a".repeat(n), Integer.class))
                    .isInstanceOf(ConnectionClosedException.class);
        }
        assertThat(session.callSync("/test/echo", "others unaffected", String.class)).isEqualTo("others unaffected");
    }

    @Test
    void callTimesOut() {
        CompletableFuture<String> call = session.call("/test/never", "x", String.class, CallOptions.timeout(Duration.ofMillis(200)));
        assertThatThrownBy(call::join).isInstanceOf(CompletionException.class).hasCauseInstanceOf(CallTimeoutException.class);
    }

    @Test
    void unknownRouteGets404() {
        assertThatThrownBy(() -> session.callSync("/no/such/route", "x", String.class)).isInstanceOf(RouteNotFoundException.class);
        assertThat(session.callSync("/test/echo", "after 404", String.class)).isEqualTo("after 404");
    }

    @Test
    void peerVanishingMidCallFailsTheCallWith102() {
        assertThatThrownBy(() -> session.callSync("/test/vanish", "x", String.class)).isInstanceOf(ConnectionClosedException.class);
    }

    /**
     * The largest string body whose CALL frame, as the client's proto writes it with the given
     * seq, fits in {@code max} bytes; asserts the frame is exactly {@code max} where the format
     * allows it.
     */
    protected int largestBody(int seq, int max) {
        int n = Math.max(0, max - frameSize(seq, 0));
        while (n > 0 && frameSize(seq, n) > max) {
            n--;
        }
        while (frameSize(seq, n + 1) <= max) {
            n++;
        }
        assertThat(frameSize(seq, n)).isBetween(max - 1, max);
        return n;
    }

    private int frameSize(int seq, int bodyLength) {
        org.junit.jupiter.api.Assumptions.assumeFalse(proto() instanceof io.dmicro.drpc.proto.http.HttpProto,
                "http is framed by Netty's codec; its limits are tested in HttpProtoIntegrationTest and HttpFaceIntegrationTest");
        ProtoConfig measure = new ProtoConfig(Integer.MAX_VALUE, io.dmicro.drpc.filter.TransferFilters.defaults(),
                io.dmicro.drpc.codec.Codecs.defaults());
        Message m = new Message(seq, MessageType.CALL, "/test/length").bodyCodec((byte) 'j')
                .body(("\"" + "a".repeat(bodyLength) + "\"").getBytes(StandardCharsets.UTF_8));
        ByteBuf out = Unpooled.buffer();
        try {
            proto().newCodec(measure).encode(m, out);
            // the json and protobuf protos count a frame without its 4-byte length (reference §21.2)
            boolean sizeExcludesPrefix = proto() instanceof io.dmicro.drpc.proto.json.JsonProto
                    || proto() instanceof io.dmicro.drpc.proto.protobuf.ProtobufProto;
            return out.readableBytes() - (sizeExcludesPrefix ? 4 : 0);
        } finally {
            out.release();
        }
    }
}
