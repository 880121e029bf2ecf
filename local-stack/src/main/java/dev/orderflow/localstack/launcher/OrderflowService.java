package dev.orderflow.localstack.launcher;

import java.util.List;
import java.util.Optional;

/** The processes of the system besides Kafka and PostgreSQL, in the order the launcher starts them. */
public enum OrderflowService {

    AUTH("auth-server", 9000, "auth"),
    EXTERNAL_SIMULATOR("external-simulator", 8090, null),
    INVENTORY("inventory-service", 8082, "inventory"),
    PAYMENT("payment-service", 8083, "payments", new Call("ORDERFLOW_PAYMENT_PSP_BASE_URL", EXTERNAL_SIMULATOR)),
    NOTIFICATION("notification-service", 8084, "notifications",
            new Call("ORDERFLOW_NOTIFICATION_PROVIDER_BASE_URL", EXTERNAL_SIMULATOR)),
    ORDER("order-service", 8081, "orders"),
    // Operators act through the services' admin APIs: a stuck saga at order-service, a dead letter at its owner. An
    // observer: it runs at a lower CPU priority, so that on a busy machine it takes only what the saga leaves.
    CONSOLE("console", 8085, "console", 10,
            new Call("ORDERFLOW_CONSOLE_SERVICES_ORDERSERVICE", ORDER),
            new Call("ORDERFLOW_CONSOLE_SERVICES_INVENTORYSERVICE", INVENTORY),
            new Call("ORDERFLOW_CONSOLE_SERVICES_PAYMENTSERVICE", PAYMENT),
            new Call("ORDERFLOW_CONSOLE_SERVICES_NOTIFICATIONSERVICE", NOTIFICATION));

    private final String module;

    private final int designPort;

    private final String database;

    private final List<Call> calls;

    private final int niceness;

    OrderflowService(String module, int designPort, String database, Call... calls) {
        this(module, designPort, database, 0, calls);
    }

    OrderflowService(String module, int designPort, String database, int niceness, Call... calls) {
        this.module = module;
        this.designPort = designPort;
        this.database = database;
        this.niceness = niceness;
        this.calls = List.of(calls);
    }

    /** The Maven module, which is also the {@code spring.application.name}. */
    public String module() {
        return module;
    }

    /**
     * How much lower than the others the operating system schedules it (the {@code nice} increment): 0 for the
     * saga's processes; more for an observer, which then gets CPU only as far as they leave it some.
     */
    public int niceness() {
        return niceness;
    }

    /** The port docs/contract.md gives it: the one of local runs. */
    public int designPort() {
        return designPort;
    }

    /** Its own database, whose name is also its user and (locally) its password; the simulator has none. */
    public Optional<String> database() {
        return Optional.ofNullable(database);
    }

    /**
     * The outside parties the service calls (the payment gateway, the message provider; the services' admin APIs for
     * the console), each with the setting (an environment variable) that tells it where that party answers: in a
     * local stack, the simulator or the service itself. Empty for a service that calls nobody.
     */
    public List<Call> calls() {
        return calls;
    }

    /** An outside party the service calls, and the setting that gives it the party's base URL. */
    public record Call(String setting, OrderflowService party) {
    }
}
