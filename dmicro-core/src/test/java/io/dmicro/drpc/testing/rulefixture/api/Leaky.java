package io.dmicro.drpc.testing.rulefixture.api;

import io.dmicro.drpc.testing.rulefixture.internal.Hidden;
import java.util.List;

/** A public type that shows an internal one, for PackageRulesTest. */
public class Leaky {

    public List<Hidden> shows() {
        return List.of();
    }

    Hidden packagePrivateIsFine() {
        return new Hidden();
    }
}
