package dev.orderflow.payment;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.orderflow.localstack.architecture.ServiceArchitecture;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Path;
import java.util.stream.Stream;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/** The domain knows no storage and no gateway; only the gateway client talks HTTP to the outside. */
class ArchitectureTest {

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
