package dev.orderflow.console;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.orderflow.localstack.architecture.FollowsServiceArchitecture;
import dev.orderflow.localstack.architecture.ServiceArchitecture;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

class ArchitectureTest implements FollowsServiceArchitecture {

    private static final String ROOT = "dev.orderflow.console";

    private static final JavaClasses CLASSES = ServiceArchitecture.importMainClasses(ROOT);

    /** The console reads the topics; it never writes to them, nor to any other service's database. */
    @Test
    void appendsNothingToTheOutbox() {
        noClasses().that().resideInAPackage(ROOT + "..")
                .should().dependOnClassesThat().haveFullyQualifiedName("dev.orderflow.messaging.Outbox")
                .check(CLASSES);
    }

    @Override
    public String servicePackage() {
        return ROOT;
    }
}
