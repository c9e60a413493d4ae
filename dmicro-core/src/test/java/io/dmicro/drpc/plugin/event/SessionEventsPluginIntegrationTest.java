package io.dmicro.drpc.plugin.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dmicro.drpc.Endpoint;
import io.dmicro.drpc.EndpointConfig;
import io.dmicro.drpc.message.MessageType;
import io.dmicro.drpc.router.PushContext;
import io.dmicro.drpc.session.Session;
import io.dmicro.drpc.testing.Peers;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SessionEventsPluginIntegrationTest {

    private static final Duration BOUND = Duration.ofSeconds(10);

    private final Peers peers = new Peers();

    @AfterEach
    void close() {
        peers.close();
    }

    @Test
    void listenersHearAcceptConnectReceiveAndDisconnectOnBothSides() throws Exception {
        List<SessionEvent> serverEvents = new CopyOnWriteArrayList<>();
        List<SessionEvent> clientEvents = new CopyOnWriteArrayList<>();
        SessionEventListener failing = e -> {
            throw new IllegalStateException("a broken listener does not stop the others");
        };
        Endpoint server = peers.endpoint(EndpointConfig.builder().plugins(new SessionEventsPlugin(failing, serverEvents::add)).build());
        server.router().routeCallFunc("/svc/echo", String.class, (ctx, s) -> "echo " + s);
        server.router().routePushFunc("/svc/note", String.class, (PushContext ctx, String s) -> { });
        Session s = Peers.dial(peers.endpoint(EndpointConfig.builder().plugins(new SessionEventsPlugin(clientEvents::add)).build()), server);

        s.callSync("/svc/echo", "hi", String.class);
        s.push("/svc/note", "n").get(10, TimeUnit.SECONDS);
        Peers.await("server received the push", BOUND, () -> serverEvents.size() == 3);
        s.close().get(10, TimeUnit.SECONDS);
        Peers.await("server disconnect", BOUND, () -> serverEvents.size() == 4);

        assertThat(clientEvents).hasSize(3);
        assertThat(clientEvents.get(0)).isEqualTo(new SessionEvent.Connected(s, false));
        assertThat(clientEvents.get(1)).isEqualTo(new SessionEvent.Received(s, MessageType.REPLY, "/svc/echo", 1, "echo hi"));
        assertThat(clientEvents.get(2)).isEqualTo(new SessionEvent.Disconnected(s));

        assertThat(serverEvents.get(0)).isInstanceOf(SessionEvent.Accepted.class);
        Session serverSide = ((SessionEvent.Accepted) serverEvents.get(0)).session();
        assertThat(serverSide.id()).isEqualTo(s.id());
        assertThat(serverEvents.subList(1, 4)).containsExactly(
                new SessionEvent.Received(serverSide, MessageType.CALL, "/svc/echo", 1, "hi"),
                new SessionEvent.Received(serverSide, MessageType.PUSH, "/svc/note", 2, "n"),
                new SessionEvent.Disconnected(serverSide));
    }

    @Test
    void failedDialIsAConnectFailedEvent() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        List<SessionEvent> events = new CopyOnWriteArrayList<>();
        Endpoint client = peers.endpoint(EndpointConfig.builder().plugins(new SessionEventsPlugin(events::add)).build());

        assertThatThrownBy(() -> client.dial("127.0.0.1:" + port)).isInstanceOf(RuntimeException.class);
        assertThat(events).singleElement().isInstanceOfSatisfying(SessionEvent.ConnectFailed.class, e -> {
            assertThat(e.peer()).isEqualTo("127.0.0.1:" + port);
            assertThat(e.redial()).isFalse();
        });
    }
}
