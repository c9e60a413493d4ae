package io.dmicro.drpc.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmicro.drpc.Endpoint;
import io.dmicro.drpc.EndpointConfig;
import io.dmicro.drpc.session.Session;
import io.dmicro.drpc.testing.Peers;
import io.dmicro.drpc.testing.TestCertificates;
import io.dmicro.drpc.transport.tcp.NativeTransport;
import io.netty.channel.Channel;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.net.SocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** TCP runs on Netty's epoll transport where it loads (this build's Linux machines), on NIO when told to. */
class NativeTransportIntegrationTest {

    private final Peers peers = new Peers();

    @AfterEach
    void close() {
        peers.close();
    }

    private static final EndpointConfig EPOLL = EndpointConfig.builder()
            .socketOptions(SocketOptions.DEFAULT.withNativeTransport(true)).build();

    private static Endpoint echo(Endpoint e) {
        e.router().routeCallFunc("/echo", String.class, (ctx, arg) -> arg);
        return e;
    }

    private static Session acceptedBy(Endpoint server) {
        Peers.await("the accepted session", Duration.ofSeconds(10), () -> server.sessions().size() == 1);
        return server.sessions().iterator().next();
    }

    @Test
    void switchedOnBothEndsOfATcpSessionRunOnEpoll() {
        assertThat(NativeTransport.unavailabilityReason()).isNull();
        Endpoint server = echo(peers.endpoint(EPOLL));
        server.listen("tcp://127.0.0.1:0");
        Session dialed = Peers.dial(peers.endpoint(EPOLL), server);

        assertThat(dialed.callSync("/echo", "on epoll", String.class)).isEqualTo("on epoll");
        assertThat(SessionChannels.channel(dialed)).isInstanceOf(EpollSocketChannel.class);
        assertThat(SessionChannels.channel(acceptedBy(server))).isInstanceOf(EpollSocketChannel.class);
    }

    @Test
    void byDefaultBothEndsRunOnNio() {
        EndpointConfig nio = EndpointConfig.builder().build();
        Endpoint server = echo(peers.endpoint(nio));
        server.listen("tcp://127.0.0.1:0");
        Session dialed = Peers.dial(peers.endpoint(nio), server);

        assertThat(dialed.callSync("/echo", "on nio", String.class)).isEqualTo("on nio");
        assertThat(SessionChannels.channel(dialed)).isInstanceOf(NioSocketChannel.class);
        assertThat(SessionChannels.channel(acceptedBy(server))).isInstanceOf(NioSocketChannel.class);
    }

    @Test
    void anEpollClientAndANioServerTalk() {
        EndpointConfig nio = EndpointConfig.builder().socketOptions(SocketOptions.DEFAULT.withNativeTransport(false)).build();
        Endpoint server = echo(peers.endpoint(nio));
        server.listen("tcp://127.0.0.1:0");
        Session dialed = Peers.dial(peers.endpoint(EPOLL), server);

        assertThat(dialed.callSync("/echo", "mixed", String.class)).isEqualTo("mixed");
        assertThat(SessionChannels.channel(dialed)).isInstanceOf(EpollSocketChannel.class);
    }

    @Test
    void tlsRunsOverEpoll() {
        TestCertificates certs = TestCertificates.get();
        Endpoint server = echo(peers.endpoint(EPOLL));
        SocketAddress bound = server.listen("tls://127.0.0.1:0?cert=" + certs.serverCert() + "&key=" + certs.serverKey());
        Session dialed = peers.endpoint(EPOLL).dial("tls://" + io.dmicro.drpc.internal.Addresses.format(bound) + "?ca=" + certs.serverCert());

        assertThat(dialed.callSync("/echo", "sealed", String.class)).isEqualTo("sealed");
        assertThat(SessionChannels.channel(dialed)).isInstanceOf(EpollSocketChannel.class);
    }

    @Test
    void theKeepAlivePeriodReachesTheEpollSocket() {
        EndpointConfig config = EndpointConfig.builder()
                .socketOptions(new SocketOptions(true, true, -1, -1, Duration.ofSeconds(17)).withNativeTransport(true)).build();
        Endpoint server = echo(peers.endpoint());
        server.listen("tcp://127.0.0.1:0");
        Channel ch = SessionChannels.channel(Peers.dial(peers.endpoint(config), server));

        assertThat(ch).isInstanceOf(EpollSocketChannel.class);
        assertThat(ch.config().getOption(EpollChannelOption.TCP_KEEPIDLE)).isEqualTo(17);
        assertThat(ch.config().getOption(EpollChannelOption.TCP_KEEPINTVL)).isEqualTo(17);
    }
}
