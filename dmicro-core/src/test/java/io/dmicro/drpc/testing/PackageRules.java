package io.dmicro.drpc.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.dependencies.SliceRule;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The package lines every module holds (DESIGN.md), as ArchUnit rules a module's architecture test
 * checks against its own main classes:
 *
 * <ul>
 *   <li>no package depends on itself through others: each package, apart from its sub-packages,
 *       is one slice, and the slices form no cycle;
 *   <li>the public API never shows an {@code internal} type: a public type outside an
 *       {@code internal} package has no internal supertype, and none of its public or protected
 *       fields, methods and constructors takes, returns or throws one.
 * </ul>
 */
public final class PackageRules {

    private PackageRules() {
    }

    /** The main (not test) classes of the packages under {@code rootPackage}, as this module built them. */
    public static JavaClasses mainClasses(String rootPackage) {
        return new ClassFileImporter()
                // not DO_NOT_INCLUDE_TESTS: it knows only target/, and a build may use -Ddmicro.target=...
                .withImportOption(location -> !location.contains("/test-classes/"))
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages(rootPackage);
    }

    /**
     * Every package under {@code rootPackage} is a slice; no slice reaches itself again. Pass the
     * parent of a module's top package ({@code io.dmicro}) so that the top package is a slice too.
     */
    public static SliceRule noPackageCycles(String rootPackage) {
        return slices().matching(rootPackage + ".(**)").namingSlices("package $1").should().beFreeOfCycles();
    }

    /**
     * Public types outside {@code internal} packages never show an internal type in what they make
     * public; {@code exempt} names packages not held to it yet (say why where you pass them).
     */
    public static ArchRule publicApiShowsNoInternalTypes(String... exempt) {
        return classes().that().resideOutsideOfPackage("..internal..").and().resideOutsideOfPackages(exempt).and().arePublic()
                .should(showNoInternalTypes())
                .allowEmptyShould(true);
    }

    private static ArchCondition<JavaClass> showNoInternalTypes() {
        return new ArchCondition<>("show no internal type in their public or protected signatures") {
            @Override
            public void check(JavaClass type, ConditionEvents events) {
                if (!isVisible(type)) {
                    return; // a public type nested in a non-public one is not API
                }
                Set<JavaClass> supertypes = new LinkedHashSet<>(type.getRawInterfaces());
                type.getRawSuperclass().ifPresent(supertypes::add);
                for (JavaClass supertype : supertypes) {
                    if (isInternal(supertype)) {
                        events.add(SimpleConditionEvent.violated(type, type.getName() + " extends internal " + supertype.getName()));
                    }
                }
                for (JavaMember member : type.getMembers()) {
                    if (!member.getModifiers().contains(JavaModifier.PUBLIC) && !member.getModifiers().contains(JavaModifier.PROTECTED)) {
                        continue;
                    }
                    Set<JavaClass> shownTypes = new LinkedHashSet<>(member.getAllInvolvedRawTypes());
                    if (member instanceof JavaCodeUnit code) {
                        shownTypes.addAll(code.getThrowsClause().getTypes());
                    }
                    for (JavaClass shown : shownTypes) {
                        if (isInternal(shown)) {
                            events.add(SimpleConditionEvent.violated(member, member.getFullName() + " shows internal " + shown.getName()));
                        }
                    }
                }
            }
        };
    }

    private static boolean isVisible(JavaClass type) {
        return type.getModifiers().contains(JavaModifier.PUBLIC) && type.getEnclosingClass().map(PackageRules::isVisible).orElse(true);
    }

    private static boolean isInternal(JavaClass type) {
        String pkg = type.getBaseComponentType().getPackageName();
        return pkg.endsWith(".internal") || pkg.contains(".internal.");
    }
}
