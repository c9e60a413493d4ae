package io.dmicro.spring.boot.test.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmicro.spring.boot.test.AutoConfigureDmicro;
import io.dmicro.spring.boot.test.DmicroTestClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;

/** The README's "Testing" example, as written there: no port, the same routes, a test client. */
@SpringBootTest
@AutoConfigureDmicro
class GreetingServiceTests {

    @Autowired
    DmicroTestClient drpc;

    @Value("${local.dmicro.uris}")
    String uris;

    @Test
    void answersThroughTheInJvmTransportInsteadOfTheConfiguredPort() {
        assertThat(uris).startsWith("local://").doesNotContain("9090");
        assertThat(drpc.call("/greeting/hello", "test", String.class)).isEqualTo("hello test");
    }
}
