package io.dmicro.drpc.describe;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmicro.drpc.Endpoint;
import io.dmicro.drpc.router.CallContext;
import io.dmicro.drpc.router.MetaInfo;
import io.dmicro.drpc.router.RouteKind;
import io.dmicro.drpc.router.RouteMeta;
import io.dmicro.drpc.router.RouteOptions;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class RouteDescriptionsTest {

    public record Args(int a, int b) {
    }

    public record Sum(int value, List<String> notes) {
    }

    public static final class MathService {
        @RouteMeta(name = "X-Tenant", description = "who pays", required = true)
        public Sum add(CallContext ctx, Args args) {
            return new Sum(args.a() + args.b(), List.of());
        }

        public CompletionStage<Integer> later(Args args) {
            return CompletableFuture.completedFuture(args.a());
        }

        public void nothing() {
        }
    }

    public static final class Events {
        public void tick(Args args) {
        }
    }

    @Test
    void describesMethodRoutesWithTypesSchemasAndMeta() {
        try (Endpoint e = Endpoint.create()) {
            e.router().routeCall(new MathService());
            e.router().routePush(new Events());
            ServiceDescription d = RouteDescriptions.of(e.router());

            assertThat(d.routes()).extracting(RouteDescription::name)
                    .containsExactly("/events/tick", "/math/add", "/math/later", "/math/nothing");
            RouteDescription add = d.route("/math/add").orElseThrow();
            assertThat(add.kind()).isEqualTo(RouteKind.CALL);
            assertThat(add.argType()).isEqualTo(Args.class);
            assertThat(add.replyType()).isEqualTo(Sum.class);
            JsonNode arg = add.argSchema();
            assertThat(arg.path("type").asString()).isEqualTo("object");
            assertThat(arg.path("properties").path("a").path("type").asString()).isEqualTo("integer");
            assertThat(add.replySchema().path("properties").path("notes").path("type").asString()).isEqualTo("array");
            assertThat(add.meta()).containsExactly(new MetaInfo("X-Tenant", "who pays", true));

            RouteDescription later = d.route("/math/later").orElseThrow();
            assertThat(later.replyType()).isEqualTo(Integer.class);
            assertThat(later.replySchema().path("type").asString()).isEqualTo("integer");

            RouteDescription nothing = d.route("/math/nothing").orElseThrow();
            assertThat(nothing.argSchema()).isNull();
            assertThat(nothing.replySchema()).isNull();

            RouteDescription tick = d.route("/events/tick").orElseThrow();
            assertThat(tick.kind()).isEqualTo(RouteKind.PUSH);
            assertThat(tick.replySchema()).isNull();
        }
    }

    @Test
    void functionRoutesTellTheirReplyTypeWhenGivenAndAnythingOtherwise() {
        try (Endpoint e = Endpoint.create()) {
            e.router().routeCallFunc("/typed", Args.class, Sum.class, (ctx, a) -> new Sum(a.a(), List.of()), RouteOptions.DEFAULT);
            e.router().routeCallFunc("/untyped", Args.class, (ctx, a) -> a.a());
            ServiceDescription d = RouteDescriptions.of(e.router());

            assertThat(d.route("/typed").orElseThrow().replySchema().path("properties").has("value")).isTrue();
            assertThat(d.route("/untyped").orElseThrow().replySchema().isEmpty()).isTrue(); // {}: any value
        }
    }

    @Test
    void jsonFormNamesTypesAndKinds() {
        try (Endpoint e = Endpoint.create()) {
            e.router().routeCall(new MathService());
            JsonNode json = RouteDescriptions.of(e.router()).toJson();
            JsonNode add = json.path("routes").get(0);
            assertThat(add.path("name").asString()).isEqualTo("/math/add");
            assertThat(add.path("kind").asString()).isEqualTo("call");
            assertThat(add.path("argType").asString()).isEqualTo(Args.class.getTypeName());
            assertThat(add.path("meta").get(0).path("name").asString()).isEqualTo("X-Tenant");
            assertThat(add.path("argSchema").path("properties").has("b")).isTrue();
        }
    }
}
