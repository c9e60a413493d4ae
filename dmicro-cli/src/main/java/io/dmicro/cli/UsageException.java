package io.dmicro.cli;

/** A problem with what the user asked for (exit code 2), reported as one line without a stack trace. */
final class UsageException extends RuntimeException {

    UsageException(String message) {
        super(message, null, false, false);
    }

    UsageException(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
