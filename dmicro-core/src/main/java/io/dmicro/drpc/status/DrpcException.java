package io.dmicro.drpc.status;

/**
 * An error that carries a {@link Status}. Handlers throw it to reply with that status; callers
 * receive it when a call fails. Typed subclasses exist for what callers commonly catch.
 */
public class DrpcException extends RuntimeException {

    private final Status status;

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
