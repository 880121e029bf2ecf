package dev.orderflow.localstack.launcher;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code ./orderflow up}: runs Kafka, PostgreSQL, the simulator and the four services on the ports of docs/contract.md
 * until Ctrl-C, which stops the services, then Kafka, then PostgreSQL.
 *
 * <p>Environment: {@code ORDERFLOW_KAFKA_PORT} (9092), {@code ORDERFLOW_POSTGRES_PORT} (5432),
 * {@code ORDERFLOW_LOCAL_STACK_DIR} ({@code ./.local-stack}: data and logs),
 * {@code ORDERFLOW_READINESS_TIMEOUT} (seconds per service, 180). Argument {@code --infrastructure-only} starts only
 * Kafka and PostgreSQL with the databases, e.g. to run a service from an IDE.
 */
public final class LocalStack {

    private LocalStack() {
    }

    public static void main(String[] args) {
        // Before anything touches SLF4J: without it Logback's default prints every DEBUG line of the Kafka client.
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "dev/orderflow/localstack/launcher/launcher-logback.xml");
        }
        boolean infrastructureOnly = List.of(args).contains("--infrastructure-only");
        Stack.Builder builder = Stack.builder()
                .kafkaPort(setting("ORDERFLOW_KAFKA_PORT").map(Integer::parseInt).orElse(9092))
                .postgresPort(setting("ORDERFLOW_POSTGRES_PORT").map(Integer::parseInt).orElse(5432))
                .readinessTimeout(Duration.ofSeconds(
                        setting("ORDERFLOW_READINESS_TIMEOUT").map(Long::parseLong).orElse(180L)))
                .progress(line -> System.out.println("  " + line));
        setting("ORDERFLOW_LOCAL_STACK_DIR").map(Path::of).ifPresent(builder::directory);
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
        AtomicBoolean stopping = new AtomicBoolean();
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("local-stack-stop").unstarted(() -> {
            stopping.set(true);
            System.out.println(System.lineSeparator() + "Stopping the services, then Kafka, then PostgreSQL ...");
            stack.close();
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
        System.out.println(summary(stack));
        try {
            Thread.currentThread().join();
        }
        catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    static String summary(Stack stack) {
        StringBuilder text = new StringBuilder(System.lineSeparator());
        text.append("orderflow is up. Kafka %s, PostgreSQL 127.0.0.1:%d (databases orders, inventory, payments, notifications;%n"
                .formatted(stack.kafkaBootstrapServers(), stack.postgresPort()));
        text.append("user = password = database name).%n%n".formatted());
        for (ServiceProcess service : stack.services()) {
            text.append("  %-21s %s/actuator/health".formatted(service.name(), service.baseUrl()));
            if (service.service() != OrderflowService.EXTERNAL_SIMULATOR) {
                text.append("   Swagger UI %s/swagger-ui/index.html".formatted(service.baseUrl()));
            }
            text.append(System.lineSeparator());
        }
        if (stack.services().stream().anyMatch(service -> service.service() == OrderflowService.ORDER)) {
            String orders = stack.service(OrderflowService.ORDER).baseUrl() + "/api/orders";
            text.append("""

                    Place an order for c-1001 and follow it:
                      curl -si -X POST %1$s -H 'Content-Type: application/json' -H 'Idempotency-Key: demo-1' \\
                           -d '{"customerId":"c-1001","items":[{"sku":"SKU-001","quantity":2}]}'
                      curl -s %1$s/<id>            # PENDING, then CONFIRMED
                      curl -s %1$s/<id>/events     # its history, oldest first
                    """.formatted(orders));
            serviceUrl(stack, OrderflowService.INVENTORY).ifPresent(url ->
                    text.append("  curl -s %s/api/products/SKU-001%n".formatted(url)));
            serviceUrl(stack, OrderflowService.PAYMENT).ifPresent(url ->
                    text.append("  curl -s '%s/api/payments?orderId=<id>'%n".formatted(url)));
            serviceUrl(stack, OrderflowService.NOTIFICATION).ifPresent(url ->
                    text.append("  curl -s '%s/api/notifications?orderId=<id>'%n".formatted(url)));
        }
        text.append("%nLogs: %s/<name>.log. Ctrl-C stops everything.".formatted(stack.logDirectory()));
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
