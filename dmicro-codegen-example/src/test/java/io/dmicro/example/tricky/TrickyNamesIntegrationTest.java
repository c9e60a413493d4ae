package io.dmicro.example.tricky;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmicro.drpc.Endpoint;
import io.dmicro.drpc.router.CallContext;
import io.dmicro.drpc.router.ServiceMethodMapper;
import io.dmicro.example.tricky.Tricky.CallOptions;
import io.dmicro.example.tricky.Tricky.List;
import io.dmicro.example.tricky.Tricky.Router;
import io.dmicro.example.tricky.Tricky.Session;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/** tricky.proto's generated code compiled (with -Werror) and called: framework-named messages, keywords, snake-case rpcs. */
class TrickyNamesIntegrationTest {

    static class Hub implements HubDrpc.Service {

        @Override
        public Session new_(CallContext context, CallOptions request) {
            return Session.newBuilder().setId("s-1").build();
        }

        @Override
        public List getList(CallContext context, Router request) {
            return List.newBuilder().addItems(Session.newBuilder().setId("a")).addItems(Session.newBuilder().setId("b")).build();
        }

        @Override
        @Deprecated
        public List.Entry lookup(CallContext context, List.Entry request) {
            return List.Entry.newBuilder().setKey(request.getKey() + "!").build();
        }
    }

    @Test
    void routesComeFromTheServiceNameOptionAndTheGoNamesOfTheRpcs() {
        assertThat(HubDrpc.routes(ServiceMethodMapper.HTTP)).containsExactly("/session_hub/new", "/session_hub/get_list",
                "/session_hub/lookup");
        assertThat(HubDrpc.routes(ServiceMethodMapper.RPC)).containsExactly("SessionHub.New", "SessionHub.GetList", "SessionHub.Lookup");
        assertThat(EmptyDrpc.routes(ServiceMethodMapper.HTTP)).isEmpty();
    }

    @Test
    @SuppressWarnings("deprecation")
    void callsRpcsWhoseNamesCollideWithJava() {
        try (Endpoint server = Endpoint.create(); Endpoint client = Endpoint.create()) {
            new Hub().bindTo(server.router());
            server.listen("tcp://127.0.0.1:0");
            HubDrpc.Stub hub = HubDrpc.newStub(client.dial("127.0.0.1:" + ((InetSocketAddress) server.listenAddresses().get(0)).getPort()));
            assertThat(hub.new_(CallOptions.getDefaultInstance()).getId()).isEqualTo("s-1");
            assertThat(hub.getList(Router.getDefaultInstance()).getItemsList()).extracting(Session::getId).containsExactly("a", "b");
            assertThat(hub.lookup(List.Entry.newBuilder().setKey("k").build()).getKey()).isEqualTo("k!");
        }
    }
}
