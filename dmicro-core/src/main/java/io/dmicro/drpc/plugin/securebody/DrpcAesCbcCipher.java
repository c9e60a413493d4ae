package io.dmicro.drpc.plugin.securebody;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The cipher of drpc's securebody plugin, kept byte for byte for interoperability: AES-CBC with
 * PKCS#7 padding and the fixed IV {@code "I Love Go Frame!"} (GoFrame's gaes default), base64
 * text, and the md5 hex of the key as version. A fixed IV leaks equal plaintext prefixes and
 * nothing authenticates the ciphertext: use {@link AesGcmCipher} unless a Go peer needs this.
 */
public final class DrpcAesCbcCipher implements BodyCipher {

    private static final byte[] IV = "I Love Go Frame!".getBytes(StandardCharsets.US_ASCII);

    private final SecretKeySpec key;
    private final String version;

    public DrpcAesCbcCipher(String cipherKey) {
        byte[] raw = cipherKey.getBytes(StandardCharsets.UTF_8);
        AesGcmCipher.checkKeyLength(raw);
        this.key = new SecretKeySpec(raw, "AES");
        try {
            this.version = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(raw));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("MD5 is missing from this JVM", e);
        }
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public String encrypt(byte[] plain) throws GeneralSecurityException {
        Cipher c = Cipher.getInstance("AES/CBC/PKCS5Padding");
        c.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(IV));
        return Base64.getEncoder().encodeToString(c.doFinal(plain));
    }

    @Override
    public byte[] decrypt(String ciphertext) throws GeneralSecurityException {
        byte[] data;
        try {
            data = Base64.getDecoder().decode(ciphertext);
        } catch (IllegalArgumentException e) {
            throw new GeneralSecurityException("ciphertext is not base64: " + e.getMessage());
        }
        Cipher c = Cipher.getInstance("AES/CBC/PKCS5Padding");
        c.init(Cipher.DECRYPT_MODE, key, new IvParameterSpec(IV));
        return c.doFinal(data);
    }
}
