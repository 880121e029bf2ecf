package dev.orderflow.localstack.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_USE_FIELD_INJECTION;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The structure every orderflow service shares, as ArchUnit rules of one strength for all four: a {@code domain}
 * package without framework, Kafka, JSON or JDBC in it and without a way back to the rest of the service; HTTP
 * served only by {@code web}; a {@code store} of repositories that sees only the domain, and hand-written tables
 * outside it private to their feature; feature packages without cycles; no field injection, no standard streams, no
 * {@code java.util.logging}. A service's own architecture test adds what only it has.
 *
 * <p>Rules over packages that do not exist pass vacuously, so {@link #importMainClasses} fails when the packages
 * the rules name are missing or empty, and every rule here but one (tables outside {@code store}, which most
 * services do not have) fails when its {@code that()} matches no class.
 */
public final class ServiceArchitecture {

    /** What a domain may never see. JPA annotations are allowed: they are how persistence types say their table. */
    private static final String[] OUTSIDE_THE_DOMAIN = {"org.springframework..", "org.apache.kafka..",
            "tools.jackson..", "com.fasterxml.jackson..", "java.sql..", "javax.sql..", "jakarta.servlet..",
            "io.micrometer..", "io.github.resilience4j..", "dev.orderflow.messaging.."};

    /** The parts of Spring MVC that serve HTTP, as opposed to calling out (RestClient) or describing it (status). */
    private static final String[] SERVING_HTTP = {"org.springframework.web.bind.annotation..",
            "org.springframework.web.servlet..", "jakarta.servlet.."};

    /** The packages every service has, each with at least one class. */
    private static final List<String> REQUIRED_PACKAGES = List.of("domain", "web", "messaging", "store", "config");

    /** Spring's ways of writing SQL by hand; Spring Data's repositories and JPA's entity manager are not among them. */
    private static final DescribedPredicate<JavaClass> WRITES_SQL_BY_HAND = DescribedPredicate.describe(
            "write SQL by hand", type -> type.getDirectDependenciesFromSelf().stream()
                    .anyMatch(dependency -> dependency.getTargetClass().getPackageName()
                            .startsWith("org.springframework.jdbc.core")));

    /** Imported once per JVM and root: several tests of a service look at the same classes. */
    private static final Map<String, JavaClasses> IMPORTED = new ConcurrentHashMap<>();

    private ServiceArchitecture() {
    }

    /**
     * The main classes under {@code root} (e.g. {@code dev.orderflow.order}), once it is certain that they hold
     * every package the rules name.
     */
    public static JavaClasses importMainClasses(String root) {
        return IMPORTED.computeIfAbsent(root, ServiceArchitecture::importChecked);
    }

    private static JavaClasses importChecked(String root) {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages(root);
        for (String required : REQUIRED_PACKAGES) {
            String name = root + "." + required;
            if (classes.stream().noneMatch(type -> type.getPackageName().equals(name))) {
                throw new AssertionError("no class in " + name + ": the architecture rules would pass vacuously");
            }
        }
        return classes;
    }

    /** Every rule of this class for the service under {@code root}. */
    public static List<ArchRule> rulesOf(String root) {
        return List.of(domainKnowsNoFramework(root), domainKnowsNoOtherPartOfTheService(root),
                onlyTheWebLayerServesHttp(root), featurePackagesAreFreeOfCycles(root),
                theStoreServesTheDomainOnly(root), tablesOutsideTheStoreStayInTheirFeature(root),
                NO_CLASSES_SHOULD_USE_FIELD_INJECTION, NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS,
                NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING);
    }

    public static ArchRule domainKnowsNoFramework(String root) {
        return noClasses().that().resideInAPackage(root + ".domain..")
                .should().dependOnClassesThat().resideInAnyPackage(OUTSIDE_THE_DOMAIN)
                .allowEmptyShould(false)
                .because("the business rules are tested and read without Spring, Kafka, JSON or JDBC");
    }

    public static ArchRule domainKnowsNoOtherPartOfTheService(String root) {
        DescribedPredicate<JavaClass> restOfTheService = resideInAPackage(root + "..")
                .and(DescribedPredicate.not(resideInAPackage(root + ".domain..")));
        return noClasses().that().resideInAPackage(root + ".domain..")
                .should().dependOnClassesThat(restOfTheService)
                .allowEmptyShould(false)
                .because("the rest of the service depends on the domain, never the other way round");
    }

    public static ArchRule onlyTheWebLayerServesHttp(String root) {
        return noClasses().that().resideInAPackage(root + "..")
                .and().resideOutsideOfPackage(root + ".web..")
                .should().dependOnClassesThat().resideInAnyPackage(SERVING_HTTP)
                .allowEmptyShould(false)
                .because("requests, responses and their problems live in one place");
    }

    /**
     * {@code store} holds the repositories of the domain's types: it sees the domain and nothing else of the
     * service, so every feature can use it.
     */
    public static ArchRule theStoreServesTheDomainOnly(String root) {
        DescribedPredicate<JavaClass> restOfTheService = resideInAPackage(root + "..")
                .and(DescribedPredicate.not(resideInAnyPackage(root + ".domain..", root + ".store..")));
        return noClasses().that().resideInAPackage(root + ".store..")
                .should().dependOnClassesThat(restOfTheService)
                .allowEmptyShould(false)
                .because("a repository of the domain's types belongs to no feature");
    }

    /**
     * A table that is one feature's own state (order's saga rows and idempotency keys) is written next to that
     * feature, package-private, instead of in {@code store}: its rows are the feature's types, and putting it in
     * {@code store} would make the two packages depend on each other. Nothing else may reach it.
     */
    public static ArchRule tablesOutsideTheStoreStayInTheirFeature(String root) {
        return classes().that().resideInAPackage(root + "..")
                .and().resideOutsideOfPackages(root + ".store..", root + ".config..")
                .and(WRITES_SQL_BY_HAND)
                .should().notBePublic()
                .allowEmptyShould(true) // most services have no such table
                .because("a table outside store is the private state of the feature beside it");
    }

    /**
     * No cycles between the feature packages. {@code config} is left out as a target: it is the wiring, which
     * sees every feature, and it holds the settings records that every feature reads.
     */
    public static ArchRule featurePackagesAreFreeOfCycles(String root) {
        return slices().matching(root + ".(*)..").should().beFreeOfCycles()
                .ignoreDependency(DescribedPredicate.alwaysTrue(), resideInAPackage(root + ".config.."))
                .allowEmptyShould(false);
    }

    /**
     * Every package under {@code sourceRoot} (a module's {@code src/main/java}) that holds a class has a
     * {@code package-info.java}: one sentence of what the package is for.
     */
    public static List<Path> packagesWithoutPackageInfo(Path sourceRoot) {
        try (Stream<Path> files = Files.walk(sourceRoot)) {
            return files.filter(Files::isRegularFile)
                    .filter(file -> file.getFileName().toString().endsWith(".java"))
                    .map(Path::getParent)
                    .distinct()
                    .filter(directory -> !Files.exists(directory.resolve("package-info.java")))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
