package io.dmicro.drpc.proto.http;

/**
 * Input the HTTP proto cannot go on from, with the HTTP status that tells a client why before
 * the connection closes.
 */
final class HttpFailure extends RuntimeException {

    private final int status;
    private final boolean answer;

    /**
     * @param answer whether to answer with {@link #status}: true while reading a request, false
     *     while reading a response (a server is not told off)
     */
    HttpFailure(int status, String message, boolean answer) {
        super(message, null, false, false);
        this.status = status;
        this.answer = answer;
    }

    int status() {
        return status;
    }

    boolean answer() {
        return answer;
    }

    String reason() {
        return switch (status) {
            case 400 -> "Bad Request";
            case 413 -> "Content Too Large";
            case 431 -> "Request Header Fields Too Large";
            case 501 -> "Not Implemented";
            default -> "Error";
        };
    }
}
