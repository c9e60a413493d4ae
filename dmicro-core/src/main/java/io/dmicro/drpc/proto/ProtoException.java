package io.dmicro.drpc.proto;

import io.dmicro.drpc.message.MessageType;
import io.dmicro.drpc.status.DrpcException;
import io.dmicro.drpc.status.Status;
import org.jspecify.annotations.Nullable;

/**
 * Input a proto could not turn into a message. A non-fatal error consumed exactly one bad frame
 * and the stream can go on: when the frame's seq and type could still be read, a CALL is answered
 * with 400. A fatal error means the frame boundary is lost (or the frame is over the limit) and
 * the session is closed.
 */
public class ProtoException extends DrpcException {

    private final boolean fatal;
    private final int seq;
    private final @Nullable MessageType type;
    private final String serviceMethod;
    private final String hint;

    private ProtoException(String reason, boolean fatal, int seq, @Nullable MessageType type, String serviceMethod) {
        this(reason, "", fatal, seq, type, serviceMethod);
    }

    private ProtoException(String reason, String hint, boolean fatal, int seq, @Nullable MessageType type, String serviceMethod) {
        super(Status.withCause(Status.BAD_MESSAGE, hint.isEmpty() ? reason : reason + ": " + hint), false);
        this.hint = hint;
        this.fatal = fatal;
        this.seq = seq;
        this.type = type;
        this.serviceMethod = serviceMethod;
    }

    /** The stream is unusable from here on. */
    public static ProtoException fatal(String reason) {
        return new ProtoException(reason, true, 0, null, "");
    }

    /**
     * The stream is unusable from here on, and {@code hint} says what the peer probably did wrong
     * ("this looks like JSON; ..."); the status's cause is the reason followed by the hint.
     */
    public static ProtoException fatal(String reason, String hint) {
        return new ProtoException(reason, hint, true, 0, null, "");
    }

    /** One frame was bad and has been skipped; nothing is known about it. */
    public static ProtoException skipped(String reason) {
        return new ProtoException(reason, false, 0, null, "");
    }

    /** One frame was bad and has been skipped, but its seq and type were read. */
    public static ProtoException skipped(String reason, int seq, MessageType type, String serviceMethod) {
        return new ProtoException(reason, false, seq, type, serviceMethod);
    }

    public boolean fatal() {
        return fatal;
    }

    /** The seq of the bad frame, when {@link #type()} is known. */
    public int seq() {
        return seq;
    }

    /** The type of the bad frame, or null when it could not be read. */
    public @Nullable MessageType type() {
        return type;
    }

    public String serviceMethod() {
        return serviceMethod;
    }

    /** What the peer probably did wrong, in a sentence a user can act on; empty when nothing is known. */
    public String hint() {
        return hint;
    }
}
