package dev.orderflow.deployment;

import dev.orderflow.deployment.Rendered.Tree;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker-compose.yml is accepted by docker-compose, follows the Compose Specification, and starts every service
 * only once what it needs is healthy, so that `docker compose up` needs no manual step.
 */
class ComposeFileTest {

    @Test
    void dockerComposeAcceptsTheFileWithEveryProfile() {
        // Rendering is `docker-compose --profile observability config`: it fails the test on an invalid file.
        assertThat(Tree.map(Rendered.compose(), "services")).containsKeys("kafka", "postgres", "prometheus");
    }

    @Test
    void fileFollowsTheComposeSpecification() {
        Command.requireValidationPackages();

        String output = Command.run(Repository.validationTools(), "node", "validate-compose.mjs",
                Repository.path("docker-compose.yml").toString()).orFail();

        assertThat(output).contains("follows the Compose Specification");
    }

    @Test
    void servicesStartOnlyOnceKafkaPostgresAndTheSimulatorAreHealthy() {
        Map<String, Object> services = Tree.map(Rendered.compose(), "services");
        assertThat(Tree.at(services, "kafka.healthcheck.test")).as("Kafka health check").isNotNull();
        assertThat(Tree.at(services, "postgres.healthcheck.test")).as("PostgreSQL health check").isNotNull();
        for (ServiceEnvironment service : ServiceEnvironment.compose()) {
            Map<String, Object> dependsOn = Tree.map(services.get(service.service()), "depends_on");
            if (service.variables().containsKey("SPRING_KAFKA_BOOTSTRAP_SERVERS")) {
                assertThat(Tree.at(dependsOn, "kafka.condition")).as("%s waits for Kafka", service.service())
                        .isEqualTo("service_healthy");
            }
            if (service.variables().containsKey("SPRING_DATASOURCE_URL")) {
                assertThat(Tree.at(dependsOn, "postgres.condition")).as("%s waits for PostgreSQL", service.service())
                        .isEqualTo("service_healthy");
            }
            if (service.variables().values().stream().anyMatch(v -> String.valueOf(v.literal()).contains(
                    "//" + Repository.SIMULATOR + ":"))) {
                assertThat(Tree.at(dependsOn, Repository.SIMULATOR + ".condition"))
                        .as("%s waits for the simulator", service.service()).isEqualTo("service_healthy");
            }
        }
    }

    @Test
    void orderflowImagesAreBuiltFromThisRepositoryNeverPulled() {
        Map<String, Object> services = Tree.map(Rendered.compose(), "services");
        for (String service : Repository.IN_COMPOSE) {
            assertThat(Tree.at(services, service + ".pull_policy")).as("pull policy of %s", service).isEqualTo("build");
        }
    }

    @Test
    void prometheusScrapesEveryServiceOnItsPort() {
        String prometheus = Repository.read(Repository.path("docker/observability/prometheus.yml"));
        assertThat(prometheus).contains("metrics_path: /actuator/prometheus");
        Map<String, Object> services = Tree.map(Rendered.compose(), "services");
        for (String service : Repository.SERVICES) {
            Object port = Tree.at(services, service + ".build.args.PORT");
            assertThat(prometheus).contains("\"" + service + ":" + port + "\"");
        }
    }
}
