package io.dmicro.demo;

import io.dmicro.drpc.Endpoint;
import jakarta.servlet.http.HttpServletRequest;
import java.net.InetSocketAddress;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /demo/config}: where the demo page (static/index.html) opens its WebSocket. */
@RestController
@ConditionalOnProperty(name = "demo.role", havingValue = "server", matchIfMissing = true)
public class DemoPageConfig {

    private final Endpoint endpoint;

    public DemoPageConfig(Endpoint endpoint) {
        this.endpoint = endpoint;
    }

    @GetMapping("/demo/config")
    public Map<String, String> config(HttpServletRequest request) {
        int port = ((InetSocketAddress) endpoint.listenAddresses().get(0)).getPort();
        return Map.of("webSocketUrl", "ws://" + request.getServerName() + ":" + port + "/drpc?proto=jsonrpc");
    }
}
