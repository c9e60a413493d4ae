package io.dmicro.drpc.proto.jsonrpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmicro.drpc.Endpoint;
import io.dmicro.drpc.router.PushContext;
import io.dmicro.drpc.testing.NodeClients;
import io.dmicro.drpc.testing.Peers;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * npm's jayson, a JSON-RPC 2.0 client we did not write, over real sockets: its TCP client on the
 * jsonrpc proto (and a shared port), its HTTP client on JSON-RPC over HTTP. Calls, a string id,
 * the standard errors, a batch and a notification.
 */
class JaysonClientIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public record Args(int a, int b) {
    }

    public record Say(String text) {
    }

    private final Peers peers = new Peers();
    private final List<String> said = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        peers.close();
    }

    private InetSocketAddress server(String listen) {
        Endpoint server = peers.endpoint();
        server.router().routeCallFunc("/math/add", Args.class, (ctx, a) -> a.a() + a.b());
        server.router().routeCallFunc("/text/upper", String.class, (ctx, t) -> t.toUpperCase(java.util.Locale.ROOT));
        server.router().routeCallFunc("/kv/size", java.util.Map.class, (ctx, m) -> m.size());
        server.router().routePushFunc("/chat/say", Say.class, (PushContext ctx, Say s) -> said.add(s.text()));
        return (InetSocketAddress) server.listen(listen);
    }

    private JsonNode jayson(String mode, InetSocketAddress bound) throws Exception {
        String out = NodeClients.run("JSON-RPC is tested with npm's jayson", "jayson-client.js", Duration.ofSeconds(60),
                mode, "127.0.0.1", Integer.toString(bound.getPort()));
        return JSON.readTree(out);
    }

    private void assertJaysonSees(JsonNode out) {
        assertThat(out.get("add").get("result").asInt()).isEqualTo(3);
        assertThat(out.get("slashName").get("result").asInt()).isEqualTo(42);
        assertThat(out.get("stringId").get("id").asString()).isEqualTo("id-7");
        assertThat(out.get("stringId").get("result").asInt()).isEqualTo(5);
        assertThat(out.get("unknown").get("error").get("code").asInt()).isEqualTo(-32601);
        assertThat(out.get("unknown").get("error").get("data").get("code").asInt()).as("the drpc status in data").isEqualTo(404);
        assertThat(out.get("badParams").get("error").get("code").asInt()).isEqualTo(-32602);
        assertThat(out.get("positional").get("result").asInt()).as("%s", out.get("positional")).isEqualTo(9);
        assertThat(out.get("positionalSingle").get("result").asString()).as("%s", out.get("positionalSingle")).isEqualTo("SHOUT");
        JsonNode tooMany = out.get("positionalTooMany").get("error");
        assertThat(tooMany.get("code").asInt()).isEqualTo(-32602);
        assertThat(tooMany.get("data").get("cause").asString()).contains("takes 2 (a, b), not 3").contains("{\"a\":...,\"b\":...}");
        JsonNode map = out.get("positionalMap").get("error");
        assertThat(map.get("code").asInt()).isEqualTo(-32602);
        assertThat(map.get("data").get("cause").asString()).contains("positional params are not supported for /kv/size").contains("send an object")
                .doesNotContain("Jackson").doesNotContain("`");
        JsonNode batch = out.get("batch");
        assertThat(batch.size()).isEqualTo(3);
        assertThat(batch.findValues("result")).extracting(JsonNode::asInt).containsExactlyInAnyOrder(2, 10);
        assertThat(batch.findValues("error")).singleElement().satisfies(e -> assertThat(e.get("code").asInt()).isEqualTo(-32601));
        Peers.await("jayson's notification", Duration.ofSeconds(10), () -> said.contains("hello from jayson"));
    }

    @Test
    void jaysonsTcpClientOnTheJsonRpcProto() throws Exception {
        assertJaysonSees(jayson("tcp", server("tcp://127.0.0.1:0?proto=jsonrpc")));
    }

    @Test
    void jaysonsTcpClientOnASharedPort() throws Exception {
        assertJaysonSees(jayson("tcp", server("tcp://127.0.0.1:0?protos=raw,jsonrpc,http")));
    }

    @Test
    void jaysonsHttpClientOnJsonRpcOverHttp() throws Exception {
        assertJaysonSees(jayson("http", server("tcp://127.0.0.1:0?proto=http")));
    }
}
