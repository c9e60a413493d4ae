package io.dmicro.drpc.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dmicro.drpc.plugin.Plugin;
import io.dmicro.drpc.plugin.PluginContainer;
import io.dmicro.drpc.router.AfterRegRouter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RouterTest {

    public static class MathServiceImpl {
        public int addOne(int x) {
            return x + 1;
        }

        public int sum(CallContext ctx, int[] xs) {
            int s = 0;
            for (int x : xs) {
                s += x;
            }
            return s;
        }

        public String ping() {
            return "pong";
        }

        public static int helper() {
            return 0;
        }
    }

    public static class Bad {
        public int tooMany(int a, int b) {
            return a + b;
        }
    }

    private final Router router = new Router(new PluginContainer(), ServiceMethodMapper.HTTP);

    @Test
    void objectRoutesUseTheClassNameLessImplAndServiceSuffixes() {
        assertThat(router.routeCall(new MathServiceImpl())).containsExactlyInAnyOrder("/math/add_one", "/math/sum", "/math/ping");
        assertThat(router.lookup("/math/add_one").kind()).isEqualTo(RouteKind.CALL);
        assertThat(router.lookup("/math/add_one").argType()).isEqualTo(int.class);
        assertThat(router.lookup("/math/ping").argType()).isEqualTo(Void.class);
    }

    @Test
    void explicitServiceNameReplacesTheClassName() {
        assertThat(router.routeCall("calc", new MathServiceImpl())).contains("/calc/add_one");
    }

    @Test
    void subRoutesPrefixNamesAndNest() {
        Router v1 = router.subRoute("v1");
        assertThat(v1.routeCall(new MathServiceImpl())).contains("/v1/math/add_one");
        assertThat(v1.subRoute("/admin").routeCallFunc("/stats", String.class, (ctx, s) -> s)).isEqualTo("/v1/admin/stats");
    }

    @Test
    void functionRouteNamesAreTakenAsWritten() {
        assertThat(router.routeCallFunc("/mul_async", String.class, (ctx, s) -> s)).isEqualTo("/mul_async");
        assertThat(router.routePushFunc("news", String.class, (ctx, s) -> { })).isEqualTo("/news");
    }

    @Test
    void duplicateRouteIsAnErrorAtRegistration() {
        router.routeCallFunc("/x", String.class, (ctx, s) -> s);
        assertThatThrownBy(() -> router.routeCallFunc("/x", String.class, (ctx, s) -> s))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("/x");
        assertThatThrownBy(() -> router.routePushFunc("/x", String.class, (ctx, s) -> { }))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void handlerWithAnUnsupportedShapeIsRejected() {
        assertThatThrownBy(() -> router.routeCall(new Bad())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tooMany");
    }

    @Test
    void registrationHookSeesEveryRouteAndItsFailureUndoesTheRegistration() {
        List<String> seen = new ArrayList<>();
        PluginContainer plugins = new PluginContainer();
        plugins.appendRight(new AfterRegRouter() {
            @Override
            public void afterRegRouter(RouteInfo route) {
                if (route.name().equals("/forbidden")) {
                    throw new IllegalStateException("not allowed: " + route.name());
                }
                seen.add(route.name());
            }
        });
        Router r = new Router(plugins, ServiceMethodMapper.HTTP);
        r.routeCallFunc("/ok", String.class, (ctx, s) -> s);
        assertThatThrownBy(() -> r.routeCallFunc("/forbidden", String.class, (ctx, s) -> s)).hasMessageContaining("not allowed");
        assertThat(seen).containsExactly("/ok");
        assertThat(r.lookup("/forbidden")).isNull();
    }

    @Test
    void routePluginsRunAfterTheEndpointsMiddleAndBeforeItsRight() {
        PluginContainer plugins = new PluginContainer();
        Plugin left = named("left");
        Plugin right = named("right");
        plugins.appendLeft(left);
        plugins.appendRight(right);
        Router r = new Router(plugins, ServiceMethodMapper.HTTP);
        r.routeCallFunc("/p", String.class, (ctx, s) -> s, RouteOptions.withPlugins(named("route")));
        assertThat(r.lookup("/p").info().plugins()).containsExactly("left", "route", "right");
        plugins.appendRight(named("later"));
        assertThat(r.lookup("/p").info().plugins()).containsExactly("left", "route", "right", "later");
    }

    private static Plugin named(String name) {
        return new Plugin() {
            @Override
            public String name() {
                return name;
            }
        };
    }
}
