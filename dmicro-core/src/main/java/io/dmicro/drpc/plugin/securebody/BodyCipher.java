package io.dmicro.drpc.plugin.securebody;

import java.security.GeneralSecurityException;

/** Turns a body into text that only holders of the same key can read back, tagged with a key version. */
public interface BodyCipher {

    /** Names the key, so that a peer with another key fails clearly instead of decoding noise. */
    String version();

    String encrypt(byte[] plain) throws GeneralSecurityException;

    byte[] decrypt(String ciphertext) throws GeneralSecurityException;
}
