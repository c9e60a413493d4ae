package io.dmicro.drpc.transport.quic;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Makes a self-signed X.509 v3 certificate at run time with nothing but the JDK: an EC P-256 key
 * pair, a certificate body written in DER by hand (so no BouncyCastle, no {@code keytool}
 * process and no {@code sun.security} internals), signed with SHA256withECDSA and read back
 * through {@link CertificateFactory}.
 *
 * <pre>
 * Certificate    SEQUENCE { tbsCertificate, signatureAlgorithm, BIT STRING signature }
 * tbsCertificate SEQUENCE { [0] version 3, serial, signatureAlgorithm, issuer, validity,
 *                           subject, subjectPublicKeyInfo, [3] { subjectAltName } }
 * </pre>
 */
final class SelfSignedCertificateGenerator {

    /** ecdsa-with-SHA256, 1.2.840.10045.4.3.2. */
    private static final byte[] ECDSA_WITH_SHA256 = {0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x04, 0x03, 0x02};
    /** commonName, 2.5.4.3. */
    private static final byte[] COMMON_NAME = {0x55, 0x04, 0x03};
    /** subjectAltName, 2.5.29.17. */
    private static final byte[] SUBJECT_ALT_NAME = {0x55, 0x1d, 0x11};
    private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);

    /** A key and the certificate for it. */
    record Generated(PrivateKey privateKey, X509Certificate certificate) {
    }

    private SelfSignedCertificateGenerator() {
    }

    /**
     * A certificate for {@code localhost} and {@code 127.0.0.1} (as subject alternative names),
     * valid from a day ago for {@code validity}.
     */
    static Generated generate(String commonName, Duration validity) {
        try {
            KeyPairGenerator kpg = KeyPairGenerator.getInstance("EC");
            kpg.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
            KeyPair keys = kpg.generateKeyPair();
            Instant now = Instant.now();
            byte[] algorithm = seq(oid(ECDSA_WITH_SHA256));
            byte[] name = seq(set(seq(oid(COMMON_NAME), tlv(0x0c, commonName.getBytes(StandardCharsets.UTF_8)))));
            byte[] altNames = seq(tlv(0x82, "localhost".getBytes(StandardCharsets.US_ASCII)),
                    tlv(0x87, InetAddress.getByName("127.0.0.1").getAddress()));
            byte[] tbs = seq(
                    tlv(0xa0, integer(BigInteger.TWO)),
                    integer(new BigInteger(63, new SecureRandom()).add(BigInteger.ONE)),
                    algorithm,
                    name,
                    seq(utcTime(now.minus(Duration.ofDays(1))), utcTime(now.plus(validity))),
                    name,
                    keys.getPublic().getEncoded(),
                    tlv(0xa3, seq(seq(oid(SUBJECT_ALT_NAME), tlv(0x04, altNames)))));
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(keys.getPrivate());
            signer.update(tbs);
            byte[] signature = signer.sign();
            byte[] bitString = new byte[signature.length + 1]; // leading 0: no unused bits
            System.arraycopy(signature, 0, bitString, 1, signature.length);
            byte[] der = seq(tbs, algorithm, tlv(0x03, bitString));
            X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
            return new Generated(keys.getPrivate(), cert);
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("cannot generate a self-signed certificate: " + e.getMessage(), e);
        }
    }

    private static byte[] utcTime(Instant t) {
        return tlv(0x17, UTC_TIME.format(t).getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] integer(BigInteger value) {
        return tlv(0x02, value.toByteArray());
    }

    private static byte[] oid(byte[] encoded) {
        return tlv(0x06, encoded);
    }

    private static byte[] seq(byte[]... parts) {
        return tlv(0x30, concat(parts));
    }

    private static byte[] set(byte[]... parts) {
        return tlv(0x31, concat(parts));
    }

    /** One DER tag-length-value, with the length in short or long form. */
    private static byte[] tlv(int tag, byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(value.length + 6);
        out.write(tag);
        int n = value.length;
        if (n < 0x80) {
            out.write(n);
        } else {
            int bytes = n > 0xffffff ? 4 : n > 0xffff ? 3 : n > 0xff ? 2 : 1;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write(n >>> (8 * i));
            }
        }
        out.writeBytes(value);
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
