package io.dmicro.drpc.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dmicro.drpc.AfterCloseEndpoint;
import io.dmicro.drpc.AfterNewEndpoint;
import io.dmicro.drpc.BeforeCloseEndpoint;
import io.dmicro.drpc.BeforeNewEndpoint;
import io.dmicro.drpc.Endpoint;
import io.dmicro.drpc.EndpointConfig;
import io.dmicro.drpc.internal.Addresses;
import io.dmicro.drpc.router.AfterRegRouter;
import io.dmicro.drpc.router.PushContext;
import io.dmicro.drpc.session.Session;
import io.dmicro.drpc.status.DrpcException;
import io.dmicro.drpc.status.Status;
import io.dmicro.drpc.testing.Peers;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Every one of the 27 hooks fires once, in order, with the right arguments, over real sockets. */
class AllHooksIntegrationTest {

    private static final Duration BOUND = Duration.ofSeconds(10);

    @Test
    void recorderImplementsEveryHookInterface() {
        Set<Class<?>> hooks = new HashSet<>(Arrays.asList(RecordingPlugin.class.getInterfaces()));
        assertThat(hooks).hasSize(RecordingPlugin.HOOK_COUNT).allMatch(Plugin.class::isAssignableFrom);
    }

    @Test
    void everyHookFiresOnceInOrderForDialAcceptCallReplyPushAndDisconnect() throws Exception {
        RecordingPlugin serverRec = new RecordingPlugin("serverRecorder");
        RecordingPlugin clientRec = new RecordingPlugin("clientRecorder");
        Endpoint server = Endpoint.create(EndpointConfig.builder().plugins(serverRec).build());
        Endpoint client = Endpoint.create(EndpointConfig.builder().plugins(clientRec).build());
        CountDownLatch pushed = new CountDownLatch(1);
        server.router().routeCallFunc("/svc/echo", String.class, (ctx, s) -> "echo " + s);
        server.router().routePushFunc("/svc/note", String.class, (PushContext ctx, String s) -> pushed.countDown());
        String address = Peers.listen(server);

        Session session = client.dial(address);
        Peers.await("server session", BOUND, () -> server.sessionCount() == 1);
        Session serverSide = server.sessions().iterator().next();
        assertThat(session.callSync("/svc/echo", "hi", String.class)).isEqualTo("echo hi");
        // the reply's write listener runs on the server's I/O thread and may trail the client's next
        // message, so the recorded order across messages is only defined once it has run
        Peers.await("reply hooks", BOUND, () -> serverRec.count("AfterWriteReply") == 1);
        session.push("/svc/note", "n1").get(10, TimeUnit.SECONDS);
        assertThat(pushed.await(10, TimeUnit.SECONDS)).isTrue();
        Peers.await("push hooks", BOUND, () -> serverRec.count("AfterReadPushBody") == 1);
        String clientId = session.id();
        session.close().get(10, TimeUnit.SECONDS);
        Peers.await("server disconnect", BOUND, () -> serverRec.count("AfterDisconnect") == 1);
        client.close();
        server.close();

        assertThat(clientRec.eventsWithoutReadHeader()).containsExactly(
                "BeforeNewEndpoint true",
                "AfterNewEndpoint true",
                "BeforeDial " + address + " false",
                "AfterDial " + clientId + " " + address + " false",
                "BeforeWriteCall CALL /svc/echo true",
                "AfterWriteCall CALL /svc/echo",
                "AfterReadReplyHeader REPLY /svc/echo 0",
                "BeforeReadReplyBody /svc/echo null",
                "AfterReadReplyBody /svc/echo echo hi",
                "BeforeWritePush PUSH /svc/note",
                "AfterWritePush PUSH /svc/note",
                "AfterDisconnect " + clientId + " ACTIVE_CLOSED",
                "BeforeCloseEndpoint true",
                "AfterCloseEndpoint null");
        assertThat(serverRec.eventsWithoutReadHeader()).containsExactly(
                "BeforeNewEndpoint true",
                "AfterNewEndpoint true",
                "AfterRegRouter /svc/echo CALL",
                "AfterRegRouter /svc/note PUSH",
                "AfterListen " + address,
                "AfterAccept " + clientId + " " + address,
                "AfterReadCallHeader CALL /svc/echo null",
                "BeforeReadCallBody /svc/echo null",
                "AfterReadCallBody /svc/echo hi",
                "BeforeWriteReply REPLY 0 \"echo hi\"",
                "AfterWriteReply REPLY 0",
                "AfterReadPushHeader PUSH /svc/note",
                "BeforeReadPushBody /svc/note null",
                "AfterReadPushBody /svc/note n1",
                "AfterDisconnect " + serverSide.id() + " PASSIVE_CLOSED",
                "BeforeCloseEndpoint true",
                "AfterCloseEndpoint null");
        // ready for the first message, then after each one: the reply on the client; call, push and the
        // client's going-away notice on the server (the notice reaches no other hook)
        assertThat(clientRec.events()).filteredOn(e -> e.startsWith("BeforeReadHeader")).containsOnly("BeforeReadHeader " + clientId).hasSize(2);
        assertThat(serverRec.events()).filteredOn(e -> e.startsWith("BeforeReadHeader")).containsOnly("BeforeReadHeader " + clientId).hasSize(4);
    }

    @Test
    void afterDialFailFiresOnceWhenTheDialFinallyFails() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        RecordingPlugin rec = new RecordingPlugin("recorder");
        try (Peers peers = new Peers()) {
            Endpoint client = peers.endpoint(EndpointConfig.builder().plugins(rec).build());
            String address = "127.0.0.1:" + port;
            assertThatThrownBy(() -> client.dial(address))
                    .isInstanceOfSatisfying(DrpcException.class, e -> assertThat(e.code()).isEqualTo(Status.DIAL_FAILED));
            assertThat(rec.eventsWithoutReadHeader()).containsExactly(
                    "BeforeNewEndpoint true", "AfterNewEndpoint true",
                    "BeforeDial " + address + " false",
                    "AfterDialFail " + address + " DrpcException false");
        }
    }

    static String format(java.net.SocketAddress a) {
        return Addresses.format(a);
    }
}
