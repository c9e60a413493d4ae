package io.dmicro.drpc.status;

/** A call did not receive its reply in time (408). */
public class CallTimeoutException extends DrpcException {

    public CallTimeoutException(Status status) {
        super(status, false);
    }
}
