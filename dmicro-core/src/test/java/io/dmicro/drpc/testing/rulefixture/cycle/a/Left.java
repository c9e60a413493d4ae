package io.dmicro.drpc.testing.rulefixture.cycle.a;

/** Half of a package cycle, for PackageRulesTest. */
public class Left {
    public io.dmicro.drpc.testing.rulefixture.cycle.b.Right right() {
        return new io.dmicro.drpc.testing.rulefixture.cycle.b.Right();
    }
}
