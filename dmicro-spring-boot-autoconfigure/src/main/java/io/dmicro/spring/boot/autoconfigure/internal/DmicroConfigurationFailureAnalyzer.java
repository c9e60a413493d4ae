package io.dmicro.spring.boot.autoconfigure.internal;

import io.dmicro.spring.boot.autoconfigure.DmicroConfigurationException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a bad {@code dmicro.*} value into a start-up report that names the key and the value. */
public final class DmicroConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<DmicroConfigurationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, DmicroConfigurationException cause) {
        String description = "Invalid DMicro configuration:\n\n    Property: " + cause.key() + "\n    Value: " + cause.value()
                + "\n    Reason: " + reason(cause);
        return new FailureAnalysis(description, cause.action(), cause);
    }

    private static String reason(DmicroConfigurationException cause) {
        String message = cause.getMessage();
        String prefix = cause.key() + "=" + cause.value() + ": ";
        return message != null && message.startsWith(prefix) ? message.substring(prefix.length()) : String.valueOf(message);
    }
}
