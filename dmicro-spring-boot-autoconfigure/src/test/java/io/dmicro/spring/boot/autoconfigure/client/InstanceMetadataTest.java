package io.dmicro.spring.boot.autoconfigure.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmicro.selector.Instance;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;

/** How a discovered instance becomes the selector's {@link Instance}. */
class InstanceMetadataTest {

    private static ServiceInstance instance(int port, Map<String, String> metadata) {
        return new DefaultServiceInstance("i" + port, "svc", "127.0.0.1", port, false, metadata);
    }

    @Test
    void weightComesFromTheMetadataAndDefaultsToOne() {
        assertThat(InstanceMetadata.instance(instance(1, Map.of("dmicro.weight", "7")), "x").weight()).isEqualTo(7);
        assertThat(InstanceMetadata.instance(instance(1, Map.of()), "x").weight()).isEqualTo(1);
        assertThat(InstanceMetadata.instance(instance(1, Map.of("dmicro.weight", "-3")), "x").weight()).isEqualTo(1);
        assertThat(InstanceMetadata.instance(instance(1, Map.of("dmicro.weight", "0")), "x").weight()).isZero();
    }

    @Test
    void theInstanceIsKnownByItsDrpcAddressAndDialedAtTheGivenUri() {
        Instance i = InstanceMetadata.instance(instance(8080, Map.of("dmicro.port", "9090")), "tls://127.0.0.1:9090?ca=x");
        assertThat(i.address()).isEqualTo("127.0.0.1:9090");
        assertThat(i.dialUri()).isEqualTo("tls://127.0.0.1:9090?ca=x");
        assertThat(i.metadata()).containsEntry("dmicro.port", "9090");
    }

    @Test
    void instanceAddressPrefersTheDrpcPortMetadata() {
        assertThat(InstanceMetadata.address(instance(8080, Map.of("dmicro.port", "9090")))).isEqualTo("127.0.0.1:9090");
        assertThat(InstanceMetadata.address(instance(8080, Map.of("dmicro.port", "x")))).isEqualTo("127.0.0.1:8080");
        assertThat(InstanceMetadata.address(new DefaultServiceInstance("i", "s", "::1", 9, false))).isEqualTo("[::1]:9");
    }
}
