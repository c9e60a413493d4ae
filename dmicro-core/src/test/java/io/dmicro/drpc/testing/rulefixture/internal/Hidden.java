package io.dmicro.drpc.testing.rulefixture.internal;

/** An internal type, for PackageRulesTest. */
public class Hidden {
}
