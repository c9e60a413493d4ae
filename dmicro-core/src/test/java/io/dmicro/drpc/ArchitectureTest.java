package io.dmicro.drpc;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.dmicro.drpc.testing.PackageRules;
import org.junit.jupiter.api.Test;

/** The package lines of DESIGN.md, checked. */
class ArchitectureTest {

    private static final JavaClasses CORE = PackageRules.mainClasses("io.dmicro");

    @Test
    void noPackageCycles() {
        PackageRules.noPackageCycles("io.dmicro").check(CORE);
    }

    @Test
    void publicApiShowsNoInternalTypes() {
        PackageRules.publicApiShowsNoInternalTypes().check(CORE);
    }

    @Test
    void drpcNeverImportsSpring() {
        noClasses().that().resideInAPackage("io.dmicro.drpc..")
                .should().dependOnClassesThat().resideInAPackage("org.springframework..").check(CORE);
    }

    @Test
    void messageStatusAndCodecKnowNoIo() {
        noClasses().that().resideInAnyPackage("io.dmicro.drpc.message..", "io.dmicro.drpc.status..", "io.dmicro.drpc.codec..")
                .should().dependOnClassesThat().resideInAnyPackage("io.dmicro.drpc.session..", "io.dmicro.drpc.router..",
                        "io.dmicro.drpc.transport..", "io.dmicro.drpc.internal..", "io.netty.channel..")
                .check(CORE);
    }

    @Test
    void protoNeverImportsSession() {
        noClasses().that().resideInAPackage("io.dmicro.drpc.proto..")
                .should().dependOnClassesThat().resideInAnyPackage("io.dmicro.drpc.session..", "io.dmicro.drpc.internal..")
                .check(CORE);
    }

    @Test
    void onlyInternalPackagesAndTransportTouchNettyChannels() {
        noClasses().that().resideInAPackage("io.dmicro.drpc..")
                .and().resideOutsideOfPackages("io.dmicro.drpc.internal..", "io.dmicro.drpc.transport..", "io.dmicro.drpc..internal..")
                .should().dependOnClassesThat().resideInAPackage("io.netty.channel..")
                .check(CORE);
    }

    @Test
    void onlyTheClientPackageImportsSelector() {
        noClasses().that().resideInAPackage("io.dmicro.drpc..")
                .and().resideOutsideOfPackage("io.dmicro.drpc.client..")
                .should().dependOnClassesThat().resideInAPackage("io.dmicro.selector..")
                .check(CORE);
    }

    @Test
    void selectorKnowsNothingOfDrpc() {
        noClasses().that().resideInAPackage("io.dmicro.selector..")
                .should().dependOnClassesThat().resideInAPackage("io.dmicro.drpc..")
                .check(CORE);
    }
}
