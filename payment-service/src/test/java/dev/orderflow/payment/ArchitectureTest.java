package dev.orderflow.payment;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

@AnalyzeClasses(packages = "dev.orderflow.payment", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule domainKnowsNothingOfSpringOrKafka = noClasses()
            .that().resideInAPackage("dev.orderflow.payment.domain..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.apache.kafka..",
                    "dev.orderflow.messaging..", "dev.orderflow.payment.store..", "dev.orderflow.payment.psp..");

    @ArchTest
    static final ArchRule onlyTheGatewayClientTalksHttp = noClasses()
            .that().resideOutsideOfPackage("dev.orderflow.payment.psp..")
            .should().dependOnClassesThat().haveFullyQualifiedName("org.springframework.web.client.RestClient");
}
