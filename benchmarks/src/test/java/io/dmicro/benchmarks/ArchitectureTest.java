package io.dmicro.benchmarks;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.dmicro.drpc.testing.PackageRules;
import org.junit.jupiter.api.Test;

/** The package lines every module holds (DESIGN.md), over this module's main classes. */
class ArchitectureTest {

    private static final JavaClasses MAIN = PackageRules.mainClasses("io.dmicro.benchmarks");

    @Test
    void noPackageCycles() {
        PackageRules.noPackageCycles("io.dmicro").check(MAIN);
    }

    @Test
    void publicApiShowsNoInternalTypes() {
        PackageRules.publicApiShowsNoInternalTypes().check(MAIN);
    }
}
