package io.dmicro.spring.boot.test.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmicro.drpc.Endpoint;
import io.dmicro.spring.boot.test.AutoConfigureDmicro;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;

/** A real socket on a free port, found through local.dmicro.port as local.server.port is. */
@SpringBootTest
@AutoConfigureDmicro(listen = "tcp://127.0.0.1:0")
class GreetingOverTcpTests {

    @Value("${local.dmicro.port}")
    int port;

    @Test
    void listensOnTheFreePortItPublishes() throws Exception {
        assertThat(port).isPositive();
        try (Endpoint peer = Endpoint.create()) {
            assertThat(peer.dial("tcp://127.0.0.1:" + port).<String>call("/greeting/hello", "tcp", String.class)
                    .get(10, TimeUnit.SECONDS)).isEqualTo("hello tcp");
        }
    }
}
