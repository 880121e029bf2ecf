package dev.orderflow.events.inventory;

import java.util.Objects;
import java.util.UUID;

/**
 * Compensation: give back whatever the order holds, reserved or sold. Releasing an order that holds nothing
 * is a no-op, so the saga may send it whenever a reservation might exist. Answered by StockReleased.
 */
public record ReleaseStock(UUID orderId) implements InventoryCommand {

    public static final String TYPE = "dev.orderflow.inventory.ReleaseStock.v1";

    public ReleaseStock {
        Objects.requireNonNull(orderId, "orderId");
    }
}
