package io.dmicro.drpc.status;

/** A frame declared or reached a size over the configured maximum (400); the session is closed. */
public class FrameTooLargeException extends DrpcException {

    public FrameTooLargeException(long size, int limit) {
        super(Status.withCause(Status.BAD_MESSAGE, "frame size " + size + " exceeds the limit of " + limit + " bytes"), false);
    }
}
