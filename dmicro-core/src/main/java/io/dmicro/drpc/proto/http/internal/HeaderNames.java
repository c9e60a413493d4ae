package io.dmicro.drpc.proto.http.internal;

import io.netty.util.AsciiString;

/**
 * The names of the headers we write, in the case Go's {@code http.Header} writes them. HTTP names
 * are case-insensitive and Netty's constants are lower case, but the Go original's httpproto
 * reads its own headers by exact, case-sensitive name ({@code Content-Type},
 * {@code Content-Length}, {@code X-Seq}, {@code X-MType}, {@code X-Content-Encoding}): a
 * {@code content-length} it does not see leaves the body unread, and the next read starts inside
 * it. Netty writes a name as it was set.
 */
final class HeaderNames {

    static final AsciiString CONTENT_TYPE = AsciiString.cached("Content-Type");
    static final AsciiString CONTENT_LENGTH = AsciiString.cached("Content-Length");
    static final AsciiString CONTENT_ENCODING = AsciiString.cached("Content-Encoding");
    static final AsciiString X_CONTENT_ENCODING = AsciiString.cached("X-Content-Encoding");
    static final AsciiString X_SEQ = AsciiString.cached("X-Seq");
    /** As the original's reader compares it (its writer canonicalizes it to {@code X-Mtype}, which it then does not read). */
    static final AsciiString X_MTYPE = AsciiString.cached("X-MType");
    static final AsciiString HOST = AsciiString.cached("Host");
    static final AsciiString USER_AGENT = AsciiString.cached("User-Agent");
    static final AsciiString DATE = AsciiString.cached("Date");
    static final AsciiString CONNECTION = AsciiString.cached("Connection");
    static final AsciiString ALLOW = AsciiString.cached("Allow");

    private HeaderNames() {
    }
}
