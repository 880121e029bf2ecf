package dev.orderflow.localstack.launcher;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * How every service of a stack is launched: one JVM command line for all, and each service's environment, built
 * from what the stack chose (ports, Kafka, its database) with Spring Boot's own setting names, plus what the
 * stack's builder added for one service. What a service calls outside is the simulator, through the setting its
 * {@link OrderflowService} names.
 */
final class ServiceLaunch {

    private final List<String> jvm;

    private final List<String> profiles;

    private final Map<OrderflowService, Map<String, Function<Stack.Ports, String>>> extraEnvironment;

    private final Path stackDirectory;

    ServiceLaunch(String childMarker, List<String> jvmOptions, List<String> profiles,
            Map<OrderflowService, Map<String, Function<Stack.Ports, String>>> extraEnvironment, Path stackDirectory) {
        List<String> command = new ArrayList<>();
        command.add(ChildProcess.javaExecutable());
        // First after "java", so a later run finds it within the part of the command line the JDK reads.
        command.add(childMarker);
        command.addAll(jvmOptions);
        this.jvm = List.copyOf(command);
        this.profiles = List.copyOf(profiles);
        this.extraEnvironment = extraEnvironment;
        this.stackDirectory = stackDirectory;
    }

    /** {@code java}, the stack's marker and the JVM options: what comes before {@code -jar}. */
    List<String> jvm() {
        return jvm;
    }

    /** The environment of {@code service} in a stack whose services, ports, broker and databases are these. */
    Map<String, String> environment(OrderflowService service, Map<OrderflowService, Integer> ports,
            String kafkaBootstrapServers, Function<String, String> jdbcUrl) {
        Stack.Ports resolved = other -> Optional.ofNullable(ports.get(other)).orElseThrow(
                () -> new IllegalArgumentException(other + " is not part of this stack"));
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("SERVER_PORT", String.valueOf(resolved.port(service)));
        environment.put("SPRING_PROFILES_ACTIVE", String.join(",", profiles));
        environment.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrapServers);
        service.database().ifPresent(database -> {
            environment.put("SPRING_DATASOURCE_URL", jdbcUrl.apply(database));
            environment.put("SPRING_DATASOURCE_USERNAME", database);
            environment.put("SPRING_DATASOURCE_PASSWORD", database);
        });
        // The outside parties the services call (the simulator's; order-service's for the console), wherever this
        // stack put them.
        service.calls().stream().filter(call -> ports.containsKey(call.party()))
                .forEach(call -> environment.put(call.setting(), resolved.baseUrl(call.party())));
        // The authorization server's secrets are the stack's own; its tokens name the address clients reach it at.
        if (service == OrderflowService.AUTH) {
            environment.putAll(LocalSecrets.in(stackDirectory)
                    .authServerEnvironment(resolved.baseUrl(OrderflowService.AUTH)));
        } else if (ports.containsKey(OrderflowService.AUTH)) {
            // Every service trusts the tokens of this stack's authorization server (and fetches its JWK set there).
            environment.put("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUERURI",
                    resolved.baseUrl(OrderflowService.AUTH));
        }
        if (service == OrderflowService.CONSOLE) {
            environment.putAll(LocalSecrets.in(stackDirectory).consoleEnvironment());
        }
        extraEnvironment.getOrDefault(service, Map.of())
                .forEach((name, value) -> environment.put(name, value.apply(resolved)));
        return environment;
    }
}
