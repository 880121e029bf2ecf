package dev.orderflow.events;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.orderflow.events.inventory.InventoryCommand;
import dev.orderflow.events.inventory.InventoryEvent;
import dev.orderflow.events.inventory.ProductEvent;
import dev.orderflow.events.order.OrderEvent;
import dev.orderflow.events.payment.PaymentCommand;
import dev.orderflow.events.payment.PaymentEvent;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contracts are plain Java every service can read: no framework, no JSON library outside the codec, and
 * messages that are immutable records.
 */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("dev.orderflow.events");

    @Test
    void importsTheClassesTheRulesAreAbout() {
        assertThat(CLASSES.stream().map(type -> type.getSimpleName()))
                .contains("OrderPlaced", "ReserveStock", "PaymentAuthorized", "MessageCodec", "Topics");
    }

    @Test
    void knowsNoFrameworkAndNoKafka() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.apache.kafka..",
                        "jakarta..", "dev.orderflow.messaging..")
                .check(CLASSES);
    }

    @Test
    void onlyTheCodecKnowsJson() {
        noClasses().that().resideOutsideOfPackage("dev.orderflow.events.wire..")
                .should().dependOnClassesThat().resideInAnyPackage("tools.jackson..", "com.fasterxml.jackson..")
                .check(CLASSES);
    }

    @Test
    void everyMessageIsARecordOfItsProducersSealedFamily() {
        classes().that().implement(OrderEvent.class).or().implement(InventoryCommand.class)
                .or().implement(InventoryEvent.class).or().implement(ProductEvent.class)
                .or().implement(PaymentCommand.class).or().implement(PaymentEvent.class)
                .should().beRecords()
                .check(CLASSES);
    }
}
