package io.dmicro.drpc.filter;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code 'a'} transfer filter, byte for byte the Go original's {@code tfilter.RegAES(key)}
 * (GoFrame's {@code gaes.Encrypt}): AES-CBC with PKCS#7 padding, a 16-, 24- or 32-byte key and
 * the fixed IV {@code "I Love Go Frame!"}; the output is the bare ciphertext.
 *
 * <p><b>Weak, for Go peers only.</b> The IV is the same for every message and known to everyone,
 * so equal plaintext prefixes give equal ciphertext prefixes (and the frame header, which the
 * filter covers, is mostly predictable); nothing authenticates the ciphertext, so it can be
 * altered undetected (md5 after it does not help: anyone can recompute that). Use TLS, or the
 * secure body plugin's AES-GCM ({@code SecureBodyPlugin.aesGcm}), where no Go peer needs this.
 * It is not among {@link TransferFilters#defaults()}: add it with a key.
 */
public final class AesFilter implements TransferFilter {

    /** The wire id. */
    public static final byte ID = 'a';

    private static final byte[] GOFRAME_DEFAULT_IV = "I Love Go Frame!".getBytes(StandardCharsets.US_ASCII);
    private static final int BLOCK = 16;

    private final SecretKeySpec key;

    /** {@code key} must be 16, 24 or 32 bytes (AES-128, -192, -256), as on the Go side. */
    public AesFilter(byte[] key) {
        if (key.length != 16 && key.length != 24 && key.length != 32) {
            throw new IllegalArgumentException("aes filter: key must be 16, 24 or 32 bytes, not " + key.length);
        }
        this.key = new SecretKeySpec(key.clone(), "AES");
    }

    @Override
    public byte id() {
        return ID;
    }

    @Override
    public String name() {
        return "aes";
    }

    @Override
    public byte[] onPack(byte[] data) {
        try {
            return cipher(Cipher.ENCRYPT_MODE).doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new FilterException("aes: " + e.getMessage());
        }
    }

    @Override
    public byte[] onUnpack(byte[] data, int maxSize) {
        if (data.length < BLOCK || data.length % BLOCK != 0) {
            throw new FilterException("aes: " + data.length + " bytes is not a whole number of AES blocks");
        }
        if (data.length - BLOCK > maxSize) {
            throw new FilterException("aes: unpacked data exceeds limit of " + maxSize + " bytes");
        }
        try {
            return cipher(Cipher.DECRYPT_MODE).doFinal(data);
        } catch (GeneralSecurityException e) {
            // a wrong key shows as bad padding most of the time (and as garbage otherwise)
            throw new FilterException("aes: cannot decrypt (wrong key?): " + e.getMessage());
        }
    }

    private Cipher cipher(int mode) throws GeneralSecurityException {
        // A Cipher is not thread-safe; creating one per message is cheap next to the work.
        Cipher c = Cipher.getInstance("AES/CBC/PKCS5Padding");
        c.init(mode, key, new IvParameterSpec(GOFRAME_DEFAULT_IV));
        return c;
    }
}
