package io.dmicro.drpc.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import io.dmicro.drpc.testing.rulefixture.api.Leaky;
import io.dmicro.drpc.testing.rulefixture.api.Tidy;
import io.dmicro.drpc.testing.rulefixture.cycle.a.Left;
import io.dmicro.drpc.testing.rulefixture.cycle.b.Right;
import io.dmicro.drpc.testing.rulefixture.internal.Hidden;
import org.junit.jupiter.api.Test;

/** The shared package rules catch what they are for (the fixtures break them on purpose). */
class PackageRulesTest {

    private static final String FIXTURES = "io.dmicro.drpc.testing.rulefixture";

    @Test
    void aPackageCycleIsReported() {
        JavaClasses classes = new ClassFileImporter().importClasses(Left.class, Right.class);
        EvaluationResult result = PackageRules.noPackageCycles(FIXTURES).evaluate(classes);
        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().toString()).contains("cycle.a").contains("cycle.b");
    }

    @Test
    void aPublicMemberShowingAnInternalTypeIsReported() {
        JavaClasses classes = new ClassFileImporter().importClasses(Leaky.class, Tidy.class, Hidden.class);
        EvaluationResult result = PackageRules.publicApiShowsNoInternalTypes().evaluate(classes);
        assertThat(result.getFailureReport().getDetails()).singleElement().asString()
                .contains("Leaky.shows()").contains("shows internal " + Hidden.class.getName());
    }

    @Test
    void usingAnInternalTypeWithoutShowingItIsFine() {
        JavaClasses classes = new ClassFileImporter().importClasses(Tidy.class, Hidden.class);
        assertThat(PackageRules.publicApiShowsNoInternalTypes().evaluate(classes).hasViolation()).isFalse();
        assertThat(PackageRules.noPackageCycles(FIXTURES).evaluate(classes).hasViolation()).isFalse();
    }
}
