package io.dmicro.spring.boot.autoconfigure.aot;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmicro.spring.boot.autoconfigure.DmicroAutoConfiguration;
import io.dmicro.spring.boot.autoconfigure.DmicroClientAutoConfiguration;
import io.dmicro.spring.boot.autoconfigure.EnableDrpcClients;
import io.dmicro.spring.boot.autoconfigure.declaration.Calc;
import io.dmicro.spring.boot.autoconfigure.declaration.CalcClient;
import io.dmicro.spring.boot.autoconfigure.sample.Args;
import io.dmicro.spring.boot.autoconfigure.sample.MathClient;
import io.dmicro.spring.boot.autoconfigure.sample.MathService;
import org.junit.jupiter.api.Test;
import org.springframework.aot.generate.DefaultGenerationContext;
import org.springframework.aot.generate.InMemoryGeneratedFiles;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.aot.ApplicationContextAotGenerator;
import org.springframework.javapoet.ClassName;

/**
 * Processes an application with a @DrpcService and @DrpcClient interfaces ahead of time, as
 * spring-boot:process-aot does, and checks the hints a native image would be built with.
 */
class DrpcAotHintsTest {

    private static RuntimeHints processAheadOfTime() {
        AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
        context.register(App.class);
        context.getEnvironment().getSystemProperties().put("calc.url", "local://aot");
        DefaultGenerationContext generation = new DefaultGenerationContext(new org.springframework.aot.generate.ClassNameGenerator(ClassName.get(App.class.getPackageName(), "AotTest")),
                new InMemoryGeneratedFiles());
        new ApplicationContextAotGenerator().processAheadOfTime(context, generation);
        generation.writeGeneratedContent();
        return generation.getRuntimeHints();
    }

    @Test
    void registersAJdkProxyForEveryDrpcClientInterface() {
        RuntimeHints hints = processAheadOfTime();
        assertThat(RuntimeHintsPredicates.proxies().forInterfaces(CalcClient.class)).accepts(hints);
        assertThat(RuntimeHintsPredicates.proxies().forInterfaces(MathClient.class)).accepts(hints);
        assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(MathClient.class, "twice")).accepts(hints);
    }

    @Test
    void registersInvocationOfServiceMethodsAndBindingOfTheirTypes() {
        RuntimeHints hints = processAheadOfTime();
        assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(MathService.class, "add")).accepts(hints);
        assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Calc.class, "twice")).accepts(hints);
        // the record body of /math/add binds through its accessors and canonical constructor
        assertThat(RuntimeHintsPredicates.reflection().onType(Args.class)).accepts(hints);
        assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Args.class, "a")).accepts(hints);
        assertThat(RuntimeHintsPredicates.reflection().onType(Reply.class)).accepts(hints);
    }

    @Test
    void aMonoOrFutureStandsForTheTypeItCarries() {
        RuntimeHints hints = processAheadOfTime();
        assertThat(RuntimeHintsPredicates.reflection().onType(Reply.class)).accepts(hints);
        assertThat(RuntimeHintsPredicates.reflection().onType(reactor.core.publisher.Mono.class)).rejects(hints);
    }

    @Test
    void registersTheAnnotationsReadWhenAProxyIsBuilt() {
        RuntimeHints hints = new RuntimeHints();
        new DmicroRuntimeHints().registerHints(hints, getClass().getClassLoader());
        assertThat(RuntimeHintsPredicates.reflection().onType(io.dmicro.spring.boot.autoconfigure.DrpcCallSettings.class)).accepts(hints);
    }

    /** A reply type reached only through a Mono. */
    public record Reply(String text, int count) {
    }

    /** A service whose reply type is only reachable inside a Mono. */
    @io.dmicro.spring.boot.autoconfigure.DrpcService("replies")
    public static class Replies {
        public reactor.core.publisher.Mono<Reply> reply(String text) {
            return reactor.core.publisher.Mono.just(new Reply(text, text.length()));
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({DmicroAutoConfiguration.class, DmicroClientAutoConfiguration.class})
    @EnableDrpcClients(clients = {MathClient.class, CalcClient.class})
    static class App {
        @Bean
        MathService mathService() {
            return new MathService();
        }

        @Bean
        Calc calc() {
            return new Calc();
        }

        @Bean
        Replies replies() {
            return new Replies();
        }
    }
}
