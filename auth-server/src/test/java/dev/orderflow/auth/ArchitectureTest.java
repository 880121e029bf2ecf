package dev.orderflow.auth;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_USE_FIELD_INJECTION;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/** The structure of the authorization server: keys, users and settings apart, the keys seeing nothing of the web. */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.orderflow.auth");

    @Test
    void importsTheServersPackages() {
        // Rules over packages that are not there pass vacuously.
        assertThat(CLASSES.stream().map(type -> type.getPackageName()).distinct())
                .contains("dev.orderflow.auth.config", "dev.orderflow.auth.keys", "dev.orderflow.auth.users",
                        "dev.orderflow.auth.web");
    }

    @Test
    void theKeysKnowNothingOfHttpOrOfUsers() {
        noClasses().that().resideInAPackage("dev.orderflow.auth.keys..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework.web..", "jakarta.servlet..",
                        "dev.orderflow.auth.users..", "org.springframework.security.core.userdetails..")
                .check(CLASSES);
    }

    @Test
    void featurePackagesHaveNoCycles() {
        slices().matching("dev.orderflow.auth.(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void followsTheHouseCodingRules() {
        NO_CLASSES_SHOULD_USE_FIELD_INJECTION.check(CLASSES);
        NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS.check(CLASSES);
        NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING.check(CLASSES);
    }
}
