package dev.orderflow.localstack.launcher;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What {@code ./orderflow} runs: {@code up} runs Kafka, PostgreSQL, the simulator, the four services and the console on
 * the ports of docs/contract.md until Ctrl-C or {@code down}, which stop the services, then Kafka, then PostgreSQL; {@code status}
 * prints each process with its pid, port, readiness and CPU seconds; {@code down} stops what {@code up} started from
 * the same directory, and what a killed {@code up} left behind.
 *
 * <p>Environment: {@code ORDERFLOW_KAFKA_PORT} (9092), {@code ORDERFLOW_POSTGRES_PORT} (5432),
 * {@code ORDERFLOW_PORTS=free} (every process on a free port instead: several stacks side by side, tests),
 * {@code ORDERFLOW_LOCAL_STACK_DIR} ({@code ./.local-stack}: data, logs and the state {@code status} and
 * {@code down} read), {@code ORDERFLOW_READINESS_TIMEOUT} (seconds per service, 180). {@code up --infrastructure-only}
 * starts only Kafka and PostgreSQL with the databases, e.g. to run a service from an IDE; {@code up --detached} says
 * how to stop it the way {@code ./orderflow up -d} does, which runs it in the background.
 */
public final class LocalStack {

    private LocalStack() {
    }

    public static void main(String[] args) {
        // Before anything touches SLF4J: without it Logback's default prints every DEBUG line of the Kafka client.
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "dev/orderflow/localstack/launcher/launcher-logback.xml");
        }
        List<String> arguments = List.of(args);
        String verb = arguments.isEmpty() || arguments.getFirst().startsWith("--") ? "up" : arguments.getFirst();
        Path directory = setting("ORDERFLOW_LOCAL_STACK_DIR").map(Path::of).orElseGet(Stack::defaultDirectory)
                .toAbsolutePath().normalize();
        switch (verb) {
            case "up" -> up(directory, arguments.contains("--infrastructure-only"), arguments.contains("--detached"));
            case "status" -> System.exit(new StackControl(directory, System.out).status());
            case "down" -> {
                new StackControl(directory, System.out).down();
                System.exit(0);
            }
            default -> {
                System.err.println("Unknown command '" + verb + "': up, status or down");
                System.exit(2);
            }
        }
    }

    private static void up(Path directory, boolean infrastructureOnly, boolean detached) {
        Optional<ProcessHandle> running = StackState.readFrom(directory).flatMap(StackState::liveLauncher);
        if (running.isPresent()) {
            System.err.printf("orderflow is already running from %s (launcher pid %d): ./orderflow status shows it, "
                    + "./orderflow down stops it.%n", directory, running.get().pid());
            System.exit(2);
        }
        Stack.Builder builder = Stack.builder().directory(directory);
        if (setting("ORDERFLOW_PORTS").filter("free"::equals).isPresent()) {
            builder.randomPorts();
        }
        else if (setting("ORDERFLOW_PORTS").isPresent()) {
            System.err.println("ORDERFLOW_PORTS is 'free' or unset, not '" + System.getenv("ORDERFLOW_PORTS") + "'");
            System.exit(2);
        }
        switch (setting("ORDERFLOW_START_CACHE").orElse("on")) {
            case "on" -> builder.startupCache(directory.resolve("start-cache"));
            case "off" -> { }
            default -> {
                System.err.println("ORDERFLOW_START_CACHE is 'on' (the default) or 'off', not '"
                        + System.getenv("ORDERFLOW_START_CACHE") + "'");
                System.exit(2);
            }
        }
        setting("ORDERFLOW_KAFKA_PORT").map(Integer::parseInt).ifPresent(builder::kafkaPort);
        setting("ORDERFLOW_POSTGRES_PORT").map(Integer::parseInt).ifPresent(builder::postgresPort);
        builder.readinessTimeout(Duration.ofSeconds(setting("ORDERFLOW_READINESS_TIMEOUT").map(Long::parseLong)
                        .orElse(180L)))
                .progress(line -> System.out.println("  " + line));
        if (infrastructureOnly) {
            builder.services();
        }
        Stack stack;
        try {
            stack = builder.build();
        }
        catch (RuntimeException cannotBuild) {
            System.err.println(cannotBuild.getMessage());
            System.exit(2);
            return;
        }
        StackState state = StackState.ofThisLauncher();
        state.writeTo(directory);
        AtomicBoolean stopping = new AtomicBoolean();
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("local-stack-stop").unstarted(() -> {
            stopping.set(true);
            System.out.println(System.lineSeparator() + "Stopping the services, then Kafka, then PostgreSQL ...");
            stack.close();
            StackState.removeFrom(directory);
            System.out.println("Stopped. Data and logs stay in " + stack.directory());
        }));

        System.out.println("Starting orderflow; data and logs in " + stack.directory());
        try {
            stack.start();
        }
        catch (RuntimeException failed) {
            if (stopping.get()) {
                return; // Ctrl-C during start-up: the shutdown hook is stopping what had started.
            }
            System.err.println(System.lineSeparator() + "Start-up failed: " + failed.getMessage());
            System.exit(1);
        }
        Instant ready = Instant.now();
        state.ready(ready, processes(stack)).writeTo(directory);
        System.out.println(summary(stack, detached));
        System.out.printf("%nReady after %.1f s.%n", Duration.between(state.startedAt(), ready).toMillis() / 1000.0);
        try {
            Thread.currentThread().join();
        }
        catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static List<StackState.Entry> processes(Stack stack) {
        List<StackState.Entry> processes = new ArrayList<>();
        stack.kafka().pid().ifPresent(pid -> processes.add(
                new StackState.Entry("kafka", pid, stack.kafka().port(), StackState.Kind.KAFKA)));
        stack.postgres().ifPresent(postmaster -> processes.add(new StackState.Entry("postgresql", postmaster.pid(),
                stack.postgresPort(), StackState.Kind.POSTGRESQL)));
        for (ServiceProcess service : stack.services()) {
            service.pid().ifPresent(pid -> processes.add(
                    new StackState.Entry(service.name(), pid, service.port(), StackState.Kind.SERVICE)));
        }
        return processes;
    }

    static String summary(Stack stack, boolean detached) {
        StringBuilder text = new StringBuilder(System.lineSeparator());
        text.append(("orderflow is up. Kafka %s, PostgreSQL 127.0.0.1:%d (databases %s;%n").formatted(
                stack.kafkaBootstrapServers(), stack.postgresPort(), String.join(", ", Stack.DATABASES)));
        text.append("user = password = database name).%n%n".formatted());
        for (ServiceProcess service : stack.services()) {
            text.append("  %-21s %s/actuator/health".formatted(service.name(), service.baseUrl()));
            if (service.service() != OrderflowService.EXTERNAL_SIMULATOR
                    && service.service() != OrderflowService.AUTH) {
                text.append("   Swagger UI %s/swagger-ui/index.html".formatted(service.baseUrl()));
            }
            text.append(System.lineSeparator());
        }
        Optional<String> auth = serviceUrl(stack, OrderflowService.AUTH);
        auth.ifPresent(url -> text.append("""

                An operator's access token (client credentials; the secrets of this machine are in %1$s):
                  TOKEN=$(curl -s -u "orderflow-operator:$(sed -n 's/^auth.operator-secret=//p' %1$s)" \\
                       -d grant_type=client_credentials -d scope=orderflow.admin %2$s/oauth2/token \\
                       | sed -E 's/.*"access_token":"([^"]+)".*/\\1/')
                """.formatted(stack.directory().resolve(LocalSecrets.FILE), url)));
        String bearer = auth.isPresent() ? "-H \"Authorization: Bearer $TOKEN\" " : "";
        if (stack.services().stream().anyMatch(service -> service.service() == OrderflowService.ORDER)) {
            String orders = stack.service(OrderflowService.ORDER).baseUrl() + "/api/orders";
            text.append("""

                    Place an order for c-1001 and follow it:
                      curl -si -X POST %1$s %2$s-H 'Content-Type: application/json' \\
                           -H 'Idempotency-Key: demo-1' \\
                           -d '{"customerId":"c-1001","items":[{"sku":"SKU-001","quantity":2}]}'
                      curl -s %2$s%1$s/<id>            # PENDING, then CONFIRMED
                      curl -s %2$s%1$s/<id>/events     # its history, oldest first
                    """.formatted(orders, bearer));
            serviceUrl(stack, OrderflowService.INVENTORY).ifPresent(url ->
                    text.append("  curl -s %s/api/products/SKU-001%n".formatted(url)));
            serviceUrl(stack, OrderflowService.PAYMENT).ifPresent(url ->
                    text.append("  curl -s '%s/api/payments?orderId=<id>'%n".formatted(url)));
            serviceUrl(stack, OrderflowService.NOTIFICATION).ifPresent(url ->
                    text.append("  curl -s '%s/api/notifications?orderId=<id>'%n".formatted(url)));
            serviceUrl(stack, OrderflowService.CONSOLE).ifPresent(url ->
                    text.append("  curl -s %s%s/api/console/orders/<id>   # its saga, message by message%n"
                            .formatted(bearer, url)));
        }
        text.append("%nLogs: %s/<name>.log. %s".formatted(stack.logDirectory(),
                detached ? "./orderflow status shows each process, ./orderflow down stops everything."
                        : "Ctrl-C stops everything."));
        return text.toString();
    }

    private static Optional<String> serviceUrl(Stack stack, OrderflowService service) {
        return stack.services().stream().filter(process -> process.service() == service).findFirst()
                .map(process -> process.baseUrl().toString());
    }

    private static Optional<String> setting(String name) {
        return Optional.ofNullable(System.getenv(name)).filter(value -> !value.isBlank());
    }
}
