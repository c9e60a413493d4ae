package io.dmicro.drpc.status;

/** The peer has no handler for the route (404). */
public class RouteNotFoundException extends DrpcException {

    public RouteNotFoundException(Status status) {
        super(status, false);
    }
}
