package dev.orderflow.notification;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.orderflow.localstack.architecture.ServiceArchitecture;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Path;
import java.util.stream.Stream;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

class ArchitectureTest {

    private static final String ROOT = "dev.orderflow.notification";

    private static final JavaClasses CLASSES = ServiceArchitecture.importMainClasses(ROOT);

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

    @TestFactory
    Stream<DynamicTest> followsTheRulesOfEveryService() {
        return ServiceArchitecture.rulesOf(ROOT).stream()
                .map(rule -> DynamicTest.dynamicTest(rule.getDescription(), () -> rule.check(CLASSES)));
    }

    @Test
    void everyPackageSaysWhatItIsFor() {
        assertThat(ServiceArchitecture.packagesWithoutPackageInfo(Path.of("src", "main", "java")))
                .as("packages without a package-info.java").isEmpty();
    }
}
