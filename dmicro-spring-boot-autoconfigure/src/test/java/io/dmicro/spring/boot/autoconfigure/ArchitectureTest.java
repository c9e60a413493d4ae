package io.dmicro.spring.boot.autoconfigure;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import io.dmicro.drpc.testing.PackageRules;
import io.dmicro.spring.boot.autoconfigure.internal.DrpcClientsRegistrar;
import org.junit.jupiter.api.Test;

/** The package lines every module holds (DESIGN.md), over this module's main classes. */
class ArchitectureTest {

    private static final String ROOT = "io.dmicro.spring.boot.autoconfigure";
    private static final JavaClasses MAIN = PackageRules.mainClasses("io.dmicro.spring");

    /**
     * Each package is a slice, except that the root package holds two layers, as Spring Boot's
     * starters do: the user API (annotations, properties, the configuration exception) that every
     * sub-package may use, and the {@code *AutoConfiguration} classes that wire the sub-packages
     * together. Neither layer may reach itself again through the others.
     */
    private static final SliceAssignment PACKAGES_WITH_THE_ROOTS_TWO_LAYERS = new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass type) {
            if (!type.getPackageName().startsWith("io.dmicro.spring")) {
                return SliceIdentifier.ignore();
            }
            String topLevel = type.getName().contains("$") ? type.getName().substring(0, type.getName().indexOf('$')) : type.getName();
            if (type.getPackageName().equals(ROOT) && topLevel.endsWith("AutoConfiguration")) {
                return SliceIdentifier.of("root auto-configurations");
            }
            return SliceIdentifier.of("package " + type.getPackageName());
        }

        @Override
        public String getDescription() {
            return "packages, the root's auto-configurations apart from its API";
        }
    };

    /**
     * {@code @EnableDrpcClients} imports its registrar, which reads the annotation back: Spring's
     * {@code @Enable*} pattern. That one reference is allowed to close a loop.
     */
    @Test
    void noPackageCycles() {
        slices().assignedFrom(PACKAGES_WITH_THE_ROOTS_TWO_LAYERS).should().beFreeOfCycles()
                .ignoreDependency(EnableDrpcClients.class, DrpcClientsRegistrar.class)
                .check(MAIN);
    }

    /** The starter is a user of the engine like any other: it builds on core's public API only. */
    @Test
    void usesNoEngineInternals() {
        com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses().should().dependOnClassesThat()
                .resideInAPackage("io.dmicro.drpc.internal..").check(MAIN);
    }

    /** As Spring Boot's own: an auto-configuration is public, final and proxies no bean methods. */
    @Test
    void autoConfigurationsArePublicFinalClasses() {
        com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes()
                .that().areAnnotatedWith(org.springframework.boot.autoconfigure.AutoConfiguration.class)
                .should().bePublic().andShould().haveModifier(com.tngtech.archunit.core.domain.JavaModifier.FINAL)
                .check(MAIN);
    }

    @Test
    void publicApiShowsNoInternalTypes() {
        PackageRules.publicApiShowsNoInternalTypes().check(MAIN);
    }
}
