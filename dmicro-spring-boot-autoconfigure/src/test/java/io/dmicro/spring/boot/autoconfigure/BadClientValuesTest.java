package io.dmicro.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmicro.spring.boot.autoconfigure.internal.DmicroConfigurationFailureAnalyzer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Client settings that once slipped through or failed with a bare stack trace now fail naming key and value. */
class BadClientValuesTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DmicroAutoConfiguration.class, DmicroClientAutoConfiguration.class))
            .withPropertyValues("dmicro.endpoint.listen=");

    @Test
    void zeroMaxAttemptsFailsNamingTheKey() {
        assertFailure(runner.withPropertyValues("dmicro.client.max-attempts=0"), "dmicro.client.max-attempts", "0");
        assertFailure(runner.withPropertyValues("dmicro.client.services.math.max-attempts=-2"), "dmicro.client.services.math.max-attempts", "-2");
    }

    @Test
    void negativeCallTimeoutsFailNamingTheKey() {
        assertFailure(runner.withPropertyValues("dmicro.client.call-timeout=-1s"), "dmicro.client.call-timeout", "PT-1S");
        assertFailure(runner.withPropertyValues("dmicro.client.services.math.call-timeout=-5ms"), "dmicro.client.services.math.call-timeout",
                "PT-0.005S");
    }

    @Test
    void goodValuesStart() {
        runner.withPropertyValues("dmicro.client.max-attempts=1", "dmicro.client.call-timeout=0s",
                "dmicro.client.services.math.call-timeout=2s").run(context -> assertThat(context).hasNotFailed());
    }

    private static void assertFailure(ApplicationContextRunner runner, String key, String value) {
        runner.run(context -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = new DmicroConfigurationFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis).as("failure analysis of %s", context.getStartupFailure()).isNotNull();
            assertThat(analysis.getDescription()).contains("Property: " + key).contains("Value: " + value);
            assertThat(analysis.getAction()).contains(key);
        });
    }
}
