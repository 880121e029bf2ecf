package dev.orderflow.deployment;

import dev.orderflow.deployment.KafkaAccess.Acl;
import dev.orderflow.deployment.Rendered.KubeObject;
import dev.orderflow.deployment.Rendered.Tree;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kafka in the prod overlay: every client authenticates (SCRAM-SHA-512 over TLS), each service (and the console)
 * logs in as its own KafkaUser, and each KafkaUser's ACLs are exactly those {@link KafkaAccess} derives from the
 * contract: a topic or group the contract gives a service and its user lacks fails here, and so does one the user
 * has beyond it.
 */
class KafkaAclsTest {

    private static final String OVERLAY = "prod";

    @Test
    void everyPrincipalHasExactlyTheAclsTheContractGivesIt() {
        Map<String, Set<Acl>> granted = objects("KafkaUser")
                .collect(Collectors.toMap(KubeObject::name, KafkaAccess::granted));
        Map<String, Set<Acl>> expected = KafkaAccess.expected();

        assertThat(expected.keySet()).containsAll(Repository.KAFKA_CLIENTS);
        assertThat(granted.keySet()).as("KafkaUsers of k8s/overlays/%s", OVERLAY)
                .containsExactlyInAnyOrderElementsOf(expected.keySet());
        expected.forEach((principal, acls) -> assertThat(granted.get(principal)).as("ACLs of KafkaUser %s", principal)
                .containsExactlyInAnyOrderElementsOf(acls));
    }

    @Test
    void everyListenerAuthenticatesAndNothingIsAllowedWithoutAnAcl() {
        KubeObject kafka = objects("Kafka").findFirst().orElseThrow();

        assertThat(kafka.get("spec.kafka.authorization.type")).isEqualTo("simple");
        assertThat(Tree.maps(kafka.content(), "spec.kafka.listeners")).isNotEmpty().allSatisfy(listener -> {
            assertThat(Tree.at(listener, "authentication.type")).as("listener %s", listener).isEqualTo("scram-sha-512");
            assertThat(listener.get("tls")).as("listener %s", listener).isEqualTo(true);
        });
        assertThat(kafka.get("spec.entityOperator.userOperator")).as("the User Operator, which applies KafkaUsers")
                .isNotNull();
        assertThat(objects("KafkaUser")).allSatisfy(user -> {
            assertThat(user.get("spec.authentication.type")).as(user.describe()).isEqualTo("scram-sha-512");
            assertThat(Tree.map(user.content(), "metadata.labels").get("strimzi.io/cluster")).as(user.describe())
                    .isEqualTo(kafka.name());
        });
    }

    @TestFactory
    Stream<DynamicTest> everyServiceLogsInAsItsOwnUserOverTls() {
        KubeObject kafka = objects("Kafka").findFirst().orElseThrow();
        int port = listenerPort(kafka);
        String bootstrap = bootstrap(kafka);
        List<KubeObject> all = Rendered.overlay(OVERLAY);
        return ServiceEnvironment.kubernetes(OVERLAY).stream()
                .filter(environment -> Repository.KAFKA_CLIENTS.contains(environment.service()))
                .map(environment -> DynamicTest.dynamicTest(environment.service(), () -> {
                    String service = environment.service();
                    assertThat(environment.literal("SPRING_KAFKA_BOOTSTRAP_SERVERS")).isEqualTo(bootstrap);
                    assertThat(environment.literal("SPRING_KAFKA_SECURITY_PROTOCOL")).isEqualTo("SASL_SSL");
                    assertThat(environment.literal("SPRING_KAFKA_PROPERTIES_SASL_MECHANISM")).isEqualTo("SCRAM-SHA-512");
                    assertThat(environment.variables().get("SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG"))
                            .as("the credentials of KafkaUser %s", service)
                            .isEqualTo(new ServiceEnvironment.Value(null, service, "sasl.jaas.config"));
                    assertThat(environment.literal("SPRING_KAFKA_PROPERTIES_SSL_TRUSTSTORE_TYPE")).isEqualTo("PEM");
                    assertThat(environment.variables().get("SPRING_KAFKA_PROPERTIES_SSL_TRUSTSTORE_CERTIFICATES"))
                            .isEqualTo(new ServiceEnvironment.Value(null, kafka.name() + "-cluster-ca-cert", "ca.crt"));
                    assertThat(all.stream().filter(o -> "NetworkPolicy".equals(o.kind()) && service.equals(o.name())))
                            .singleElement().satisfies(policy -> assertThat(Tree.maps(policy.content(), "spec.egress"))
                                    .filteredOn(rule -> Tree.maps(rule, "to").stream().anyMatch(to -> kafka.name()
                                            .equals(Tree.map(to, "podSelector.matchLabels").get("strimzi.io/cluster"))))
                                    .singleElement().satisfies(rule -> assertThat(Tree.maps(rule, "ports"))
                                            .extracting(p -> p.get("port")).containsExactly(port)));
                }));
    }

    @Test
    void kedaReadsTheLagAsTheLagReader() {
        KubeObject kafka = objects("Kafka").findFirst().orElseThrow();
        List<Map<String, Object>> triggers = objects("ScaledObject")
                .flatMap(o -> Tree.maps(o.content(), "spec.triggers").stream())
                .filter(trigger -> "kafka".equals(trigger.get("type"))).toList();

        assertThat(triggers).hasSize(Repository.SERVICES.size()).allSatisfy(trigger -> {
            assertThat(Tree.at(trigger, "metadata.bootstrapServers")).isEqualTo(bootstrap(kafka));
            KubeObject authentication = objects("TriggerAuthentication")
                    .filter(o -> o.name().equals(Tree.at(trigger, "authenticationRef.name"))).findFirst().orElseThrow();
            assertThat(Tree.maps(authentication.content(), "spec.secretTargetRef"))
                    .contains(Map.of("parameter", "password", "name", KafkaAccess.LAG_READER, "key", "password"));
            Map<String, Object> username = Tree.maps(authentication.content(), "spec.configMapTargetRef").stream()
                    .filter(ref -> "username".equals(ref.get("parameter"))).findFirst().orElseThrow();
            assertThat(objects("ConfigMap").filter(o -> o.name().equals(username.get("name"))))
                    .singleElement().satisfies(map -> assertThat(Tree.map(map.content(), "data")
                            .get((String) username.get("key"))).isEqualTo(KafkaAccess.LAG_READER));
        });
    }

    /** The port of the cluster's (only) listener. */
    private static int listenerPort(KubeObject kafka) {
        return (Integer) Tree.maps(kafka.content(), "spec.kafka.listeners").getFirst().get("port");
    }

    /** Strimzi's bootstrap Service of the cluster, on that listener. */
    private static String bootstrap(KubeObject kafka) {
        return kafka.name() + "-kafka-bootstrap:" + listenerPort(kafka);
    }

    private static Stream<KubeObject> objects(String kind) {
        return Rendered.overlay(OVERLAY).stream().filter(o -> kind.equals(o.kind()));
    }
}
