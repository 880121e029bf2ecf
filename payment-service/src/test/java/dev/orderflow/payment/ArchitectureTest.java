package dev.orderflow.payment;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.orderflow.localstack.architecture.FollowsServiceArchitecture;
import dev.orderflow.localstack.architecture.ServiceArchitecture;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The domain knows no storage and no gateway; only the gateway client talks HTTP to the outside. */
class ArchitectureTest implements FollowsServiceArchitecture {

    private static final String ROOT = "dev.orderflow.payment";

    private static final JavaClasses CLASSES = ServiceArchitecture.importMainClasses(ROOT);

    @Test
    void domainKnowsNothingOfSpringKafkaStorageOrTheGateway() {
        noClasses().that().resideInAPackage("dev.orderflow.payment.domain..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.apache.kafka..",
                        "dev.orderflow.messaging..", "dev.orderflow.payment.store..", "dev.orderflow.payment.psp..")
                .check(CLASSES);
    }

    @Test
    void onlyTheGatewayClientTalksHttp() {
        noClasses().that().resideOutsideOfPackage("dev.orderflow.payment.psp..")
                .should().dependOnClassesThat().haveFullyQualifiedName("org.springframework.web.client.RestClient")
                .check(CLASSES);
    }

    @Override
    public String servicePackage() {
        return ROOT;
    }
}
