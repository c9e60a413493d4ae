package io.dmicro.drpc.router;

/** What a route answers. */
public enum RouteKind {
    CALL, PUSH, UNKNOWN_CALL, UNKNOWN_PUSH
}
