package dev.orderflow.notification;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.orderflow.localstack.architecture.FollowsServiceArchitecture;
import dev.orderflow.localstack.architecture.ServiceArchitecture;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

class ArchitectureTest implements FollowsServiceArchitecture {

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

    @Override
    public String servicePackage() {
        return ROOT;
    }
}
