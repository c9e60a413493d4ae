package io.dmicro.drpc.plugin.securebody;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The recommended cipher: AES-GCM with a fresh random 96-bit nonce per message and a 128-bit
 * tag, so a changed or forged body is refused instead of decrypted. The text is
 * base64(nonce ‖ ciphertext ‖ tag); the version is a key id derived with HMAC-SHA256, which
 * unlike an md5 of the key gives nothing away about it.
 */
public final class AesGcmCipher implements BodyCipher {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;
    private final String version;

    public AesGcmCipher(byte[] rawKey) {
        checkKeyLength(rawKey);
        this.key = new SecretKeySpec(rawKey.clone(), "AES");
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(rawKey, "HmacSHA256"));
            byte[] id = mac.doFinal("dmicro secure body key id".getBytes(StandardCharsets.US_ASCII));
            this.version = "aes-gcm:" + HexFormat.of().formatHex(id, 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public String encrypt(byte[] plain) throws GeneralSecurityException {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
        byte[] sealed = c.doFinal(plain);
        byte[] out = Arrays.copyOf(nonce, NONCE_BYTES + sealed.length);
        System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
        return Base64.getEncoder().encodeToString(out);
    }

    @Override
    public byte[] decrypt(String ciphertext) throws GeneralSecurityException {
        byte[] data;
        try {
            data = Base64.getDecoder().decode(ciphertext);
        } catch (IllegalArgumentException e) {
            throw new GeneralSecurityException("ciphertext is not base64: " + e.getMessage());
        }
        if (data.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new GeneralSecurityException("ciphertext too short: " + data.length + " bytes");
        }
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, data, 0, NONCE_BYTES));
        return c.doFinal(data, NONCE_BYTES, data.length - NONCE_BYTES);
    }

    static void checkKeyLength(byte[] key) {
        if (key.length != 16 && key.length != 24 && key.length != 32) {
            throw new IllegalArgumentException("secure body key must be 16, 24 or 32 bytes: " + key.length);
        }
    }
}
