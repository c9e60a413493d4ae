package io.dmicro.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmicro.drpc.Endpoint;
import io.dmicro.drpc.session.Session;
import io.dmicro.spring.boot.autoconfigure.sample.Args;
import io.dmicro.spring.boot.autoconfigure.sample.MathService;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** local.dmicro.port and local.dmicro.uris, as local.server.port, and the in-JVM local transport. */
class LocalAddressesIntegrationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DmicroAutoConfiguration.class)).withBean(MathService.class);

    @Test
    void publishesThePortPickedForPortZeroAndTheBoundUris() {
        runner.withPropertyValues("dmicro.endpoint.listen=tcp://0.0.0.0:0,local://addresses-test").run(context -> {
            int port = ((InetSocketAddress) context.getBean(Endpoint.class).listenAddresses().get(0)).getPort();
            assertThat(port).isPositive();
            assertThat(context.getEnvironment().getProperty("local.dmicro.port", Integer.class)).isEqualTo(port);
            assertThat(context.getEnvironment().getProperty("local.dmicro.uris"))
                    .isEqualTo("tcp://127.0.0.1:" + port + ",local://addresses-test");
            // the published URIs are dialable as they are
            for (String uri : context.getEnvironment().getProperty("local.dmicro.uris", String[].class)) {
                try (Endpoint peer = Endpoint.create()) {
                    Session s = peer.dial(uri);
                    assertThat(s.<Integer>call("/math/add", new Args(1, 2), Integer.class).get(10, TimeUnit.SECONDS)).as(uri).isEqualTo(3);
                }
            }
        });
    }

    @Test
    void aLocalListenerWithNoNameGetsAUniqueOneAndServesEveryProtoOfASharedPort() {
        runner.withPropertyValues("dmicro.endpoint.listen=local://?protos=all").run(context -> {
            String uri = context.getEnvironment().getProperty("local.dmicro.uris");
            assertThat(uri).startsWith("local://drpc-");
            assertThat(context.getEnvironment().getProperty("local.dmicro.port")).isNull();
            try (Endpoint peer = Endpoint.create()) {
                assertThat(peer.dial(uri + "?proto=jsonrpc").<Integer>call("/math/add", new Args(4, 5), Integer.class)
                        .get(10, TimeUnit.SECONDS)).isEqualTo(9);
                assertThat(peer.dial(uri + "?proto=json").<Integer>call("/math/add", new Args(1, 1), Integer.class)
                        .get(10, TimeUnit.SECONDS)).isEqualTo(2);
            }
        });
    }

    @Test
    void theAddressesLeaveTheEnvironmentWhenTheEndpointStops() {
        runner.withPropertyValues("dmicro.endpoint.listen=local://").run(context -> {
            assertThat(context.getEnvironment().getProperty("local.dmicro.uris")).isNotNull();
            context.stop();
            assertThat(context.getEnvironment().getProperty("local.dmicro.uris")).isNull();
        });
    }
}
