package io.dmicro.drpc.testing.rulefixture.cycle.b;

/** The other half of a package cycle, for PackageRulesTest. */
public class Right {
    public io.dmicro.drpc.testing.rulefixture.cycle.a.Left left() {
        return new io.dmicro.drpc.testing.rulefixture.cycle.a.Left();
    }
}
