package io.dmicro.drpc.plugin.securebody;

import io.dmicro.drpc.message.Message;
import io.dmicro.drpc.message.Meta;
import io.dmicro.drpc.plugin.BeforeReadCallBody;
import io.dmicro.drpc.plugin.BeforeReadPushBody;
import io.dmicro.drpc.plugin.BeforeReadReplyBody;
import io.dmicro.drpc.plugin.BeforeWriteCall;
import io.dmicro.drpc.plugin.BeforeWritePush;
import io.dmicro.drpc.plugin.BeforeWriteReply;
import io.dmicro.drpc.plugin.ReadContext;
import io.dmicro.drpc.plugin.WriteContext;
import io.dmicro.drpc.status.Status;
import java.security.GeneralSecurityException;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Encrypts the bodies of messages marked {@code X-Secure-Body: true} (reference §14.5), on both
 * ends: install it on the caller and the callee. A call sent secure gets a secure reply unless it
 * says {@code X-Reply-Secure-Body: false}; a plain call can ask for a secure reply with
 * {@code X-Reply-Secure-Body: true}. A body that cannot be decrypted (another key, a forged
 * body) is refused with the plugin's status code, 409 by default as in drpc.
 *
 * <pre>{@code
 * SecureBodyPlugin plugin = SecureBodyPlugin.aesGcm(key32Bytes);          // recommended
 * SecureBodyPlugin legacy = SecureBodyPlugin.drpcCompatible("cipherkey1234567"); // Go peers
 * session.call("/math/add", args, Integer.class, SecureBody.secure(CallOptions.DEFAULT));
 * }</pre>
 */
public final class SecureBodyPlugin implements BeforeWriteCall, BeforeWritePush, BeforeWriteReply,
        BeforeReadCallBody, BeforeReadPushBody, BeforeReadReplyBody {

    private static final Logger log = LoggerFactory.getLogger(SecureBodyPlugin.class);
    /** Default status of a body that cannot be decrypted, as in drpc. */
    public static final int DEFAULT_STATUS_CODE = Status.CONFLICT;
    private static final String REPLY_ENCRYPT = "drpc.securebody.replyEncrypt";

    private final BodyCipher cipher;
    private final int statusCode;

    public SecureBodyPlugin(BodyCipher cipher, int statusCode) {
        this.cipher = Objects.requireNonNull(cipher, "cipher");
        if (statusCode == Status.OK_CODE) {
            throw new IllegalArgumentException("secure body statusCode must not be 0 (OK): " + statusCode);
        }
        this.statusCode = statusCode;
    }

    /** drpc's AES-CBC variant, for Go peers; the key is 16, 24 or 32 bytes of UTF-8. */
    public static SecureBodyPlugin drpcCompatible(String cipherKey) {
        return new SecureBodyPlugin(new DrpcAesCbcCipher(cipherKey), DEFAULT_STATUS_CODE);
    }

    /** The recommended AES-GCM variant; the key is 16, 24 or 32 random bytes. */
    public static SecureBodyPlugin aesGcm(byte[] key) {
        return new SecureBodyPlugin(new AesGcmCipher(key), DEFAULT_STATUS_CODE);
    }

    @Override
    public String name() {
        return "secureBody";
    }

    @Override
    public Status beforeWriteCall(WriteContext ctx) {
        return encryptIfMarked(ctx.output());
    }

    @Override
    public Status beforeWritePush(WriteContext ctx) {
        return encryptIfMarked(ctx.output());
    }

    @Override
    public Status beforeWriteReply(WriteContext ctx) {
        Message out = ctx.output();
        if (!out.status().isOk() || ctx.attributes().get(REPLY_ENCRYPT) == null) {
            return Status.OK;
        }
        out.meta().set(SecureBody.SECURE_META, "true");
        Status s = encryptIfMarked(out);
        if (!s.isOk()) {
            // a failing BeforeWriteReply does not stop the reply: make the reply the error instead
            out.meta().remove(SecureBody.SECURE_META);
            out.status(s).body(null).bodyCodec((byte) 0);
        }
        return s;
    }

    @Override
    public Status beforeReadCallBody(ReadContext ctx) {
        return decryptRequest(ctx);
    }

    @Override
    public Status beforeReadPushBody(ReadContext ctx) {
        return decryptRequest(ctx);
    }

    @Override
    public Status beforeReadReplyBody(ReadContext ctx) {
        if (!ctx.input().status().isOk()) {
            return Status.OK;
        }
        return decryptIfMarked(ctx.input());
    }

    private Status decryptRequest(ReadContext ctx) {
        Message in = ctx.input();
        String replyWish = in.meta().get(SecureBody.REPLY_SECURE_META);
        boolean secure = isMarked(in.meta());
        if (secure ? !"false".equals(replyWish) : "true".equals(replyWish)) {
            ctx.attributes().put(REPLY_ENCRYPT, Boolean.TRUE);
        }
        return secure ? decryptIfMarked(in) : Status.OK;
    }

    private Status encryptIfMarked(Message m) {
        if (!isMarked(m.meta())) {
            return Status.OK;
        }
        try {
            m.body(new Envelope(cipher.version(), cipher.encrypt(m.body())).encode(m.bodyCodec()));
            return Status.OK;
        } catch (GeneralSecurityException | RuntimeException e) {
            log.warn("cannot encrypt the body of {}: {}", m.serviceMethod(), e.toString());
            return Status.of(statusCode, "Encrypting the body failed", e.toString());
        }
    }

    private Status decryptIfMarked(Message m) {
        if (!isMarked(m.meta())) {
            return Status.OK;
        }
        Envelope envelope;
        try {
            envelope = Envelope.decode(m.body(), m.bodyCodec());
        } catch (RuntimeException e) {
            return Status.of(statusCode, "Decrypting the body failed", "not a secure body: " + e.getMessage());
        }
        if (!envelope.cipherVersion().isEmpty() && !envelope.cipherVersion().equals(cipher.version())) {
            return Status.of(statusCode, "Decrypting the body failed", "cipher key version mismatch: got "
                    + quote(envelope.cipherVersion()) + ", want " + quote(cipher.version()));
        }
        try {
            m.body(envelope.ciphertext().isEmpty() ? new byte[0] : cipher.decrypt(envelope.ciphertext()));
            return Status.OK;
        } catch (GeneralSecurityException e) {
            return Status.of(statusCode, "Decrypting the body failed", e.toString());
        }
    }

    /** Whether the meta marks the body secure; a present but false mark is removed, as in drpc. */
    private static boolean isMarked(Meta meta) {
        String v = meta.get(SecureBody.SECURE_META);
        if (v == null) {
            return false;
        }
        if ("true".equalsIgnoreCase(v) || "1".equals(v)) {
            return true;
        }
        meta.remove(SecureBody.SECURE_META);
        return false;
    }

    private static String quote(String s) {
        return '"' + s + '"';
    }
}
