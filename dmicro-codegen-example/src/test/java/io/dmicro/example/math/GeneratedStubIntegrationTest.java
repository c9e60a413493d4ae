package io.dmicro.example.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dmicro.drpc.Endpoint;
import io.dmicro.drpc.EndpointConfig;
import io.dmicro.drpc.codec.ProtobufCodec;
import io.dmicro.drpc.router.CallContext;
import io.dmicro.drpc.router.ServiceMethodMapper;
import io.dmicro.drpc.session.CallOptions;
import io.dmicro.drpc.session.Session;
import io.dmicro.drpc.status.DrpcException;
import io.dmicro.drpc.status.Status;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The generated binding and stub of math.proto, plain core on both ends, over loopback TCP. */
class GeneratedStubIntegrationTest {

    private Endpoint server;
    private Endpoint client;

    @AfterEach
    void close() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private Session connect(ServiceMethodMapper mapper, MathDrpc.Service service) {
        server = Endpoint.create(EndpointConfig.builder().mapper(mapper).build());
        MathDrpc.bind(server.router(), service);
        server.listen("tcp://127.0.0.1:0");
        client = Endpoint.create();
        return client.dial("127.0.0.1:" + ((InetSocketAddress) server.listenAddresses().get(0)).getPort());
    }

    @Test
    void bindsTheRoutesAGoPeerCallsWithTheHttpMapper() {
        server = Endpoint.create();
        List<String> routes = MathDrpc.bind(server.router(), new MathImpl());
        assertThat(routes).containsExactly("/math/add", "/math/add_one", "/calc/sum", "/math/divide");
        assertThat(MathDrpc.routes(ServiceMethodMapper.HTTP)).isEqualTo(routes);
    }

    @Test
    void bindsTheRoutesAGoPeerCallsWithTheRpcMapperAndKeepsTheOptionRoute() {
        server = Endpoint.create(EndpointConfig.builder().mapper(ServiceMethodMapper.RPC).build());
        assertThat(new MathImpl().bindTo(server.router())).containsExactly("Math.Add", "Math.AddOne", "/calc/sum", "Math.Divide");
    }

    @Test
    void bindsUnderASubRoutersPrefix() {
        server = Endpoint.create();
        assertThat(MathDrpc.bind(server.router().subRoute("/v1"), new MathImpl()))
                .containsExactly("/v1/math/add", "/v1/math/add_one", "/v1/calc/sum", "/v1/math/divide");
    }

    @Test
    void callsEveryRpcBlockingAndAsync() throws Exception {
        MathDrpc.Stub math = MathDrpc.newStub(connect(ServiceMethodMapper.HTTP, new MathImpl()));
        assertThat(math.add(AddRequest.newBuilder().setA(40).setB(2).build()).getSum()).isEqualTo(42);
        assertThat(math.addOneAsync(Number.newBuilder().setValue(41).build()).get(10, TimeUnit.SECONDS).getValue()).isEqualTo(42);
        assertThat(math.sum(Numbers.newBuilder().addValues(1).addValues(2).addValues(39).build()).getValue()).isEqualTo(42);
        assertThat(math.divideAsync(AddRequest.newBuilder().setA(84).setB(2).build()).get(10, TimeUnit.SECONDS).getValue())
                .isEqualTo(42);
    }

    @Test
    void emptyMessagesTravelAsEmptyBodiesAndArriveAsDefaultInstances() {
        AtomicReference<AddRequest> seen = new AtomicReference<>();
        MathDrpc.Stub math = MathDrpc.newStub(connect(ServiceMethodMapper.HTTP, new MathImpl() {
            @Override
            public AddReply add(CallContext context, AddRequest request) {
                seen.set(request);
                assertThat(context.bodyBytes()).isEmpty();
                return super.add(context, request);
            }
        }));
        AddReply reply = math.add(AddRequest.getDefaultInstance());
        assertThat(reply).isEqualTo(AddReply.getDefaultInstance());
        assertThat(seen.get()).isEqualTo(AddRequest.getDefaultInstance());
    }

    @Test
    void bodiesUseTheProtobufCodec() {
        AtomicReference<Byte> codec = new AtomicReference<>();
        MathDrpc.Stub math = MathDrpc.newStub(connect(ServiceMethodMapper.HTTP, new MathImpl() {
            @Override
            public Number addOne(CallContext context, Number request) {
                codec.set(context.bodyCodec());
                return super.addOne(context, request);
            }
        }));
        math.addOne(Number.newBuilder().setValue(1).build());
        assertThat(codec.get()).isEqualTo(ProtobufCodec.ID);
    }

