package io.dmicro.drpc.transport;

import io.dmicro.drpc.testing.TestCertificates;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dmicro.drpc.Endpoint;
import io.dmicro.drpc.EndpointConfig;
import io.dmicro.drpc.internal.Addresses;
import io.dmicro.drpc.status.DrpcException;
import io.dmicro.drpc.testing.Peers;
import io.netty.handler.ssl.SslHandler;
import java.net.SocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MutualTlsIntegrationTest {

    private final Peers peers = new Peers();
    private final TestCertificates certs = TestCertificates.get();

    @AfterEach
    void stop() {
        peers.close();
    }

    private String listenMutual(Endpoint server) {
        SocketAddress bound = server.listen("tls://127.0.0.1:0?cert=" + certs.serverCert() + "&key=" + certs.serverKey()
                + "&ca=" + certs.clientCert() + "&clientAuth=require");
        return Addresses.format(bound);
    }

    private Endpoint client() {
        return peers.endpoint(EndpointConfig.builder().dialTimeout(Duration.ofSeconds(5)).build());
    }

    @Test
    void clientWithItsCertificateIsAccepted() {
        Endpoint server = peers.endpoint();
        server.router().routeCallFunc("/tls/peer", String.class, (ctx, s) -> {
            SslHandler ssl = SessionChannels.channel(ctx.session()).pipeline().get(SslHandler.class);
            return ssl.engine().getSession().getProtocol();
        });
        String address = listenMutual(server);

        String protocol = client().dial("tls://" + address + "?ca=" + certs.serverCert() + "&cert=" + certs.clientCert()
                + "&key=" + certs.clientKey()).callSync("/tls/peer", "x", String.class);

        assertThat(protocol).startsWith("TLS");
    }

    @Test
    void clientWithoutACertificateIsRefused() {
        String address = listenMutual(peers.endpoint());
        assertThatThrownBy(() -> client().dial("tls://" + address + "?ca=" + certs.serverCert()).callSync("/x", "x", String.class))
                .isInstanceOf(DrpcException.class);
    }

    @Test
    void clientThatDoesNotTrustTheServerFailsToDial() {
        Endpoint server = peers.endpoint();
        SocketAddress bound = server.listen("tls://127.0.0.1:0?cert=" + certs.serverCert() + "&key=" + certs.serverKey());
        // the client trusts only its own certificate, not the server's
        assertThatThrownBy(() -> client().dial("tls://" + Addresses.format(bound) + "?ca=" + certs.clientCert()))
                .isInstanceOfSatisfying(DrpcException.class, e -> assertThat(e.code()).isEqualTo(105));
    }

    @Test
    void aFailedDialNeverShowsTheKeyPasswordInItsErrorOrEvent() {
        Endpoint server = peers.endpoint();
        SocketAddress bound = server.listen("tls://127.0.0.1:0?cert=" + certs.serverCert() + "&key=" + certs.serverKey());
        java.util.List<io.dmicro.drpc.plugin.event.SessionEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        Endpoint client = peers.endpoint(EndpointConfig.builder().dialTimeout(Duration.ofSeconds(5))
                .plugins(new io.dmicro.drpc.plugin.event.SessionEventsPlugin(events::add)).build());
        String uri = "tls://" + Addresses.format(bound) + "?ca=" + certs.clientCert() + "&keyPassword=hunter2";

        assertThatThrownBy(() -> client.dial(uri)).isInstanceOfSatisfying(DrpcException.class, e -> {
            assertThat(e.getMessage()).contains("keyPassword=***").doesNotContain("hunter2");
        });
        // only ConnectFailed: a connection whose TLS handshake failed never was a session to plugins,
        // so no Disconnected follows it, however late its channel's close is seen
        assertThat(events).singleElement().isInstanceOfSatisfying(io.dmicro.drpc.plugin.event.SessionEvent.ConnectFailed.class,
                failed -> assertThat(failed.address()).contains("keyPassword=***").doesNotContain("hunter2"));
        client.close();
        assertThat(events).hasSize(1);
    }

    @Test
    void redactionHidesEverySecretParameterAndKeepsTheRest() {
        assertThat(TransportUri.redact("tls://h:1?ca=/a.pem&keyPassword=p%26w&clientSecret=s&x=1&authToken=t#f"))
                .isEqualTo("tls://h:1?ca=/a.pem&keyPassword=***&clientSecret=***&x=1&authToken=***#f");
        assertThat(TransportUri.redact("not a uri ?password=1")).isEqualTo("not a uri ?password=***");
        assertThat(TransportUri.redact("tcp://h:1")).isEqualTo("tcp://h:1");
    }
}
