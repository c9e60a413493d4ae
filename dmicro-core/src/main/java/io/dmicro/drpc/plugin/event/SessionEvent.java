package io.dmicro.drpc.plugin.event;

import io.dmicro.drpc.message.MessageType;
import io.dmicro.drpc.session.Session;
import org.jspecify.annotations.Nullable;

/** Something that happened to a session of an endpoint; what {@link SessionEventListener}s receive. */
public sealed interface SessionEvent {

    /** The address of the peer, as {@code host:port}. */
    String peer();

    /** A connection was accepted and passed the earlier AfterAccept plugins; handshakes may still follow. */
    record Accepted(Session session) implements SessionEvent {
        @Override
        public String peer() {
            return String.valueOf(session.remoteAddress());
        }
    }

    /** A dial or redial connected and passed the earlier AfterDial plugins. */
    record Connected(Session session, boolean redial) implements SessionEvent {
        @Override
        public String peer() {
            return String.valueOf(session.remoteAddress());
        }
    }

    /** A dial or a whole redial finally failed; {@code address} as dialed, with secrets such as a key password redacted. */
    record ConnectFailed(String address, Throwable error, boolean redial) implements SessionEvent {
        @Override
        public String peer() {
            return address;
        }
    }

    /** A session closed, actively or passively, with no redial to come. */
    record Disconnected(Session session) implements SessionEvent {
        @Override
        public String peer() {
            return String.valueOf(session.remoteAddress());
        }
    }

    /**
     * A call, push or reply arrived and its body was decoded.
     *
     * @param body the decoded body (null for an empty one)
     */
    record Received(Session session, MessageType type, String serviceMethod, int seq, @Nullable Object body) implements SessionEvent {
        @Override
        public String peer() {
            return String.valueOf(session.remoteAddress());
        }
    }
}
