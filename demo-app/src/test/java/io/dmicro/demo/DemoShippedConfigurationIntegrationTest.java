package io.dmicro.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmicro.drpc.Endpoint;
import io.dmicro.drpc.testing.WebSocketUpgrades;
import io.dmicro.spring.boot.autoconfigure.DmicroProperties;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The demo with the listen URI it ships (application.yml), not one a test writes: only the drpc
 * port is moved ({@code demo.drpc-port}), and no web server runs, so the page origins it allows
 * are the shipped ones (port 8080). The other demo tests set their own listen URI, which is how a
 * shipped value that Spring split at a comma (the second origin became a listen URI of its own)
 * kept the README's first command from starting while every test passed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {"demo.drpc-port=0", "demo.push-interval=1h"})
class DemoShippedConfigurationIntegrationTest {

    @Autowired
    private Endpoint server;

    @Autowired
    private DmicroProperties properties;

    @Test
    void theShippedListenUriIsOneListenerForEveryProtoAndBothPageOrigins() throws Exception {
        assertThat(properties.getEndpoint().getListen())
                .containsExactly("tcp://0.0.0.0:0?protos=all&wsOrigins=http://localhost:8080,http://127.0.0.1:8080");
        assertThat(server.listenAddresses()).hasSize(1);
        int port = ((InetSocketAddress) server.listenAddresses().get(0)).getPort();
        // the README's: curl -d '{"a":1,"b":2}' -H 'Content-Type: application/json' http://localhost:9090/math/add
        assertThat(curl("-sS", "-d", "{\"a\":1,\"b\":2}", "-H", "Content-Type: application/json",
                "http://127.0.0.1:" + port + "/math/add")).isEqualTo("3");
        String ws = "ws://127.0.0.1:" + port + "/drpc?proto=jsonrpc";
        assertThat(WebSocketUpgrades.from(ws, "http://localhost:8080")).isEqualTo("open");
        assertThat(WebSocketUpgrades.from(ws, "http://127.0.0.1:8080")).isEqualTo("open");
        assertThat(WebSocketUpgrades.from(ws, "http://127.0.0.1:8081")).isEqualTo("refused with 403");
    }

    private static String curl(String... args) throws Exception {
        return Curl.run("the README's curl example", args).trim();
    }
}
