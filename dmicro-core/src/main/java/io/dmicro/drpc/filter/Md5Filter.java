package io.dmicro.drpc.filter;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * The {@code '5'} transfer filter: appends the 16-byte MD5 of the data when packing and checks
 * and strips it when unpacking. It detects corruption, not tampering: anyone can recompute it.
 */
public final class Md5Filter implements TransferFilter {

    /** The wire id. */
    public static final byte ID = '5';

    private static final int DIGEST_SIZE = 16;

    @Override
    public byte id() {
        return ID;
    }

    @Override
    public String name() {
        return "md5";
    }

    @Override
    public byte[] onPack(byte[] data) {
        MessageDigest md5 = md5();
        md5.update(data);
        byte[] out = Arrays.copyOf(data, data.length + DIGEST_SIZE);
        byte[] digest = md5.digest();
        System.arraycopy(digest, 0, out, data.length, DIGEST_SIZE);
        return out;
    }

    @Override
    public byte[] onUnpack(byte[] data, int maxSize) {
        int size = data.length - DIGEST_SIZE;
        if (size < 0) {
            throw new FilterException("md5 check failed: " + data.length
                    + " bytes is shorter than the digest");
        }
        if (size > maxSize) {
            throw new FilterException("md5: unpacked data exceeds limit of " + maxSize + " bytes");
        }
        MessageDigest md5 = md5();
        md5.update(data, 0, size);
        byte[] expected = md5.digest();
        if (!Arrays.equals(expected, 0, DIGEST_SIZE, data, size, data.length)) {
            throw new FilterException("md5 check failed");
        }
        return Arrays.copyOf(data, size);
    }

    // A MessageDigest is not thread-safe and cheap to create, so each call takes its own.
    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide MD5", e);
        }
    }
}
