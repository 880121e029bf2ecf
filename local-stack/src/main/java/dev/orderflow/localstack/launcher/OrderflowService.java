package dev.orderflow.localstack.launcher;

import java.util.Optional;

/** The processes of the system besides Kafka and PostgreSQL, in the order the launcher starts them. */
public enum OrderflowService {

    AUTH("auth-server", 9000, "auth", null, null),
    EXTERNAL_SIMULATOR("external-simulator", 8090, null, null, null),
    INVENTORY("inventory-service", 8082, "inventory", null, null),
    PAYMENT("payment-service", 8083, "payments", "ORDERFLOW_PAYMENT_PSP_BASE_URL", EXTERNAL_SIMULATOR),
    NOTIFICATION("notification-service", 8084, "notifications", "ORDERFLOW_NOTIFICATION_PROVIDER_BASE_URL",
            EXTERNAL_SIMULATOR),
    ORDER("order-service", 8081, "orders", null, null),
    // The console's operators resume or compensate stuck sagas through order-service's admin API.
    CONSOLE("console", 8085, "console", "ORDERFLOW_CONSOLE_ORDERSERVICE_URL", ORDER);

    private final String module;

    private final int designPort;

    private final String database;

    private final String outsidePartySetting;

    private final OrderflowService outsideParty;

    OrderflowService(String module, int designPort, String database, String outsidePartySetting,
            OrderflowService outsideParty) {
        this.module = module;
        this.designPort = designPort;
        this.database = database;
        this.outsidePartySetting = outsidePartySetting;
        this.outsideParty = outsideParty;
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
     * gateway, the message provider, order-service's admin API for the console). Empty for a service that calls nobody.
     */
    public Optional<String> outsidePartySetting() {
        return Optional.ofNullable(outsidePartySetting);
    }

    /** Who answers for the outside party in a local stack: the simulator, or order-service for the console. */
    public Optional<OrderflowService> outsideParty() {
        return Optional.ofNullable(outsideParty);
    }
}
