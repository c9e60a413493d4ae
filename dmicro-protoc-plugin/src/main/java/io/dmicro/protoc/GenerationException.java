package io.dmicro.protoc;

/** A .proto the generator cannot serve, or a bad plugin parameter; the message is shown by protoc. */
final class GenerationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    GenerationException(String message) {
        super(message);
    }
}
