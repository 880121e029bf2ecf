package dev.orderflow.localstack.launcher;

import java.util.Optional;

/** The processes of the system besides Kafka and PostgreSQL, in the order the launcher starts them. */
public enum OrderflowService {

    AUTH("auth-server", 9000, "auth", null),
    EXTERNAL_SIMULATOR("external-simulator", 8090, null, null),
    INVENTORY("inventory-service", 8082, "inventory", null),
    PAYMENT("payment-service", 8083, "payments", "ORDERFLOW_PAYMENT_PSP_BASE_URL"),
    NOTIFICATION("notification-service", 8084, "notifications", "ORDERFLOW_NOTIFICATION_PROVIDER_BASE_URL"),
    ORDER("order-service", 8081, "orders", null),
    CONSOLE("console", 8085, "console", null);

    private final String module;

    private final int designPort;

    private final String database;

    private final String outsidePartySetting;

    OrderflowService(String module, int designPort, String database, String outsidePartySetting) {
        this.module = module;
        this.designPort = designPort;
        this.database = database;
        this.outsidePartySetting = outsidePartySetting;
    }

    /** The Maven module, which is also the {@code spring.application.name}. */
    public String module() {
        return module;
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
     * The setting (as an environment variable) that tells the service where its outside party answers (the payment
     * gateway, the message provider): in a local stack, the simulator. Empty for a service that calls nobody.
     */
    public Optional<String> outsidePartySetting() {
        return Optional.ofNullable(outsidePartySetting);
    }
}
