package io.dmicro.spring.cloud.etcd;

import static org.assertj.core.api.Assertions.assertThat;

import io.etcd.jetcd.Client;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.client.serviceregistry.Registration;

/** The conditions: no etcd is contacted, jetcd connects lazily. */
class EtcdRegistryAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(EtcdRegistryAutoConfiguration.class))
            .withPropertyValues("spring.application.name=math", "dmicro.registry.etcd.endpoints=127.0.0.1:1");

    @Test
    void providesClientRegistryRegistrationAndDiscovery() {
        runner.run(ctx -> {
            assertThat(ctx).hasSingleBean(Client.class).hasSingleBean(EtcdServiceRegistry.class).hasSingleBean(EtcdDiscoveryClient.class);
            assertThat(ctx.getBean(Registration.class).getServiceId()).isEqualTo("math");
        });
    }

    @Test
    void backsOffWhenDisabled() {
        runner.withPropertyValues("dmicro.registry.etcd.enabled=false")
                .run(ctx -> assertThat(ctx).doesNotHaveBean(Client.class).doesNotHaveBean(EtcdDiscoveryClient.class));
    }

    @Test
    void discoversWithoutRegisteringWhenRegisterIsOff() {
        runner.withPropertyValues("dmicro.registry.etcd.register=false")
                .run(ctx -> assertThat(ctx).doesNotHaveBean(Registration.class).hasSingleBean(EtcdDiscoveryClient.class));
    }

    @Test
    void backsOffForTheUsersOwnRegistration() {
        runner.withBean("mine", Registration.class, () -> new EtcdRegistration("mine", "2", "10.0.0.1", "x", null, java.util.Map.of()))
                .run(ctx -> assertThat(ctx.getBean(Registration.class).getServiceId()).isEqualTo("mine"));
    }

    @Test
    void rejectsATtlUnderOneSecond() {
        runner.withPropertyValues("dmicro.registry.etcd.ttl=500ms")
                .run(ctx -> assertThat(ctx).getFailure().rootCause().hasMessageContaining("dmicro.registry.etcd.ttl must be at least 1s"));
    }

    @Test
    void turnsGoStyleAddressesIntoUrls() {
        assertThat(EtcdRegistryAutoConfiguration.url("127.0.0.1:2379")).isEqualTo("http://127.0.0.1:2379");
        assertThat(EtcdRegistryAutoConfiguration.url("etcd")).isEqualTo("http://etcd:2379");
        assertThat(EtcdRegistryAutoConfiguration.url("https://etcd:2379")).isEqualTo("https://etcd:2379");
        assertThat(EtcdRegistryAutoConfiguration.url("[::1]:2379")).isEqualTo("http://[::1]:2379");
    }
}
