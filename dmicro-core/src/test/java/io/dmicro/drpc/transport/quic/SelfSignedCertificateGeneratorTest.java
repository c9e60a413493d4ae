package io.dmicro.drpc.transport.quic;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SelfSignedCertificateGeneratorTest {

    @Test
    void makesAValidSelfSignedCertificateForLocalhostWithJdkApisOnly() throws Exception {
        SelfSignedCertificateGenerator.Generated g = SelfSignedCertificateGenerator.generate("localhost", Duration.ofDays(1));
        X509Certificate cert = g.certificate();

        cert.verify(cert.getPublicKey()); // signed by its own key
        cert.checkValidity();
        assertThat(cert.getVersion()).isEqualTo(3);
        assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=localhost");
        assertThat(cert.getIssuerX500Principal()).isEqualTo(cert.getSubjectX500Principal());
        assertThat(cert.getSubjectAlternativeNames()).containsExactlyInAnyOrder(List.of(2, "localhost"), List.of(7, "127.0.0.1"));
        assertThat(g.privateKey().getAlgorithm()).isEqualTo("EC");
    }
}
