package io.dmicro.drpc.status;

/**
 * An error that carries a {@link Status}. Handlers throw it to reply with that status; callers
 * receive it when a call fails. Typed subclasses exist for what callers commonly catch.
 *
 * <p>{@link #notExecuted()} tells a caller whether the call certainly did not run on the peer,
 * and {@link #safeToRetry(boolean)} applies the retry rule to it.
 */
public class DrpcException extends RuntimeException {

    private final Status status;
    /** Set where this side knows the message never left it (see {@link #notSent}). */
    private boolean notSent;

    public DrpcException(Status status) {
        this(status, null);
    }

    public DrpcException(Status status, Throwable cause) {
        super(status.code() + " " + status.msg() + (status.cause() == null || status.cause().equals(status.msg()) ? "" : ": " + status.cause()), cause);
        this.status = status;
    }

    /** Stackless variant for hot paths where the status says everything. */
    protected DrpcException(Status status, boolean writableStackTrace) {
        super(status.code() + " " + status.msg() + (status.cause() == null ? "" : ": " + status.cause()), null, false, writableStackTrace);
        this.status = status;
    }

    public DrpcException(int code, String msg) {
        this(Status.of(code, msg));
    }

    public Status status() {
        return status;
    }

    public int code() {
        return status.code();
    }

    /**
     * True when the call certainly did not run on the peer: it was never written (the session was
     * closed or redialing, the dial failed), or the peer refused it before running it (503 while it
     * drains or is unavailable, 429 when overloaded). Such a call is always safe to send again,
     * to this instance later or to another one.
     */
    public boolean notExecuted() {
        return notSent || status.notExecuted();
    }

    /**
     * The retry rule: a call that was {@linkplain #notExecuted not executed} may always be retried;
     * one whose connection broke after it was written (102) may have run, so it is retried only when
     * the route is idempotent; no other failure (a handler's error, a timeout) is retried.
     */
    public boolean safeToRetry(boolean idempotent) {
        return notExecuted() || (idempotent && status.code() == Status.CONN_CLOSED);
    }

    /** The exception for a message this side failed before writing it: {@link #notExecuted()} is true. */
    public static DrpcException notSent(Status status) {
        DrpcException e = of(status);
        e.notSent = true;
        return e;
    }

    /** The most specific exception type for the status. */
    public static DrpcException of(Status status) {
        return switch (status.code()) {
            case Status.CONN_CLOSED -> new ConnectionClosedException(status);
            case Status.HANDLE_TIMEOUT -> new CallTimeoutException(status);
            case Status.NOT_FOUND -> new RouteNotFoundException(status);
            default -> new DrpcException(status, false);
        };
    }
}
