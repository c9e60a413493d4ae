package io.dmicro.drpc.internal;

import io.dmicro.drpc.message.Message;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A message written with what to tell once it is out, handed to the frame encoder with the void
 * promise: the encoder tells each message of a batch when the batch's one write completes
 * ({@link ProtoFrameEncoder}). A promise per message with a listener on it costs a few monitors
 * and atomic updates per message (Netty's promise is made for many threads), and at a hundred
 * messages per flush they added up to a tenth of a connection's work. Written only where the
 * connection's frame encoder is known to be in its pipeline ({@link DefaultSession#framedBy}).
 */
record ListenedWrite(Message message, Outcome outcome) {

    private static final Logger log = LoggerFactory.getLogger(ListenedWrite.class);

    /** Tells the outcome; what it throws is logged, as Netty logs a throwing listener, so the rest of a batch is told too. */
    void tell(@Nullable Throwable failure) {
        try {
            outcome.written(failure);
        } catch (Throwable t) {
            log.warn("a write's outcome threw", t);
        }
    }

    /** Told exactly once, on the connection's event loop. */
    @FunctionalInterface
    interface Outcome {
        /** @param failure why the message was not written; null once it was */
        void written(@Nullable Throwable failure);
    }
}
