package io.dmicro.drpc.message;

/** The kind of a message, with the byte the wire carries for it (reference §5.2). */
public enum MessageType {
    UNDEFINED(0, "Undefined"),
    CALL(1, "CALL"),
    REPLY(2, "REPLY"),
    PUSH(3, "PUSH"),
    AUTH_CALL(4, "AUTH_CALL"),
    AUTH_REPLY(5, "AUTH_REPLY");

    private static final MessageType[] BY_CODE = values();

    private final byte code;
    private final String text;

    MessageType(int code, String text) {
        this.code = (byte) code;
        this.text = text;
    }

    public byte code() {
        return code;
    }

    public String text() {
        return text;
    }

    /** The type for a wire byte; any byte outside 1..5 is {@link #UNDEFINED}. */
    public static MessageType fromCode(int code) {
        return code > 0 && code < BY_CODE.length ? BY_CODE[code] : UNDEFINED;
    }
}
