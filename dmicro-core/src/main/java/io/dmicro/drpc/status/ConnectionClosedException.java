package io.dmicro.drpc.status;

/** The connection closed before the operation completed (102). */
public class ConnectionClosedException extends DrpcException {

    public ConnectionClosedException(Status status) {
        super(status, false);
    }
}
