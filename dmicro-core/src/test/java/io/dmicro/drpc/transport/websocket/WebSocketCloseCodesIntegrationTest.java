package io.dmicro.drpc.transport.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmicro.drpc.Endpoint;
import io.dmicro.drpc.EndpointConfig;
import io.dmicro.drpc.testing.NodeClients;
import io.dmicro.drpc.testing.Peers;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The close codes of RFC 6455 §7.4.1 as npm's ws client reads them: 1007 for text that is not
 * UTF-8, 1002 for a protocol error (a reserved opcode), 1009 for a message over the limit, 1008 for
 * a proto the listener does not serve; binary JSON-RPC messages are one document each; the
 * listener goes on serving.
 */
class WebSocketCloseCodesIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int LIMIT = 16 * 1024;

    public record Args(int a, int b) {
    }

    private final Peers peers = new Peers();

    @AfterEach
    void stop() {
        peers.close();
    }

    private JsonNode closeCodes(String listen, String path) throws Exception {
        Endpoint server = peers.endpoint(EndpointConfig.builder().maxMessageSize(LIMIT).build());
        server.router().routeCallFunc("/math/add", Args.class, (ctx, a) -> a.a() + a.b());
        InetSocketAddress bound = (InetSocketAddress) server.listen(listen);
        String out = NodeClients.run("WebSocket close codes are read by npm's ws client", "ws-close-codes.js", Duration.ofSeconds(60),
                "ws://127.0.0.1:" + bound.getPort() + path + "?proto=jsonrpc", Integer.toString(LIMIT));
        return JSON.readTree(out);
    }

    private static void assertCodes(JsonNode out) {
        assertThat(out.get("invalidUtf8").get("code").asInt()).as("text that is not UTF-8: %s", out).isEqualTo(1007);
        assertThat(out.get("reservedOpcode").get("code").asInt()).as("a reserved opcode: %s", out).isEqualTo(1002);
        assertThat(out.get("tooBig").get("code").asInt()).as("a message over the limit: %s", out).isEqualTo(1009);
        assertThat(out.get("answer").get("result").asInt()).isEqualTo(3);
        // before: the upgrade was taken, then closed with 1000 and no reason; binary messages ran on
        // into each other as one byte stream, so both requests were lost
        assertThat(out.get("unknownProto").get("code").asInt()).as("an unknown proto: %s", out).isEqualTo(1008);
        assertThat(out.get("unknownProto").get("reason").asString()).contains("unknown proto").contains("bogus");
        assertThat(out.get("binary").get(0).get("id").asInt() + out.get("binary").get(1).get("id").asInt()).isEqualTo(7);
        assertThat(out.get("binary").get(0).get("result").asInt() + out.get("binary").get(1).get("result").asInt()).isEqualTo(10);
    }

    @Test
    void aWsListenerClosesWithTheCodeOfWhatWentWrong() throws Exception {
        assertCodes(closeCodes("ws://127.0.0.1:0/drpc", "/drpc"));
    }

    @Test
    void aSharedPortClosesWithTheSameCodes() throws Exception {
        assertCodes(closeCodes("tcp://127.0.0.1:0?protos=raw,jsonrpc,ws", "/"));
    }
}
