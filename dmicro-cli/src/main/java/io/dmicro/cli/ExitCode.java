package io.dmicro.cli;

import io.dmicro.drpc.status.Status;

/**
 * The exit codes of {@code dmicro}: one per failure class, so scripts can tell a peer that is not
 * there from one that said no.
 *
 * <pre>
 *   0  OK
 *   1  the tool itself failed (a bug or an unexpected local error)
 *   2  usage: a bad option or argument, an unreadable body file, a body the codec cannot read
 *   3  cannot connect: refused, unreachable, TLS handshake failed (drpc 105)
 *   4  the connection broke before the reply (drpc 102, 104, 100)
 *   5  timed out waiting for the reply (drpc 408)
 *   6  no such route (drpc 404)
 *   7  refused for load or going away: try later or elsewhere (drpc 429, 503)
 *   8  the peer replied with another error status (400, 401, 500, application codes, ...)
 *   9  the actuator could not be reached or answered an HTTP error
 *  10  bench: some calls failed
 * </pre>
 */
public final class ExitCode {

    public static final int OK = 0;
    public static final int SOFTWARE = 1;
    public static final int USAGE = 2;
    public static final int CONNECT = 3;
    public static final int CONNECTION_LOST = 4;
    public static final int TIMEOUT = 5;
    public static final int NOT_FOUND = 6;
    public static final int OVERLOADED = 7;
    public static final int ERROR_STATUS = 8;
    public static final int ACTUATOR = 9;
    public static final int BENCH_FAILURES = 10;

    private ExitCode() {
    }

    /** The exit code for a drpc status a call or push ended with. */
    public static int of(Status status) {
        return switch (status.code()) {
            case Status.OK_CODE -> OK;
            case Status.DIAL_FAILED -> CONNECT;
            case Status.CONN_CLOSED, Status.WRITE_FAILED, Status.WRONG_CONN -> CONNECTION_LOST;
            case Status.HANDLE_TIMEOUT -> TIMEOUT;
            case Status.NOT_FOUND -> NOT_FOUND;
            case Status.TOO_MANY_REQUESTS, Status.SERVICE_UNAVAILABLE -> OVERLOADED;
            default -> ERROR_STATUS;
        };
    }
}