    @Test
    void aHandlersStatusReachesTheCaller() {
        MathDrpc.Stub math = MathDrpc.newStub(connect(ServiceMethodMapper.HTTP, new MathImpl()));
        assertThatThrownBy(() -> math.divide(AddRequest.newBuilder().setA(1).setB(0).build()))
                .isInstanceOfSatisfying(DrpcException.class, e -> {
                    assertThat(e.status().code()).isEqualTo(MathImpl.DIVISION_BY_ZERO);
                    assertThat(e.status().msg()).isEqualTo("division by zero");
                });
    }

    @Test
    void aBodyThatIsNotTheRequestMessageIsAnsweredBadMessageAndTheSessionGoesOn() {
        Session session = connect(ServiceMethodMapper.HTTP, new MathImpl());
        CallOptions protobuf = CallOptions.DEFAULT.withBodyCodec("protobuf");
        byte[] garbage = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF};
        assertThatThrownBy(() -> Session.await(session.call("/math/add", garbage, byte[].class, protobuf)))
                .isInstanceOfSatisfying(DrpcException.class, e -> {
                    assertThat(e.status().code()).isEqualTo(Status.BAD_MESSAGE);
                    assertThat(e.getMessage()).contains("AddRequest");
                });
        // a body in another codec cannot become the protobuf message either: refused before the service sees it
        assertThatThrownBy(() -> Session.await(session.call("/math/add", "{\"a\":1}".getBytes(StandardCharsets.UTF_8),
                byte[].class, CallOptions.DEFAULT.withBodyCodec("json"))))
                .isInstanceOfSatisfying(DrpcException.class, e -> {
                    assertThat(e.status().code()).isEqualTo(Status.BAD_MESSAGE);
                    assertThat(e.getMessage()).contains("/math/add takes a protobuf body, not body codec j");
                });
        assertThat(MathDrpc.newStub(session).add(AddRequest.newBuilder().setA(1).setB(1).build()).getSum()).isEqualTo(2);
    }

    @Test
    void aStubMustUseThePeersMapper() {
        Session session = connect(ServiceMethodMapper.RPC, new MathImpl());
        AddRequest request = AddRequest.newBuilder().setA(1).setB(2).build();
        assertThat(MathDrpc.newStub(session, ServiceMethodMapper.RPC).add(request).getSum()).isEqualTo(3);
        assertThatThrownBy(() -> MathDrpc.newStub(session).add(request))
                .isInstanceOfSatisfying(DrpcException.class, e -> assertThat(e.status().code()).isEqualTo(Status.NOT_FOUND));
    }

    @Test
    void anAsyncServiceRepliesWhenItsFutureCompletes() throws Exception {
        CompletableFuture<AddReply> later = new CompletableFuture<>();
        MathDrpc.Stub math = MathDrpc.newStub(connect(ServiceMethodMapper.HTTP, new MathImpl() {
            @Override
            public CompletionStage<AddReply> addAsync(CallContext context, AddRequest request) {
                return later;
            }
        }));
        CompletableFuture<AddReply> reply = math.addAsync(AddRequest.newBuilder().setA(1).setB(1).build());
        assertThat(reply).isNotDone();
        later.complete(AddReply.newBuilder().setSum(7).build());
        assertThat(reply.get(10, TimeUnit.SECONDS).getSum()).isEqualTo(7);
    }

    @Test
    void aStubsOptionsApplyToItsCalls() {
        CompletableFuture<AddReply> never = new CompletableFuture<>();
        MathDrpc.Stub math = MathDrpc.newStub(connect(ServiceMethodMapper.HTTP, new MathImpl() {
            @Override
            public CompletionStage<AddReply> addAsync(CallContext context, AddRequest request) {
                return context.meta().containsKey("X-Slow") ? never : super.addAsync(context, request);
            }
        }));
        MathDrpc.Stub slow = math.withOptions(CallOptions.timeout(Duration.ofMillis(200)).withMeta("X-Slow", "1"));
        assertThatThrownBy(() -> slow.add(AddRequest.getDefaultInstance()))
                .isInstanceOfSatisfying(DrpcException.class, e -> assertThat(e.status().code()).isEqualTo(Status.HANDLE_TIMEOUT));
        assertThat(math.add(AddRequest.newBuilder().setA(2).setB(3).build()).getSum()).isEqualTo(5);
        never.complete(AddReply.getDefaultInstance());
    }
}
