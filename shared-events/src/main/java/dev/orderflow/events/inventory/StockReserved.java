package dev.orderflow.events.inventory;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** Every line of the order is reserved. */
public record StockReserved(UUID orderId, List<StockLine> lines) implements InventoryEvent {

    public static final String TYPE = "dev.orderflow.inventory.StockReserved.v1";

    public StockReserved {
        Objects.requireNonNull(orderId, "orderId");
        lines = List.copyOf(Objects.requireNonNull(lines, "lines"));
    }
}
