package dev.orderflow.deployment;

import dev.orderflow.deployment.Rendered.KubeObject;
import dev.orderflow.deployment.Rendered.Tree;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The environment variables one service gets in one way of running it: a Compose service or a container of a
 * Kubernetes Deployment in one overlay. A value is either literal or a reference to a Secret key.
 */
record ServiceEnvironment(String where, String service, Map<String, Value> variables) {

    record Value(String literal, String secretName, String secretKey) {

        boolean isLiteral() {
            return literal != null;
        }
    }

    String describe() {
        return service + " in " + where;
    }

    String literal(String name) {
        Value value = variables.get(name);
        return value == null ? null : value.literal();
    }

    /** The port the service listens on here: SERVER_PORT if set, else the one its application.yml declares. */
    int port(EmbeddedConfiguration configuration) {
        String serverPort = literal("SERVER_PORT");
        if (serverPort != null) {
            return Integer.parseInt(serverPort);
        }
        return configuration.serverPort().orElseThrow(() -> new AssertionError(service + " declares no server.port, "
                + "so " + where + " must set SERVER_PORT"));
    }

    List<String> activeProfiles() {
        String profiles = literal("SPRING_PROFILES_ACTIVE");
        return profiles == null ? List.of() : Arrays.stream(profiles.split(",")).map(String::trim).toList();
    }

    /** Every service of docker-compose.yml (all profiles) that is built from a module of this repository. */
    static List<ServiceEnvironment> compose() {
        List<ServiceEnvironment> environments = new ArrayList<>();
        Tree.map(Rendered.compose(), "services").forEach((name, definition) -> {
            if (Repository.IN_COMPOSE.contains(name)) {
                Map<String, Value> variables = new LinkedHashMap<>();
                Tree.map(definition, "environment").forEach((key, value) ->
                        variables.put(key, new Value(Objects.toString(value, ""), null, null)));
                environments.add(new ServiceEnvironment("docker-compose.yml", name, variables));
            }
        });
        return environments;
    }

    /** The main container of every Deployment of one overlay. */
    static List<ServiceEnvironment> kubernetes(String overlay) {
        List<ServiceEnvironment> environments = new ArrayList<>();
        for (KubeObject deployment : Rendered.overlay(overlay)) {
            if (!"Deployment".equals(deployment.kind())) {
                continue;
            }
            Map<String, Object> container = mainContainer(deployment);
            if (container.containsKey("envFrom")) {
                throw new AssertionError(deployment.describe() + " uses envFrom: list variables one by one in env, "
                        + "so that each name can be checked against the service's settings");
            }
            Map<String, Value> variables = new LinkedHashMap<>();
            for (Map<String, Object> variable : Tree.maps(container, "env")) {
                String name = (String) variable.get("name");
                if (variable.containsKey("value")) {
                    variables.put(name, new Value(Objects.toString(variable.get("value"), ""), null, null));
                } else {
                    variables.put(name, new Value(null, (String) Tree.at(variable, "valueFrom.secretKeyRef.name"),
                            (String) Tree.at(variable, "valueFrom.secretKeyRef.key")));
                }
            }
            environments.add(new ServiceEnvironment("k8s/overlays/" + overlay, deployment.name(), variables));
        }
        return environments;
    }

    /** The container named like its Deployment. */
    static Map<String, Object> mainContainer(KubeObject deployment) {
        return Tree.maps(deployment.content(), "spec.template.spec.containers").stream()
                .filter(c -> deployment.name().equals(c.get("name")))
                .findFirst()
                .orElseThrow(() -> new AssertionError(deployment.describe() + " has no container named "
                        + deployment.name()));
    }

    /** Compose and every overlay. */
    static List<ServiceEnvironment> everywhere() {
        List<ServiceEnvironment> all = new ArrayList<>(compose());
        Repository.overlays().forEach(overlay -> all.addAll(kubernetes(overlay)));
        return all;
    }
}
