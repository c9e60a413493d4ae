package io.dmicro.drpc.status;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of a message, as it travels on the wire: a code, a message and an optional cause.
 *
 * <p>Code 0 is success. The framework's own codes and their texts are those of the Go original
 * (reference §6.2): -1 unknown, 100-199 on the sending side, 400-499 while handling a message,
 * 500-599 on the receiving side. Application codes should be above 1000.
 */
public final class Status {

    public static final int UNKNOWN_ERROR = -1;
    public static final int OK_CODE = 0;
    public static final int INVALID_OP = 1;
    public static final int WRONG_CONN = 100;
    public static final int CONN_CLOSED = 102;
    public static final int WRITE_FAILED = 104;
    public static final int DIAL_FAILED = 105;
    public static final int BAD_MESSAGE = 400;
    public static final int UNAUTHORIZED = 401;
    public static final int NOT_FOUND = 404;
    public static final int MTYPE_NOT_ALLOWED = 405;
    public static final int HANDLE_TIMEOUT = 408;
    public static final int CONFLICT = 409;
    public static final int TOO_MANY_REQUESTS = 429;
    public static final int INTERNAL_SERVER_ERROR = 500;
    public static final int BAD_GATEWAY = 502;
    public static final int SERVICE_UNAVAILABLE = 503;

    public static final Status OK = new Status(OK_CODE, "", null);

    private final int code;
    private final String msg;
    private final @Nullable String cause;

    private Status(int code, String msg, @Nullable String cause) {
        this.code = code;
        this.msg = msg;
        this.cause = cause;
    }

    /** A status with the given code, message and cause. A null or empty message takes the code's standard text. */
    public static Status of(int code, @Nullable String msg, @Nullable String cause) {
        if (code == OK_CODE && (msg == null || msg.isEmpty()) && cause == null) {
            return OK;
        }
        String text = msg == null || msg.isEmpty() ? codeText(code) : msg;
        return new Status(code, text, cause == null || cause.isEmpty() ? null : cause);
    }

    public static Status of(int code, @Nullable String msg) {
        return of(code, msg, null);
    }

    /** A status with the code's standard text and the given cause. */
    public static Status withCause(int code, @Nullable String cause) {
        return of(code, codeText(code), cause);
    }

    public int code() {
        return code;
    }

    /** The message; when none was given, the cause; when neither, the code's standard text. */
    public String msg() {
        if (!msg.isEmpty()) {
            return msg;
        }
        return cause != null ? cause : "";
    }

    public @Nullable String cause() {
        return cause;
    }

    public boolean isOk() {
        return code == OK_CODE;
    }

    /** True for the codes that say the connection itself failed: 105 Dial Failed and 102 Connection Closed. */
    public boolean isConnectionError() {
        return code == DIAL_FAILED || code == CONN_CLOSED;
    }

    /**
     * True for the codes that say the peer did not run the message: 105 Dial Failed, 429 Too Many
     * Requests (refused by overload protection) and 503 Service Unavailable (refused while draining,
     * or with no instance to take it). A handler must not answer 429 or 503 after doing the work:
     * callers retry these on another instance.
     */
    public boolean notExecuted() {
        return code == DIAL_FAILED || code == TOO_MANY_REQUESTS || code == SERVICE_UNAVAILABLE;
    }

    /** The same code and message with another cause. */
    public Status withCauseText(@Nullable String newCause) {
        return of(code, msg, newCause);
    }

    public DrpcException toException() {
        return DrpcException.of(this);
    }

    /** The standard text of a framework code, or "Unknown Error" for any other code, as in the original. */
    public static String codeText(int code) {
        return switch (code) {
            case OK_CODE -> "";
            case INVALID_OP -> "Invalid Operation";
            case WRONG_CONN -> "Wrong Connection";
            case CONN_CLOSED -> "Connection Closed";
            case WRITE_FAILED -> "Write Failed";
            case DIAL_FAILED -> "Dial Failed";
            case BAD_MESSAGE -> "Bad Message";
            case UNAUTHORIZED -> "Unauthorized";
            case NOT_FOUND -> "Not Found";
            case MTYPE_NOT_ALLOWED -> "Message Type Not Allowed";
            case HANDLE_TIMEOUT -> "Handle Timeout";
            case TOO_MANY_REQUESTS -> "Too Many Requests";
            case INTERNAL_SERVER_ERROR -> "Internal Server Error";
            case BAD_GATEWAY -> "Bad Gateway";
            case SERVICE_UNAVAILABLE -> "Service Unavailable";
            default -> "Unknown Error";
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Status s && s.code == code && s.msg.equals(msg) && Objects.equals(s.cause, cause);
    }

    @Override
    public int hashCode() {
        return Objects.hash(code, msg, cause);
    }

    @Override
    public String toString() {
        return StatusEncoding.toJson(this);
    }
}
