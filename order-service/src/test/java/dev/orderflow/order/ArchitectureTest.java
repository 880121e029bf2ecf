package dev.orderflow.order;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.orderflow.localstack.architecture.FollowsServiceArchitecture;
import dev.orderflow.localstack.architecture.ServiceArchitecture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/** The domain stays plain Java; the feature packages depend on it, never the other way round. */
class ArchitectureTest implements FollowsServiceArchitecture {

    private static final String ROOT = "dev.orderflow.order";

    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = ServiceArchitecture.importMainClasses(ROOT);
    }

    @Test
    void domainHasNoFrameworkInIt() {
        noClasses().that().resideInAPackage("dev.orderflow.order.domain..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.springframework..", "jakarta.persistence..", "jakarta.transaction..",
                        "org.hibernate..", "org.apache.kafka..", "tools.jackson..", "com.fasterxml.jackson..",
                        "java.sql..", "javax.sql..", "dev.orderflow.messaging..")
                .check(classes);
    }

    @Test
    void domainDependsOnNoOtherPartOfTheService() {
        noClasses().that().resideInAPackage("dev.orderflow.order.domain..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.orderflow.order.saga..", "dev.orderflow.order.web..", "dev.orderflow.order.store..",
                        "dev.orderflow.order.messaging..",
                        "dev.orderflow.order.placing..", "dev.orderflow.order.config..")
                .check(classes);
    }

    @Test
    void theRuleAboveLooksAtRealClasses() {
        // An ArchUnit rule over a package that does not exist passes vacuously; make sure it does exist.
        classes().that().resideInAPackage("dev.orderflow.order.domain..").should().bePublic()
                .orShould().bePackagePrivate()
                .check(classes);
        assertThat(classes.stream()
                        .filter(type -> type.getPackageName().equals("dev.orderflow.order.domain")))
                .extracting(type -> type.getSimpleName())
                .contains("Order", "OrderStatus", "Orders");
    }

    @Test
    void onlyTheWebLayerKnowsHttp() {
        noClasses().that().resideOutsideOfPackage("dev.orderflow.order.web..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework.web..",
                        "org.springframework.http..", "jakarta.servlet..")
                .check(classes);
    }

    @Override
    public String servicePackage() {
        return ROOT;
    }
}
