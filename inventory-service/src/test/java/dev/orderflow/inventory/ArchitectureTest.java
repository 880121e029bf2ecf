package dev.orderflow.inventory;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.orderflow.events.Money;
import dev.orderflow.localstack.architecture.FollowsServiceArchitecture;
import dev.orderflow.localstack.architecture.ServiceArchitecture;
import dev.orderflow.messaging.Outbox;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The module structure the code relies on, kept by tests rather than by good intentions. */
class ArchitectureTest implements FollowsServiceArchitecture {

    private static final String ROOT = "dev.orderflow.inventory";

    private static final JavaClasses CLASSES = ServiceArchitecture.importMainClasses(ROOT);

    @Test
    void domainDependsOnNothingButTheJdkAndMoney() {
        classes().that().resideInAPackage("dev.orderflow.inventory.domain..")
                .should().onlyDependOnClassesThat(resideInAnyPackage("java..", "dev.orderflow.inventory.domain..")
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
                .should().dependOnClassesThat().resideInAPackage("dev.orderflow.inventory.store..")
                .check(CLASSES);
    }

    @Override
    public String servicePackage() {
        return ROOT;
    }
}
