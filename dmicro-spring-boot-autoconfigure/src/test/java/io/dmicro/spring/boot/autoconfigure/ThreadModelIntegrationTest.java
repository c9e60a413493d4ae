package io.dmicro.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmicro.drpc.Endpoint;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Handlers follow spring.threads.virtual.enabled: virtual threads only when it is true and the JVM
 * has them (21+), the bounded platform pool otherwise. Run on Java 17 and on 25 (see the README).
 */
class ThreadModelIntegrationTest {

    private static final boolean JVM_HAS_VIRTUAL = Runtime.version().feature() >= 21;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DmicroAutoConfiguration.class))
            .withPropertyValues("dmicro.endpoint.listen=local://")
            .withBean(WhereService.class);

    @Test
    void handlersRunOnPlatformThreadsUnlessSpringSaysVirtual() {
        runner.run(context -> assertThat(handlerThread(context)).startsWith("platform drpc-handler-"));
        runner.withPropertyValues("spring.threads.virtual.enabled=false").run(context ->
                assertThat(handlerThread(context)).startsWith("platform drpc-handler-"));
    }

    @Test
    void handlersRunOnVirtualThreadsWhenSpringSaysSoAndTheJvmHasThem() {
        runner.withPropertyValues("spring.threads.virtual.enabled=true").run(context ->
                assertThat(handlerThread(context)).startsWith(JVM_HAS_VIRTUAL ? "virtual" : "platform drpc-handler-"));
    }

    private static String handlerThread(org.springframework.context.ApplicationContext context) throws Exception {
        String uri = context.getEnvironment().getProperty("local.dmicro.uris");
        try (Endpoint peer = Endpoint.create()) {
            return peer.dial(uri).<String>call("/where/thread", null, String.class).get(10, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    /** Says which kind of thread runs it. */
    @DrpcService("where")
    public static class WhereService {
        public String thread() throws ReflectiveOperationException {
            Thread t = Thread.currentThread();
            boolean virtual = JVM_HAS_VIRTUAL && (boolean) Thread.class.getMethod("isVirtual").invoke(t);
            return (virtual ? "virtual " : "platform ") + t.getName();
        }
    }
}
