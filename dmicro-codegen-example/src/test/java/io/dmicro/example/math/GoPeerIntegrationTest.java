package io.dmicro.example.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dmicro.drpc.Endpoint;
import io.dmicro.drpc.EndpointConfig;
import io.dmicro.drpc.router.ServiceMethodMapper;
import io.dmicro.drpc.status.DrpcException;
import io.dmicro.drpc.testing.GoPrograms;
import io.dmicro.drpc.testing.PeerProcess;
import io.dmicro.spring.boot.autoconfigure.DmicroAutoConfiguration;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * A Go DMicro peer (v1.3.1, its own API, Go types from protoc-gen-go for the same math.proto) against
 * the generated Java code, both ways: the Go peer computes its routes with Go's own mappers from the
 * Go names (struct Math, method AddOne), so agreeing with it proves the generated naming.
 */
class GoPeerIntegrationTest {

    private static final Path MODULE = Path.of("src/test/go");
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final List<String> HTTP_LINES = List.of("add 42", "add-zero 0", "add_one 42", "sum 10",
            "divide-by-zero code=1001 msg=division by zero", "done");

    private static Path peer;

    @BeforeAll
    static void build() {
        peer = GoPrograms.build(MODULE, "./cmd/mathpeer", Path.of("target/go/mathpeer").toAbsolutePath());
    }

    @Test
    void aGoPeerCallsTheGeneratedServiceWithTheHttpMapper() {
        try (Endpoint server = javaServer(ServiceMethodMapper.HTTP)) {
            assertThat(goCall(server, "http")).containsSubsequence(HTTP_LINES);
        }
    }

    @Test
    void aGoPeerCallsTheGeneratedServiceWithTheRpcMapper() {
        try (Endpoint server = javaServer(ServiceMethodMapper.RPC)) {
            assertThat(goCall(server, "rpc")).containsSubsequence("add 42", "add-zero 0", "add_one 42",
                    "divide-by-zero code=1001 msg=division by zero", "done");
        }
    }

    @Test
    void aGoPeerCallsTheDrpcServiceBeanOfASpringApplication() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(DmicroAutoConfiguration.class))
                .withUserConfiguration(Server.class).withPropertyValues("dmicro.endpoint.listen=tcp://127.0.0.1:0")
                .run(context -> assertThat(goCall(context.getBean(Endpoint.class), "http")).containsSubsequence(HTTP_LINES));
    }

    @Test
    void theGeneratedStubCallsAGoHandlerStructWithTheHttpMapper() {
        try (PeerProcess go = PeerProcess.start("mathpeer-serve", List.of(peer.toString(), "serve", "http"), MODULE);
             Endpoint client = Endpoint.create()) {
            MathDrpc.Stub math = MathDrpc.newStub(client.dial(go.awaitLine("listening (\\S+)", WAIT)));
            assertThat(math.add(AddRequest.newBuilder().setA(40).setB(2).build()).getSum()).isEqualTo(42);
            assertThat(math.addOne(Number.newBuilder().setValue(41).build()).getValue()).isEqualTo(42);
            assertThat(math.sum(Numbers.newBuilder().addValues(1).addValues(2).build()).getValue()).isEqualTo(3);
            assertThat(math.add(AddRequest.getDefaultInstance())).isEqualTo(AddReply.getDefaultInstance());
            assertThatThrownBy(() -> math.divide(AddRequest.newBuilder().setA(1).build()))
                    .isInstanceOfSatisfying(DrpcException.class, e -> {
                        assertThat(e.status().code()).isEqualTo(1001);
                        assertThat(e.status().msg()).isEqualTo("division by zero");
                    });
        }
    }

    @Test
    void theGeneratedStubCallsAGoHandlerStructWithTheRpcMapper() {
        try (PeerProcess go = PeerProcess.start("mathpeer-serve-rpc", List.of(peer.toString(), "serve", "rpc"), MODULE);
             Endpoint client = Endpoint.create()) {
            MathDrpc.Stub math = MathDrpc.newStub(client.dial(go.awaitLine("listening (\\S+)", WAIT)), ServiceMethodMapper.RPC);
            assertThat(math.addOne(Number.newBuilder().setValue(1).build()).getValue()).isEqualTo(2);
            assertThat(math.divide(AddRequest.newBuilder().setA(9).setB(3).build()).getValue()).isEqualTo(3);
        }
    }

    private static Endpoint javaServer(ServiceMethodMapper mapper) {
        Endpoint server = Endpoint.create(EndpointConfig.builder().mapper(mapper).build());
        MathDrpc.bind(server.router(), new MathImpl());
        server.listen("tcp://127.0.0.1:0");
        return server;
    }

    /** Runs the Go caller against {@code server} until it exits, and returns what it printed. */
    private static List<String> goCall(Endpoint server, String mapper) {
        String address = "127.0.0.1:" + ((InetSocketAddress) server.listenAddresses().get(0)).getPort();
        try (PeerProcess go = PeerProcess.start("mathpeer-call", List.of(peer.toString(), "call", address, mapper), MODULE)) {
            int exit = go.awaitExit(WAIT);
            assertThat(exit).as("exit code; output:%n%s", go.output()).isZero();
            return go.output().lines().toList();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @Import(MathImpl.class)
    static class Server {
    }
}
