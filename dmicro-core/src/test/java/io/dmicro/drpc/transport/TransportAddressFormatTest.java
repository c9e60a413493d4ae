package io.dmicro.drpc.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmicro.drpc.Endpoint;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/** How addresses are shown in logs, the actuator and registrations. */
class TransportAddressFormatTest {

    @Test
    void showsIpAddressesInTheirShortestFormWithBracketsAroundIpv6() {
        assertThat(TransportAddress.hostPort(new InetSocketAddress("0.0.0.0", 9090))).isEqualTo("0.0.0.0:9090");
        assertThat(TransportAddress.hostPort(new InetSocketAddress("::", 9090))).isEqualTo("[::]:9090");
        assertThat(TransportAddress.hostPort(new InetSocketAddress("::1", 9090))).isEqualTo("[::1]:9090");
        assertThat(TransportAddress.hostPort(new InetSocketAddress("2001:db8:0:0:0:0:0:1", 1))).isEqualTo("[2001:db8::1]:1");
        assertThat(TransportAddress.hostPort(InetSocketAddress.createUnresolved("example.com", 80))).isEqualTo("example.com:80");
        assertThat(TransportAddress.of(new InetSocketAddress("::", 9090)).uri().host()).isEqualTo("::");
    }

    @Test
    void aWildcardListenerIsNotShownAsEightZeroGroups() {
        try (Endpoint endpoint = Endpoint.create()) {
            InetSocketAddress bound = (InetSocketAddress) endpoint.listen("tcp://0.0.0.0:0");
            String shown = TransportAddress.hostPort(bound);
            assertThat(shown).isIn("0.0.0.0:" + bound.getPort(), "[::]:" + bound.getPort());
        }
    }
}
