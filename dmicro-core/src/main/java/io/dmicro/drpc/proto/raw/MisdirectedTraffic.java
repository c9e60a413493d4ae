package io.dmicro.drpc.proto.raw;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Names the usual reason a raw frame's length is absurd: another protocol spoken to a raw-only
 * listener, or answered to a dial. {@code "POST"} read as a big-endian length is 1347375956, which
 * says nothing to a newcomer who only ran curl against the wrong port.
 */
final class MisdirectedTraffic {

    private static final List<String> HTTP_STARTS = List.of("GET ", "POST", "PUT ", "HEAD", "DELE", "OPTI", "PATC", "CONN", "TRAC", "PRI ");

    private MisdirectedTraffic() {
    }

    /** An object or array opening: '{' or '[' and then a quote, a brace, a bracket or white space. */
    private static boolean looksLikeJson(ByteBuf in, int start) {
        byte first = in.getByte(start);
        byte second = in.getByte(start + 1);
        return (first == '{' || first == '[')
                && (second == '"' || second == '{' || second == '[' || second == ' ' || second == '\n' || second == '\r' || second == '\t'
                        || first == '[' && (second == '-' || second >= '0' && second <= '9'));
    }

    /** A sentence to add to the frame-size error, or empty when the bytes look like nothing known. */
    static String hint(ByteBuf in, int start) {
        if (in.readableBytes() < 4) {
            return "";
        }
        String first = in.toString(start, 4, StandardCharsets.ISO_8859_1);
        if (HTTP_STARTS.contains(first)) {
            return "this looks like an HTTP request (\"" + first.trim() + " ...\") on a raw-only listener;"
                    + " add ?protos=all (or ?protos=raw,http) to the listen URI to serve HTTP on this port too";
        }
        if (first.equals("HTTP")) {
            // "HTTP" read as a length is 1213486160: a dial to a web server's port, which answered in HTTP
            String statusLine = in.toString(start, Math.min(12, in.writerIndex() - start), StandardCharsets.ISO_8859_1).trim();
            return "this looks like an HTTP response (\"" + statusLine + " ...\"): the peer is an HTTP server, not a drpc"
                    + " listener; dial its drpc port, or add ?proto=http to call a drpc listener that serves HTTP";
        }
        if (in.getByte(start) == 0x16 && in.getByte(start + 1) == 0x03) {
            return "this looks like a TLS handshake on a plain listener; listen with tls:// (or ?protos=all with cert= and key=)";
        }
        if (looksLikeJson(in, start)) {
            // '{"' read as a length is 2065853043: JSON-RPC (or other JSON) sent where raw frames are read;
            // short enough to be a WebSocket close reason (123 bytes)
            return "this looks like JSON, not a raw drpc frame; for JSON-RPC connect with ?proto=jsonrpc (or listen with ?protos=all)";
        }
        return "";
    }
}
