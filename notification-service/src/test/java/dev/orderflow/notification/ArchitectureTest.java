package dev.orderflow.notification;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.orderflow.notification");

    @Test
    void domainKnowsNoFrameworkNoKafkaAndNoOtherLayer() {
        noClasses().that().resideInAPackage("dev.orderflow.notification.domain..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.apache.kafka..",
                        "dev.orderflow.messaging..", "dev.orderflow.notification.delivery..",
                        "dev.orderflow.notification.web..", "dev.orderflow.notification.store..")
                .check(CLASSES);
    }

    @Test
    void onlyTheDispatcherTalksToTheProvider() {
        classes().that().haveSimpleName("NotificationProvider")
                .should().onlyHaveDependentClassesThat().resideInAnyPackage(
                        "dev.orderflow.notification.delivery..", "dev.orderflow.notification.config..")
                .check(CLASSES);
    }
}
