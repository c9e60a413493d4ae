package io.dmicro.drpc.testing.rulefixture.api;

import io.dmicro.drpc.testing.rulefixture.internal.Hidden;

/** A public type that uses an internal one without showing it, for PackageRulesTest. */
public class Tidy {

    private final Hidden hidden = new Hidden();

    public String describe() {
        return hidden.toString();
    }
}
