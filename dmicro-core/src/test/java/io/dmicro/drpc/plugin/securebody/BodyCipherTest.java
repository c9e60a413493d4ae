package io.dmicro.drpc.plugin.securebody;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import org.junit.jupiter.api.Test;

class BodyCipherTest {

    private static final byte[] PLAIN = "{\"a\":1,\"b\":2}".getBytes(StandardCharsets.UTF_8);

    @Test
    void drpcVariantMatchesGoFramesAesCbcWithTheFixedIv() throws Exception {
        // vector from: openssl enc -aes-128-cbc -K hex("cipherkey1234567") -iv hex("I Love Go Frame!") | base64
        DrpcAesCbcCipher cipher = new DrpcAesCbcCipher("cipherkey1234567");
        assertThat(cipher.encrypt(PLAIN)).isEqualTo("eMI2tISBojOGUbc6Lac5+g==");
        assertThat(cipher.version()).isEqualTo("1ba49884c59b16619f411c7c80343c9c"); // md5sum of the key
        assertThat(cipher.decrypt("eMI2tISBojOGUbc6Lac5+g==")).isEqualTo(PLAIN);
    }

    @Test
    void gcmUsesAFreshNonceAndRefusesTamperedText() throws Exception {
        AesGcmCipher cipher = new AesGcmCipher("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
        String one = cipher.encrypt(PLAIN);
        String two = cipher.encrypt(PLAIN);
        assertThat(one).isNotEqualTo(two);
        assertThat(cipher.decrypt(one)).isEqualTo(PLAIN);

        byte[] raw = java.util.Base64.getDecoder().decode(one);
        raw[raw.length - 1] ^= 1;
        assertThatThrownBy(() -> cipher.decrypt(java.util.Base64.getEncoder().encodeToString(raw)))
                .isInstanceOf(GeneralSecurityException.class);
    }

    @Test
    void keysOfTheWrongLengthAreRejectedNamingTheLength() {
        assertThatThrownBy(() -> new DrpcAesCbcCipher("short")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(": 5");
        assertThatThrownBy(() -> new AesGcmCipher(new byte[20])).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(": 20");
    }

    @Test
    void envelopeRoundTripsInJsonAndProtobuf() {
        Envelope e = new Envelope("v1", "c2VjcmV0");
        assertThat(new String(e.encode((byte) 'j'), StandardCharsets.UTF_8)).isEqualTo("{\"cipherVersion\":\"v1\",\"ciphertext\":\"c2VjcmV0\"}");
        assertThat(Envelope.decode(e.encode((byte) 'j'), (byte) 'j')).isEqualTo(e);
        byte[] pb = e.encode((byte) 'p');
        assertThat(pb).startsWith(0x0a, 2, 'v', '1', 0x12, 8);
        assertThat(Envelope.decode(pb, (byte) 'p')).isEqualTo(e);
    }
}
