package io.dmicro.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dmicro.drpc.Endpoint;
import io.dmicro.drpc.session.Session;
import io.dmicro.drpc.status.DrpcException;
import io.dmicro.drpc.status.Status;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Why {@code jsonrpc-go} exists beside {@code jsonrpc}: a Go DMicro client reading our
 * specification-conforming error sees status -32601 where it expects 404; with {@code jsonrpc-go}
 * it sees 404 (and application codes either way).
 */
class JsonRpcDialectInteropTest {

    static Endpoint javaEp;
    static GoClient go;
    static GoServer goServer;
    static String spec;
    static String goDialect;

    @BeforeAll
    static void start() {
        javaEp = Endpoint.create();
        JavaRoutes.on(javaEp);
        spec = "127.0.0.1:" + ((InetSocketAddress) javaEp.listen("tcp://127.0.0.1:0?proto=jsonrpc")).getPort();
        goDialect = "127.0.0.1:" + ((InetSocketAddress) javaEp.listen("tcp://127.0.0.1:0?proto=jsonrpc-go")).getPort();
        go = GoClient.start();
        goServer = GoServer.start("-protos", "jsonrpc");
    }

    @AfterAll
    static void stop() {
        if (go != null) {
            go.close();
        }
        if (goServer != null) {
            goServer.close();
        }
        if (javaEp != null) {
            javaEp.close();
        }
    }

    @Test
    void aGoClientSeesTheSpecCodeFromJsonrpcAndTheDrpcCodeFromJsonrpcGo() {
        JsonNode viaSpec = go.run(GoClient.to("tcp", spec, "jsonrpc").call("/no/such", "greeting", "j"));
        JsonNode viaGo = go.run(GoClient.to("tcp", goDialect, "jsonrpc").call("/no/such", "greeting", "j"));
        assertThat(viaSpec.get("code").asInt()).isEqualTo(-32601);
        assertThat(viaGo.get("code").asInt()).isEqualTo(Status.NOT_FOUND);
        assertThat(viaGo.get("msg").asString()).isEqualTo("Not Found");
    }

    @Test
    void aJavaClientOnJsonrpcGoReadsTheGoServersCodes() {
        Session s = javaEp.dial("tcp://" + goServer.address("jsonrpc") + "?proto=jsonrpc-go");
        assertThatThrownBy(() -> Session.await(s.call("/no/such", new Greeting("x", 1), Greeting.class)))
                .isInstanceOfSatisfying(DrpcException.class, e -> assertThat(e.code()).isEqualTo(Status.NOT_FOUND));
        assertThatThrownBy(() -> Session.await(s.call("/fail", new Failure(400, "bad", "c"), Greeting.class)))
                .isInstanceOfSatisfying(DrpcException.class,
                        e -> assertThat(e.status()).isEqualTo(Status.of(400, "bad", null)));
    }

    @Test
    void jsonrpcGoRefusesPushesTheOriginalWouldMisread() {
        Session s = javaEp.dial("tcp://" + goServer.address("jsonrpc") + "?proto=jsonrpc-go");
        assertThatThrownBy(() -> Session.await(s.push("/push/in", new Greeting("x", 1))))
                .isInstanceOf(DrpcException.class).hasMessageContaining("carries no pushes");
    }
}
