package dev.orderflow.messaging;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.orderflow.localstack.architecture.ServiceArchitecture;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_USE_FIELD_INJECTION;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/** One implementation for every service, so it knows none of them; its parts have no cycles between them. */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("dev.orderflow.messaging");

    @Test
    void importsTheClassesTheRulesAreAbout() {
        assertThat(CLASSES.stream().map(type -> type.getSimpleName()))
                .contains("Outbox", "OutboxRelay", "Inbox", "CloudEventHeaders", "DeadLetters");
    }

    @Test
    void knowsNoService() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("dev.orderflow.order..",
                        "dev.orderflow.inventory..", "dev.orderflow.payment..", "dev.orderflow.notification..")
                .check(CLASSES);
    }

    @Test
    void itsPartsHaveNoCyclesBetweenThem() {
        slices().matching("dev.orderflow.messaging.(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void onlyTheRelayAndTheDeadLettersProduceToKafka() {
        noClasses().that().resideOutsideOfPackages("dev.orderflow.messaging.outbox..",
                        "dev.orderflow.messaging.deadletter..", "dev.orderflow.messaging")
                .should().dependOnClassesThat().haveFullyQualifiedName("org.apache.kafka.clients.producer.Producer")
                .orShould().dependOnClassesThat()
                .haveFullyQualifiedName("org.springframework.kafka.core.KafkaTemplate")
                .check(CLASSES);
    }

    @Test
    void followsTheCodingRulesOfEveryService() {
        NO_CLASSES_SHOULD_USE_FIELD_INJECTION.check(CLASSES);
        NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS.check(CLASSES);
        NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING.check(CLASSES);
    }

    @Test
    void everyPackageSaysWhatItIsFor() {
        assertThat(ServiceArchitecture.packagesWithoutPackageInfo(Path.of("src", "main", "java")))
                .as("packages without a package-info.java").isEmpty();
    }
}
