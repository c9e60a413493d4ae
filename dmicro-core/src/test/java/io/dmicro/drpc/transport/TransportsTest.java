package io.dmicro.drpc.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TransportsTest {

    @Test
    void schemesAndTheKnownListOfAnUnknownSchemeAreSorted() {
        assertThat(Transports.defaults().schemes())
                .containsExactly("kcp", "local", "quic", "tcp", "tcp4", "tcp6", "tls", "unix", "ws", "wss");
        assertThatThrownBy(() -> Transports.defaults().require("http"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unsupported network scheme: http (known: kcp, local, quic, tcp, tcp4, tcp6, tls, unix, ws, wss)");
    }
}
