package dev.orderflow.inventory;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.orderflow.events.Money;
import dev.orderflow.localstack.architecture.ServiceArchitecture;
import dev.orderflow.messaging.Outbox;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.data.repository.Repository;

import java.nio.file.Path;
import java.util.stream.Stream;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/** The module structure the code relies on, kept by tests rather than by good intentions. */
class ArchitectureTest {

    private static final String ROOT = "dev.orderflow.inventory";

    private static final JavaClasses CLASSES = ServiceArchitecture.importMainClasses(ROOT);

    @Test
    void domainDependsOnNothingButTheJdkJpaAndMoney() {
        classes().that().resideInAPackage("dev.orderflow.inventory.domain..")
                .should().onlyDependOnClassesThat(resideInAnyPackage("java..", "jakarta.persistence..",
                        "org.hibernate.annotations..", "dev.orderflow.inventory.domain..")
                        .or(equivalentTo(Money.class)))
                .check(CLASSES);
    }

    @Test
    void onlyTheStockUseCasesAppendToTheOutbox() {
        noClasses().that().resideOutsideOfPackage("dev.orderflow.inventory.stock..")
                .should().dependOnClassesThat().belongToAnyOf(Outbox.class)
                .check(CLASSES);
    }

    @Test
    void theWebLayerGoesThroughTheCatalogNotTheRepositories() {
        noClasses().that().resideInAPackage("dev.orderflow.inventory.web..")
                .should().dependOnClassesThat().areAssignableTo(Repository.class)
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
