package io.dmicro.spring.boot.autoconfigure.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dmicro.drpc.Endpoint;
import io.dmicro.drpc.message.MessageType;
import io.dmicro.drpc.plugin.Plugin;
import io.dmicro.drpc.plugin.event.SessionEvent;
import io.dmicro.drpc.plugin.event.SessionEventsPlugin;
import io.dmicro.drpc.session.Session;
import io.dmicro.drpc.status.DrpcException;
import io.dmicro.spring.boot.autoconfigure.DmicroAutoConfiguration;
import io.dmicro.spring.boot.autoconfigure.sample.Args;
import io.dmicro.spring.boot.autoconfigure.sample.MathService;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;

class DmicroEventsAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DmicroAutoConfiguration.class, DmicroEventsAutoConfiguration.class))
            .withBean(MathService.class)
            .withBean(Listeners.class)
            .withPropertyValues("dmicro.endpoint.listen=tcp://127.0.0.1:0", "dmicro.endpoint.dial-timeout=2s");

    private static String address(Endpoint e) {
        return "127.0.0.1:" + ((InetSocketAddress) e.listenAddresses().get(0)).getPort();
    }

    @Test
    void publishesAcceptedReceivedAndDisconnectedToEventListenersWhenAskedForReceivedEvents() {
        runner.withPropertyValues("dmicro.events.received=true").run(context -> {
            Listeners listeners = context.getBean(Listeners.class);
            Endpoint server = context.getBean(Endpoint.class);
            try (Endpoint peer = Endpoint.create()) {
                Session s = peer.dial(address(server));
                assertThat(s.callSync("/math/add", new Args(1, 2), Integer.class)).isEqualTo(3);
                await().until(() -> listeners.accepted.size() == 1);
                assertThat(listeners.received).singleElement().satisfies(r -> {
                    assertThat(r.type()).isEqualTo(MessageType.CALL);
                    assertThat(r.serviceMethod()).isEqualTo("/math/add");
                });
                s.close().join();
                await().until(() -> listeners.disconnected.size() == 1);
                assertThat(listeners.disconnected.get(0).session().id()).isEqualTo(listeners.accepted.get(0).session().id());
            }
            assertThat(listeners.all).extracting(e -> e.event().getClass().getSimpleName())
                    .containsExactly("Accepted", "Received", "Disconnected");
        });
    }

    @Test
    void publishesConnectedAndConnectFailedForDials() throws Exception {
        String dead;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            dead = "127.0.0.1:" + s.getLocalPort();
        }
        String unreachable = dead;
        runner.run(context -> {
            Listeners listeners = context.getBean(Listeners.class);
            Endpoint endpoint = context.getBean(Endpoint.class);
            try (Endpoint server = Endpoint.create()) {
                server.listen("tcp://127.0.0.1:0");
                Session s = endpoint.dial(address(server));
                assertThat(listeners.connected).singleElement().satisfies(c -> {
                    assertThat(c.session().id()).isEqualTo(s.id());
                    assertThat(c.redial()).isFalse();
                });
            }
            try {
                endpoint.dial(unreachable);
            } catch (DrpcException expected) {
                // the event is what this test is about
            }
            await().until(() -> !listeners.failed.isEmpty());
            assertThat(listeners.failed).singleElement().satisfies(f -> assertThat(f.address()).isEqualTo(unreachable));
        });
    }

    @Test
    void publishesOnlySessionLifecycleEventsByDefault() {
        runner.run(context -> {
            Listeners listeners = context.getBean(Listeners.class);
            try (Endpoint peer = Endpoint.create()) {
                Session s = peer.dial(address(context.getBean(Endpoint.class)));
                s.callSync("/math/add", new Args(1, 2), Integer.class);
                s.close().join();
                await().until(() -> listeners.disconnected.size() == 1);
            }
            assertThat(listeners.received).isEmpty();
            assertThat(listeners.all).extracting(e -> e.event().getClass().getSimpleName())
                    .containsExactly("Accepted", "Disconnected");
        });
    }

    @Test
    void registersThePluginLastAmongPlugins() {
        Plugin auth = new Plugin() {
            @Override
            public String name() {
                return "auth";
            }
        };
        runner.withBean("first", Plugin.class, () -> auth).run(context -> {
            assertThat(context).hasSingleBean(SessionEventsPlugin.class);
            assertThat(context.getBean(Endpoint.class).plugins().all()).extracting(Plugin::name).containsSubsequence("auth", "sessionEvents");
        });
    }

    @Test
    void backsOffWhenDisabled() {
        runner.withPropertyValues("dmicro.events.enabled=false").run(context -> {
            assertThat(context).doesNotHaveBean(SessionEventsPlugin.class);
            assertThat(context.getBean(Endpoint.class).plugins().all()).extracting(Plugin::name).doesNotContain("sessionEvents");
        });
    }

    @Test
    void backsOffWhenTheApplicationDefinesThePlugin() {
        SessionEventsPlugin mine = new SessionEventsPlugin();
        runner.withBean(SessionEventsPlugin.class, () -> mine).run(context ->
                assertThat(context.getBean(SessionEventsPlugin.class)).isSameAs(mine));
    }

    /** Listens the way an application does: by the event kind in the type argument. */
    static class Listeners {
        final List<SessionEvent.Accepted> accepted = new CopyOnWriteArrayList<>();
        final List<SessionEvent.Connected> connected = new CopyOnWriteArrayList<>();
        final List<SessionEvent.ConnectFailed> failed = new CopyOnWriteArrayList<>();
        final List<SessionEvent.Disconnected> disconnected = new CopyOnWriteArrayList<>();
        final List<SessionEvent.Received> received = new CopyOnWriteArrayList<>();
        final List<DmicroSessionEvent<?>> all = new CopyOnWriteArrayList<>();

        @EventListener
        void accepted(DmicroSessionEvent<SessionEvent.Accepted> e) {
            accepted.add(e.event());
        }

        @EventListener
        void connected(DmicroSessionEvent<SessionEvent.Connected> e) {
            connected.add(e.event());
        }

        @EventListener
        void failed(DmicroSessionEvent<SessionEvent.ConnectFailed> e) {
            failed.add(e.event());
        }

        @EventListener
        void disconnected(DmicroSessionEvent<SessionEvent.Disconnected> e) {
            disconnected.add(e.event());
        }

        @EventListener
        void received(DmicroSessionEvent<SessionEvent.Received> e) {
            received.add(e.event());
        }

        @EventListener
        @Order(1)
        void any(DmicroSessionEvent<?> e) {
            all.add(e);
        }
    }
}
