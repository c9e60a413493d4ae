package io.dmicro.drpc.codec;

/** A body could not be encoded or decoded; the framework turns it into a 400 Bad Message. */
public class CodecException extends RuntimeException {

    public CodecException(String message) {
        super(message);
    }

    public CodecException(String message, Throwable cause) {
        super(message, cause);
    }
}
