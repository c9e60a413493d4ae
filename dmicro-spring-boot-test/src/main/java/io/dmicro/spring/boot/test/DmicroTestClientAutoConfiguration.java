package io.dmicro.spring.boot.test;

import io.dmicro.drpc.Endpoint;
import io.dmicro.spring.boot.autoconfigure.DmicroAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/** The {@link DmicroTestClient} of {@link AutoConfigureDmicro}. */
@AutoConfiguration(after = DmicroAutoConfiguration.class)
@ConditionalOnBean(Endpoint.class)
public final class DmicroTestClientAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public DmicroTestClient dmicroTestClient(Environment environment) {
        return new DmicroTestClient(environment);
    }
}
