package io.dmicro.spring.boot.autoconfigure.client;

import io.dmicro.drpc.client.OutlierEjection;
import io.dmicro.drpc.client.RetryBackoff;
import io.dmicro.drpc.client.RetryBudget;
import io.dmicro.spring.boot.autoconfigure.DmicroConfigurationException;
import io.dmicro.spring.boot.autoconfigure.DmicroProperties;
import java.util.function.Supplier;

/** {@code dmicro.client.outlier.*} and {@code dmicro.client.retry.*} as the core client's settings, each checked at start-up. */
final class ClientResilience {

    private static final String OUTLIER = "dmicro.client.outlier.";
    private static final String RETRY = "dmicro.client.retry.";

    private final DmicroProperties.Client settings;

    ClientResilience(DmicroProperties.Client settings) {
        this.settings = settings;
        // build each once now, so a bad value fails start-up naming its key
        ejection();
        backoff();
        budget();
    }

    /** A new ejection state (one per service client: instances are judged per service). */
    OutlierEjection ejection() {
        DmicroProperties.Outlier o = settings.getOutlier();
        if (!o.isEnabled()) {
            return OutlierEjection.disabled();
        }
        return checked(OUTLIER + "*", o.getBaseEjection() + ", " + o.getMaxEjection() + ", jitter " + o.getJitter()
                + ", consecutive-failures " + o.getConsecutiveFailures(), () -> OutlierEjection.builder()
                .baseEjection(o.getBaseEjection()).maxEjection(o.getMaxEjection()).jitter(o.getJitter())
                .consecutiveFailures(o.getConsecutiveFailures()).build());
    }

    RetryBackoff backoff() {
        DmicroProperties.Retry r = settings.getRetry();
        return checked(RETRY + "*", "initial-backoff " + r.getInitialBackoff() + ", max-backoff " + r.getMaxBackoff() + ", multiplier "
                + r.getMultiplier() + ", jitter " + r.getJitter(),
                () -> new RetryBackoff(r.getInitialBackoff(), r.getMaxBackoff(), r.getMultiplier(), r.getJitter()));
    }

    /** A new budget (one per service). */
    RetryBudget budget() {
        DmicroProperties.Retry r = settings.getRetry();
        if (r.getBudgetMaxTokens() == 0) {
            return RetryBudget.unlimited();
        }
        return checked(RETRY + "budget-*", "budget-ratio " + r.getBudgetRatio() + ", budget-max-tokens " + r.getBudgetMaxTokens(),
                () -> RetryBudget.of(r.getBudgetRatio(), r.getBudgetMaxTokens()));
    }

    private static <T> T checked(String key, String value, Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException e) {
            throw new DmicroConfigurationException(key, value, e.getMessage(), "Fix the values under " + key.replace("*", "") + ".", e);
        }
    }
}
