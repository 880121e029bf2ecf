package dev.orderflow.deployment;

import dev.orderflow.deployment.Rendered.KubeObject;
import dev.orderflow.deployment.Rendered.Tree;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The three ways of running orderflow (the embedded default, docker-compose.yml, k8s/) use one set of setting
 * names: compose and k8s may only set what a service really reads, must set what cannot work in a container as
 * defaulted, and agree with the embedded default on databases and ports.
 */
class ConfigurationDriftTest {

    private static final Map<String, EmbeddedConfiguration> CONFIGURATIONS = new ConcurrentHashMap<>();

    private static EmbeddedConfiguration configurationOf(String service) {
        return CONFIGURATIONS.computeIfAbsent(service, EmbeddedConfiguration::of);
    }

    @TestFactory
    Stream<DynamicTest> everyVariableIsASettingOfItsService() {
        return ServiceEnvironment.everywhere().stream().map(environment -> DynamicTest.dynamicTest(
                environment.describe(), () -> {
                    EmbeddedConfiguration configuration = configurationOf(environment.service());
                    assertThat(environment.variables().keySet()).filteredOn(v -> !configuration.accepts(v))
                            .as("variables of %s that are no setting of %s (not a key of its application.yml, "
                                    + "nor of its @ConfigurationProperties)", environment.describe(),
                                    environment.service())
                            .isEmpty();
                }));
    }

    @TestFactory
    Stream<DynamicTest> infrastructureAndLocalhostDefaultsAreOverridden() {
        return ServiceEnvironment.everywhere().stream().map(environment -> DynamicTest.dynamicTest(
                environment.describe(), () -> {
                    EmbeddedConfiguration configuration = configurationOf(environment.service());
                    assertThat(configuration.keysToOverride(environment.activeProfiles()))
                            .filteredOn(key -> !EmbeddedConfiguration.isSetBy(key, environment.variables().keySet()))
                            .as("settings of %s that %s must set but does not (infrastructure, or a default "
                                    + "pointing at localhost)", environment.service(), environment.where())
                            .isEmpty();
                }));
    }

    @Test
    void composeUsesTheServicesDatabasesAndPorts() {
        Map<String, Object> services = Tree.map(Rendered.compose(), "services");
        for (ServiceEnvironment environment : ServiceEnvironment.compose()) {
            EmbeddedConfiguration configuration = configurationOf(environment.service());
            Object definition = services.get(environment.service());
            String port = String.valueOf(environment.port(configuration));
            assertThat(Tree.maps(definition, "ports")).as("published ports of %s", environment.service())
                    .anySatisfy(p -> assertThat(String.valueOf(p.get("target"))).isEqualTo(port));
            assertThat(Tree.at(definition, "build.args.PORT")).as("image health-check port of %s",
                    environment.service()).hasToString(port);
            assertThat(Tree.at(definition, "build.args.SERVICE")).hasToString(environment.service());
            configuration.databaseName().ifPresent(database -> assertThat(environment.literal("SPRING_DATASOURCE_URL"))
                    .as("database of %s", environment.service())
                    .isEqualTo("jdbc:postgresql://postgres:5432/" + database));
        }
    }

    @Test
    void composeCreatesTheDatabaseOfEveryService() {
        String initScript = Repository.read(Repository.path("docker/postgres/init-databases.sh"));
        List<String> created = List.of(initScript.replaceAll("(?s).*\\bfor db in ([\\w ]+);.*", "$1").trim().split(" "));
        List<String> needed = Repository.IN_COMPOSE.stream().map(ConfigurationDriftTest::configurationOf)
                .flatMap(c -> c.databaseName().stream()).toList();
        assertThat(created).containsExactlyInAnyOrderElementsOf(needed);
    }

    @TestFactory
    Stream<DynamicTest> kubernetesUsesTheServicesDatabasesPortsAndConsumerGroups() {
        return Repository.overlays().stream().map(overlay -> DynamicTest.dynamicTest(overlay, () -> {
            List<KubeObject> objects = Rendered.overlay(overlay);
            for (ServiceEnvironment environment : ServiceEnvironment.kubernetes(overlay)) {
                EmbeddedConfiguration configuration = configurationOf(environment.service());
                KubeObject deployment = find(objects, "Deployment", environment.service());
                assertThat(Tree.maps(ServiceEnvironment.mainContainer(deployment), "ports"))
                        .as("container ports of %s", deployment.describe())
                        .anySatisfy(p -> assertThat(p.get("containerPort")).isEqualTo(environment.port(configuration)));
                configuration.databaseName().ifPresent(database -> {
                    String cluster = database + "-db";
                    KubeObject postgres = find(objects, "Cluster", cluster);
                    assertThat(postgres.get("spec.bootstrap.initdb.database")).isEqualTo(database);
                    assertThat(environment.literal("SPRING_DATASOURCE_URL")).as("database of %s",
                            environment.describe()).isEqualTo("jdbc:postgresql://" + cluster + "-rw:5432/" + database);
                    // Credentials come from the Secret CloudNativePG generates for the cluster's owner, never a literal.
                    assertThat(environment.variables().get("SPRING_DATASOURCE_USERNAME"))
                            .isEqualTo(new ServiceEnvironment.Value(null, cluster + "-app", "username"));
                    assertThat(environment.variables().get("SPRING_DATASOURCE_PASSWORD"))
                            .isEqualTo(new ServiceEnvironment.Value(null, cluster + "-app", "password"));
                });
                objects.stream().filter(o -> "ScaledObject".equals(o.kind()))
                        .filter(o -> environment.service().equals(o.get("spec.scaleTargetRef.name")))
                        .flatMap(o -> Tree.maps(o.content(), "spec.triggers").stream())
                        .filter(trigger -> "kafka".equals(trigger.get("type")))
                        .forEach(trigger -> assertThat(Tree.at(trigger, "metadata.consumerGroup"))
                                .as("KEDA consumer group of %s (messaging's group is spring.application.name)",
                                        environment.describe())
                                .isEqualTo(configuration.applicationName()));
            }
        }));
    }

    @Test
    void everyServiceRunsInComposeAndEveryOverlay() {
        assertThat(ServiceEnvironment.compose()).extracting(ServiceEnvironment::service)
                .containsExactlyInAnyOrderElementsOf(Repository.IN_COMPOSE);
        for (String overlay : Repository.overlays()) {
            assertThat(ServiceEnvironment.kubernetes(overlay)).extracting(ServiceEnvironment::service)
                    .as("Deployments of k8s/overlays/%s", overlay)
                    .containsAll(Repository.IN_EVERY_OVERLAY)
                    .allMatch(Repository.IN_COMPOSE::contains);
        }
    }

    static KubeObject find(List<KubeObject> objects, String kind, String name) {
        return objects.stream().filter(o -> kind.equals(o.kind()) && Objects.equals(name, o.name())).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + "/" + name + " among " + objects.size()
                        + " rendered objects"));
    }
}
