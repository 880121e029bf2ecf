package dev.orderflow.localstack.launcher;

import java.util.Optional;

/** The processes of the system besides Kafka and PostgreSQL, in the order the launcher starts them. */
public enum OrderflowService {

    EXTERNAL_SIMULATOR("external-simulator", 8090, null),
    INVENTORY("inventory-service", 8082, "inventory"),
    PAYMENT("payment-service", 8083, "payments"),
    NOTIFICATION("notification-service", 8084, "notifications"),
    ORDER("order-service", 8081, "orders");

    private final String module;

    private final int designPort;

    private final String database;

    OrderflowService(String module, int designPort, String database) {
        this.module = module;
        this.designPort = designPort;
        this.database = database;
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
}
