package dev.orderflow.deployment;

import dev.orderflow.deployment.Rendered.KubeObject;
import dev.orderflow.deployment.Rendered.Tree;
import dev.orderflow.events.Topics;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every overlay renders with kubectl and every rendered object matches its schema (Kubernetes, Strimzi,
 * CloudNativePG, KEDA, Prometheus Operator) with no unknown field; and what the design promises of the
 * deployment holds in each overlay.
 */
class KubernetesManifestsTest {

    @Test
    void everyOverlayRendersAndEveryObjectMatchesItsSchema() {
        List<String> command = new ArrayList<>(List.of("node", "validate-k8s.mjs"));
        Repository.overlays().forEach(overlay -> command.add(Rendered.overlayFile(overlay).toString()));
        Command.requireValidationPackages();

        String output = Command.run(Repository.validationTools(), command.toArray(String[]::new)).orFail();

        assertThat(output).contains("Kubernetes objects valid");
    }

    /** The validator is only worth something if it fails: one broken object of each kind of mistake. */
    @Test
    void validatorRejectsUnknownFieldsWrongTypesMissingFieldsAndUnknownKinds() throws IOException {
        Command.requireValidationPackages();
        Path broken = Files.writeString(Repository.workDirectory().resolve("broken.yaml"), """
                apiVersion: apps/v1
                kind: Deployment
                metadata: { name: misspelt }
                spec:
                  selector: { matchLabels: { app: x } }
                  template:
                    metadata: { labels: { app: x } }
                    spec:
                      containers:
                        - name: x
                          image: x:1
                          readinesProbe: { httpGet: { path: /, port: 80 } }
                ---
                apiVersion: kafka.strimzi.io/v1
                kind: KafkaTopic
                metadata: { name: wrong-type, labels: { strimzi.io/cluster: orderflow } }
                spec: { partitions: six, replicas: 1 }
                ---
                apiVersion: postgresql.cnpg.io/v1
                kind: Cluster
                metadata: { name: wrong-enum }
                spec: { instances: 1, storage: { size: 1Gi }, primaryUpdateStrategy: whenever }
                ---
                apiVersion: example.com/v1
                kind: Unheard
                metadata: { name: unknown-kind }
                """);

        Command.Result result = Command.run(Repository.validationTools(), "node", "validate-k8s.mjs",
                broken.toString());

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.stderr())
                .contains("Deployment/misspelt", "readinesProbe")
                .contains("KafkaTopic/wrong-type", "/spec/partitions must be integer")
                .contains("Cluster/wrong-enum", "primaryUpdateStrategy")
                .contains("Unheard/unknown-kind", "no schema");
    }

    @TestFactory
    Stream<DynamicTest> containersRunNonRootReadOnlyWithProbesAndResources() {
        return deployments().map(deployment -> DynamicTest.dynamicTest(deployment.describe(), () -> {
            Map<String, Object> pod = Tree.map(deployment.content(), "spec.template.spec");
            assertThat(Tree.at(pod, "securityContext.runAsNonRoot")).isEqualTo(true);
            assertThat(Tree.at(pod, "securityContext.seccompProfile.type")).isEqualTo("RuntimeDefault");
            for (Map<String, Object> container : Tree.maps(pod, "containers")) {
                assertThat(Tree.at(container, "securityContext.readOnlyRootFilesystem")).isEqualTo(true);
                assertThat(Tree.at(container, "securityContext.allowPrivilegeEscalation")).isEqualTo(false);
                assertThat(Tree.at(container, "securityContext.capabilities.drop")).isEqualTo(List.of("ALL"));
                assertThat(Tree.maps(container, "volumeMounts")).as("a writable /tmp")
                        .anySatisfy(m -> assertThat(m.get("mountPath")).isEqualTo("/tmp"));
                assertThat(Tree.at(container, "startupProbe.httpGet.path")).isEqualTo("/actuator/health/liveness");
                assertThat(Tree.at(container, "livenessProbe.httpGet.path")).isEqualTo("/actuator/health/liveness");
                assertThat(Tree.at(container, "readinessProbe.httpGet.path")).isEqualTo("/actuator/health/readiness");
                assertThat(Tree.at(container, "resources.requests.cpu")).isNotNull();
                assertThat(Tree.at(container, "resources.requests.memory")).isNotNull();
                assertThat(Tree.at(container, "resources.limits.memory")).isNotNull();
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyServiceHasDisruptionBudgetNetworkPolicyOneAutoscalerAndMonitoring() {
        return Repository.overlays().stream().flatMap(overlay -> Repository.SERVICES.stream().map(service ->
                DynamicTest.dynamicTest(overlay + ": " + service, () -> {
                    List<KubeObject> objects = Rendered.overlay(overlay);
                    assertThat(selecting(objects, "PodDisruptionBudget", "spec.selector", service)).hasSize(1);
                    List<KubeObject> policies = selecting(objects, "NetworkPolicy", "spec.podSelector", service);
                    assertThat(policies).as("network policies of %s", service)
                            .anySatisfy(p -> assertThat(p.get("spec.policyTypes")).isEqualTo(List.of("Ingress", "Egress")));
                    long autoscalers = objects.stream()
                            .filter(o -> List.of("HorizontalPodAutoscaler", "ScaledObject").contains(o.kind()))
                            .filter(o -> service.equals(o.get("spec.scaleTargetRef.name"))).count();
                    assertThat(autoscalers).as("autoscalers of %s (two would fight over the replicas)", service)
                            .isEqualTo(1);
                    assertThat(selecting(objects, "ServiceMonitor", "spec.selector", service)).hasSize(1);
                })));
    }

    /**
     * The authorization server runs in every overlay, every resource server (every Deployment but the server itself)
     * trusts exactly its issuer and may reach it through the network policies, and Prometheus scrapes with the
     * operator client's credentials from the same Secret the server reads them from.
     */
    @TestFactory
    Stream<DynamicTest> everyResourceServerTrustsAndReachesTheAuthorizationServer() {
        return Repository.overlays().stream().map(overlay -> DynamicTest.dynamicTest(overlay, () -> {
            List<KubeObject> objects = Rendered.overlay(overlay);
            List<ServiceEnvironment> environments = ServiceEnvironment.kubernetes(overlay);
            ServiceEnvironment server = environments.stream()
                    .filter(e -> Repository.AUTH_SERVER.equals(e.service())).findFirst().orElseThrow();
            String issuer = server.literal("SPRING_SECURITY_OAUTH2_AUTHORIZATIONSERVER_ISSUER");
            KubeObject service = ConfigurationDriftTest.find(objects, "Service", Repository.AUTH_SERVER);
            assertThat(issuer).as("the issuer is the address of the server's Service")
                    .isEqualTo("http://" + service.name() + ":" + Tree.maps(service.content(), "spec.ports")
                            .getFirst().get("port"));
            assertThat(selecting(objects, "PodDisruptionBudget", "spec.selector", Repository.AUTH_SERVER)).hasSize(1);
            assertThat(selecting(objects, "NetworkPolicy", "spec.podSelector", Repository.AUTH_SERVER)).isNotEmpty();

            for (ServiceEnvironment resourceServer : environments) {
                if (resourceServer == server) {
                    continue;
                }
                assertThat(resourceServer.literal("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUERURI"))
                        .as("issuer trusted by %s", resourceServer.describe()).isEqualTo(issuer);
                assertThat(selecting(objects, "NetworkPolicy", "spec.podSelector", resourceServer.service()))
                        .as("network policies letting %s fetch the server's keys", resourceServer.describe())
                        .flatExtracting(policy -> Tree.maps(policy.content(), "spec.egress"))
                        .anySatisfy(rule -> {
                            assertThat(Tree.maps(rule, "to")).extracting(to -> Tree.at(to,
                                    "podSelector.matchLabels")).contains(Map.of("app.kubernetes.io/name",
                                    Repository.AUTH_SERVER));
                            assertThat(Tree.maps(rule, "ports")).extracting(port -> port.get("port")).contains(9000);
                        });
            }

            KubeObject monitor = objects.stream().filter(o -> "ServiceMonitor".equals(o.kind())).findFirst()
                    .orElseThrow();
            for (Map<String, Object> endpoint : Tree.maps(monitor.content(), "spec.endpoints")) {
                assertThat(Tree.at(endpoint, "oauth2.tokenUrl")).as("token endpoint Prometheus calls, from its own "
                                + "namespace").isEqualTo("http://%s.%s.svc:9000/oauth2/token".formatted(Repository.AUTH_SERVER,
                        monitor.get("metadata.namespace")));
                assertThat(new ServiceEnvironment.Value(null, (String) Tree.at(endpoint, "oauth2.clientSecret.name"),
                        (String) Tree.at(endpoint, "oauth2.clientSecret.key")))
                        .isEqualTo(server.variables().get("ORDERFLOW_AUTH_OPERATOR_SECRET"));
                assertThat(Tree.at(endpoint, "oauth2.scopes")).isEqualTo(List.of("orderflow.admin"));
            }
        }));
    }

    /**
     * The console runs in every overlay: one replica (operators' log-in sessions live in its memory) and so no
     * autoscaler, a disruption budget, scraped by Prometheus. It calls each service's admin API at that service's
     * Service, which its network policy lets it reach; and a browser logs in to it through loopback addresses (the
     * operator's port-forwards), the one the authorization server sends it back to among them.
     */
    @TestFactory
    Stream<DynamicTest> theConsoleRunsOnceReachesTheServicesItActsThroughAndLogsInOnALoopback() {
        String console = Repository.CONSOLE;
        return Repository.overlays().stream().map(overlay -> DynamicTest.dynamicTest(overlay, () -> {
            List<KubeObject> objects = Rendered.overlay(overlay);
            List<ServiceEnvironment> environments = ServiceEnvironment.kubernetes(overlay);
            ServiceEnvironment environment = environments.stream().filter(e -> console.equals(e.service()))
                    .findFirst().orElseThrow();
            assertThat(ConfigurationDriftTest.find(objects, "Deployment", console).get("spec.replicas")).isEqualTo(1);
            assertThat(objects).as("autoscalers of the console")
                    .filteredOn(o -> List.of("HorizontalPodAutoscaler", "ScaledObject").contains(o.kind()))
                    .noneMatch(o -> console.equals(o.get("spec.scaleTargetRef.name")));
            assertThat(selecting(objects, "PodDisruptionBudget", "spec.selector", console)).hasSize(1);
            assertThat(selecting(objects, "ServiceMonitor", "spec.selector", console)).hasSize(1);
            List<Map<String, Object>> egress = selecting(objects, "NetworkPolicy", "spec.podSelector", console).stream()
                    .flatMap(policy -> Tree.maps(policy.content(), "spec.egress").stream()).toList();

            for (String service : Repository.SERVICES) {
                KubeObject target = ConfigurationDriftTest.find(objects, "Service", service);
                String variable = "ORDERFLOW_CONSOLE_SERVICES_" + service.replace("-", "").toUpperCase(Locale.ROOT);
                assertThat(environment.literal(variable)).as("%s of the console in %s", variable, overlay)
                        .isEqualTo("http://" + service + ":" + Tree.maps(target.content(), "spec.ports").getFirst()
                                .get("port"));
                Object containerPort = Tree.maps(ServiceEnvironment.mainContainer(ConfigurationDriftTest.find(objects,
                        "Deployment", service)), "ports").getFirst().get("containerPort");
                assertThat(egress).as("the console's way to %s's admin API", service).anySatisfy(rule -> {
                    assertThat(Tree.maps(rule, "to")).extracting(to -> Tree.at(to, "podSelector.matchLabels"))
                            .contains(Map.of("app.kubernetes.io/name", service));
                    assertThat(Tree.maps(rule, "ports")).extracting(port -> port.get("port")).contains(containerPort);
                });
            }

            ServiceEnvironment server = environments.stream().filter(e -> Repository.AUTH_SERVER.equals(e.service()))
                    .findFirst().orElseThrow();
            URI frontChannel = URI.create(environment.literal("ORDERFLOW_CONSOLE_LOGIN_FRONTCHANNEL"));
            URI sentBackTo = URI.create(server.literal(
                    "SPRING_SECURITY_OAUTH2_AUTHORIZATIONSERVER_CLIENT_CONSOLE_REGISTRATION_REDIRECTURIS"));
            assertThat(frontChannel).as("where browsers log in: a port-forward of the authorization server")
                    .isEqualTo(URI.create("http://127.0.0.1:" + Tree.maps(ConfigurationDriftTest.find(objects,
                            "Service", Repository.AUTH_SERVER).content(), "spec.ports").getFirst().get("port")));
            assertThat(sentBackTo).as("where the authorization server sends a logged-in browser: a port-forward of "
                            + "the console").isEqualTo(URI.create("http://127.0.0.1:" + Tree.maps(
                    ConfigurationDriftTest.find(objects, "Service", console).content(), "spec.ports").getFirst()
                    .get("port") + "/login/oauth2/code/orderflow"));
        }));
    }

    /**
     * Where a Deployment would export its spans (its OTLP endpoint, once export is switched on), its network policy
     * lets it go: to the pods of the Service the endpoint names, on that port.
     */
    @TestFactory
    Stream<DynamicTest> everyTraceExporterMayReachItsCollector() {
        return Repository.overlays().stream().map(overlay -> DynamicTest.dynamicTest(overlay, () -> {
            List<KubeObject> objects = Rendered.overlay(overlay);
            List<ServiceEnvironment> exporters = ServiceEnvironment.kubernetes(overlay).stream()
                    .filter(e -> e.literal("MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT") != null).toList();
            assertThat(exporters).extracting(ServiceEnvironment::service).containsAll(Repository.KAFKA_CLIENTS);
            for (ServiceEnvironment exporter : exporters) {
                URI endpoint = URI.create(exporter.literal("MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT"));
                assertThat(selecting(objects, "NetworkPolicy", "spec.podSelector", exporter.service()))
                        .as("network policies letting %s export spans to %s", exporter.describe(), endpoint)
                        .flatExtracting(policy -> Tree.maps(policy.content(), "spec.egress"))
                        .anySatisfy(rule -> {
                            assertThat(Tree.maps(rule, "to")).extracting(to -> Tree.at(to, "podSelector.matchLabels"))
                                    .contains(Map.of("app.kubernetes.io/name", endpoint.getHost()));
                            assertThat(Tree.maps(rule, "ports")).extracting(port -> port.get("port"))
                                    .contains(endpoint.getPort());
                        });
            }
        }));
    }

    @Test
    void noOverlayCarriesASecret() {
        for (String overlay : Repository.overlays()) {
            assertThat(Rendered.overlay(overlay)).as("Secrets of k8s/overlays/%s: the operators generate them", overlay)
                    .noneMatch(o -> "Secret".equals(o.kind()));
        }
    }

    @TestFactory
    Stream<DynamicTest> kafkaTopicsAreTheContractsTopicsAndSurviveABrokerLoss() {
        return Repository.overlays().stream().map(overlay -> DynamicTest.dynamicTest(overlay, () -> {
            List<KubeObject> objects = Rendered.overlay(overlay);
            List<KubeObject> topics = objects.stream().filter(o -> "KafkaTopic".equals(o.kind())).toList();
            List<String> expected = Stream.concat(Topics.ALL.stream(), Topics.ALL.stream().map(Topics::deadLetter))
                    .toList();
            assertThat(topics).extracting(t -> t.get("spec.topicName"))
                    .containsExactlyInAnyOrderElementsOf(expected);
            assertThat(topics).filteredOn(t -> Topics.INVENTORY_PRODUCTS.equals(t.get("spec.topicName")))
                    .singleElement().satisfies(t -> assertThat(Tree.map(t.content(), "spec.config").get("cleanup.policy"))
                            .isEqualTo("compact"));
            int brokers = objects.stream().filter(o -> "KafkaNodePool".equals(o.kind()))
                    .filter(o -> ((List<?>) o.get("spec.roles")).contains("broker"))
                    .mapToInt(o -> (Integer) o.get("spec.replicas")).sum();
            for (KubeObject topic : topics) {
                int replicas = (Integer) topic.get("spec.replicas");
                int minInSync = (Integer) Tree.map(topic.content(), "spec.config").get("min.insync.replicas");
                assertThat(replicas).as("replicas of %s, on %d brokers", topic.describe(), brokers)
                        .isBetween(1, brokers);
                if (replicas > 1) {
                    assertThat(minInSync).as("min.insync.replicas of %s: one broker may be down", topic.describe())
                            .isLessThan(replicas).isGreaterThan(1);
                }
            }
        }));
    }

    private static Stream<KubeObject> deployments() {
        return Repository.overlays().stream().flatMap(o -> Rendered.overlay(o).stream())
                .filter(o -> "Deployment".equals(o.kind()));
    }

    /** Objects of a kind whose label selector (matchLabels or an In expression) picks the service's pods. */
    private static List<KubeObject> selecting(List<KubeObject> objects, String kind, String selectorPath,
            String service) {
        return objects.stream().filter(o -> kind.equals(o.kind())).filter(o -> {
            Map<String, Object> selector = Tree.map(o.content(), selectorPath);
            return service.equals(Tree.map(selector, "matchLabels").get("app.kubernetes.io/name")) || Tree.maps(selector, "matchExpressions").stream()
                    .anyMatch(e -> "app.kubernetes.io/name".equals(e.get("key")) && "In".equals(e.get("operator"))
                            && ((List<?>) e.get("values")).contains(service));
        }).toList();
    }
}
