package dev.orderflow.localstack.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The architecture tests every service runs, as a JUnit interface: a service's {@code ArchitectureTest} implements
 * it, names its root package, and adds the rules only it has.
 */
public interface FollowsServiceArchitecture {

    /** The service's root package, e.g. {@code dev.orderflow.order}. */
    String servicePackage();

    @TestFactory
    default Stream<DynamicTest> followsTheRulesOfEveryService() {
        JavaClasses classes = ServiceArchitecture.importMainClasses(servicePackage());
        return ServiceArchitecture.rulesOf(servicePackage()).stream()
                .map(rule -> DynamicTest.dynamicTest(rule.getDescription(), () -> rule.check(classes)));
    }

    @Test
    default void everyPackageSaysWhatItIsFor() {
        List<Path> missing = ServiceArchitecture.packagesWithoutPackageInfo(Path.of("src", "main", "java"));
        if (!missing.isEmpty()) {
            throw new AssertionError("packages without a package-info.java: " + missing);
        }
    }
}
