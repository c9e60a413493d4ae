package io.dmicro.spring.boot.autoconfigure.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmicro.drpc.Endpoint;
import io.dmicro.drpc.router.BindableService;
import io.dmicro.drpc.router.RouteInfo;
import io.dmicro.drpc.router.Router;
import io.dmicro.spring.boot.autoconfigure.DmicroAutoConfiguration;
import io.dmicro.spring.boot.autoconfigure.DrpcService;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** A {@code @DrpcService} bean that is a {@link BindableService} (generated code) names its own routes. */
class DrpcServiceRegistrarTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DmicroAutoConfiguration.class))
            .withPropertyValues("dmicro.endpoint.listen=", "dmicro.endpoint.describe.enabled=false");

    @Test
    void aBindableServiceBeanIsRoutedByItsOwnBindToNotByItsMethods() {
        runner.withUserConfiguration(Bound.class).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(Endpoint.class).router().routes()).extracting(RouteInfo::name)
                    .containsExactly("/calc/sum", "/calc/total");
        });
    }

    @Test
    void aValueOnTheAnnotationOfABindableServiceFailsStartUpNamingTheBean() {
        runner.withUserConfiguration(Prefixed.class).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).hasMessageContaining("@DrpcService(\"calc\") on bean prefixedCalc")
                    .hasMessageContaining("names its own routes");
        });
    }

    @DrpcService
    public static class SelfRoutedCalc implements BindableService {

        @Override
        public List<String> bindTo(Router router) {
            return List.of(router.routeCallFunc("/calc/sum", String.class, (ctx, arg) -> arg),
                    router.routeCallFunc("/calc/total", String.class, (ctx, arg) -> arg));
        }

        public String notARoute(String text) {
            return text;
        }
    }

    @DrpcService("calc")
    public static class PrefixedCalc extends SelfRoutedCalc {
    }

    @Configuration(proxyBeanMethods = false)
    static class Bound {
        @Bean
        SelfRoutedCalc selfRoutedCalc() {
            return new SelfRoutedCalc();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Prefixed {
        @Bean
        PrefixedCalc prefixedCalc() {
            return new PrefixedCalc();
        }
    }
}
