package io.dmicro.drpc;

import java.time.Duration;

/** Every default of the engine, with its unit, in one place. */
public final class DrpcDefaults {

    /** Largest frame accepted or written: 4 MiB. */
    public static final int MAX_MESSAGE_SIZE = 4 * 1024 * 1024;
    /** How long a call waits for its reply unless told otherwise. */
    public static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);
    /** Session lifetime: zero means unlimited. */
    public static final Duration SESSION_AGE = Duration.ZERO;
    /** No limit of an endpoint's own on how long a handler may take (the original's {@code DefaultContextAge}). */
    public static final Duration CONTEXT_AGE = Duration.ZERO;
    /** Calls slower than this are logged as slow: zero means never. */
    public static final Duration SLOW_CALL_THRESHOLD = Duration.ZERO;
    /** How long one dial attempt may take. */
    public static final Duration DIAL_TIMEOUT = Duration.ofSeconds(10);
    /** Redial attempts after a dialed connection breaks: zero means none, negative without limit. */
    public static final int REDIAL_TIMES = 0;
    /** Pause between dial attempts. */
    public static final Duration REDIAL_INTERVAL = Duration.ofMillis(100);
    /** Factor the redial pause grows by after each failed attempt: 1 keeps it constant. */
    public static final double REDIAL_BACKOFF = 1.0;
    /** The longest pause between redial attempts. */
    public static final Duration REDIAL_MAX_INTERVAL = Duration.ofSeconds(30);
    /**
     * How long an accepted connection may take to open its session: protocol sniffing, the TLS and
     * WebSocket handshakes and the AfterAccept hooks (an auth handshake) together. Past it the
     * connection is closed.
     */
    public static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(20);
    /** How long a frame may take to arrive once its first byte has: past it the connection is closed. */
    public static final Duration FRAME_TIMEOUT = Duration.ofSeconds(30);
    /** How long a graceful close waits for in-flight work. */
    public static final Duration CLOSE_DRAIN_TIMEOUT = Duration.ofSeconds(15);
    /** Body codec used when a message names none. */
    public static final String BODY_CODEC = "json";
    /** Bytes queued for writing on one connection past which new writes fail with 104. */
    public static final int MAX_PENDING_WRITE_BYTES = 64 * 1024 * 1024;
    /** Requests in one batch (a JSON-RPC array) past which the batch is refused with one error. */
    public static final int MAX_BATCH_SIZE = io.dmicro.drpc.proto.ProtoConfig.DEFAULT_MAX_BATCH_SIZE;
    /** Default listen address. */
    public static final String LISTEN = "tcp://0.0.0.0:9090";

    private DrpcDefaults() {
    }
}
