package io.dmicro.spring.cloud.etcd.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class RegistryLayoutTest {

    private final RegistryLayout layout = new RegistryLayout(RegistryLayout.DEFAULT_PREFIX);

    @Test
    void nodeKeysFollowGoDmicrosPathWithSlashesReplaced() {
        assertThat(layout.nodeKey("go-echo", "go-echo-127.0.0.1:41651")).isEqualTo("/dmicro/registry/go-echo/go-echo-127.0.0.1:41651");
        assertThat(layout.nodeKey("a/b", "n/1")).isEqualTo("/dmicro/registry/a-b/n-1");
        assertThat(layout.servicePrefix("a/b")).isEqualTo("/dmicro/registry/a-b/");
    }

    @Test
    void findsTheServiceSegmentOfNodeKeysOnly() {
        assertThat(layout.serviceSegment("/dmicro/registry/math/node")).contains("math");
        assertThat(layout.serviceSegment("/dmicro/registry/math/")).isEmpty();
        assertThat(layout.serviceSegment("/dmicro/registry/math")).isEmpty();
        assertThat(layout.serviceSegment("/other/math/node")).isEmpty();
    }

    @Test
    void addsTheTrailingSlashAndRejectsABlankPrefix() {
        assertThat(new RegistryLayout("/custom").nodeKey("s", "n")).isEqualTo("/custom/s/n");
        assertThatIllegalArgumentException().isThrownBy(() -> new RegistryLayout(" ")).withMessageContaining("dmicro.registry.etcd.prefix");
    }
}
