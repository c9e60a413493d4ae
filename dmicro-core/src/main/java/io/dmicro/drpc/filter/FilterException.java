package io.dmicro.drpc.filter;

/** A transfer filter refused its input: a bad checksum, corrupt or over-limit compressed data. */
public class FilterException extends RuntimeException {

    public FilterException(String message) {
        super(message);
    }

    public FilterException(String message, Throwable cause) {
        super(message, cause);
    }
}
