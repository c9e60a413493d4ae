package io.dmicro.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/** A message body given on the command line: the text itself, {@code @file}, or {@code -} for stdin. */
final class Body {

    private Body() {
    }

    static byte[] read(@Nullable String arg, InputStream stdin) {
        if (arg == null) {
            return new byte[0];
        }
        try {
            if (arg.equals("-")) {
                return stdin.readAllBytes();
            }
            if (arg.startsWith("@") && arg.length() > 1) {
                return Files.readAllBytes(Path.of(arg.substring(1)));
            }
        } catch (IOException e) {
            throw new UsageException("cannot read the body from " + arg + ": " + e.getMessage(), e);
        }
        return arg.getBytes(StandardCharsets.UTF_8);
    }
}
